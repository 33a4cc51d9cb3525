import { listCells } from './cell-access.ts';
import {
  type CellId,
  OUTCOME_GROUPS,
  type ReportTables,
  SECTION2_2019_LAYOUT,
  SECTION2_LAYOUT,
  SECTION3_COLUMNS,
  SECTION3_ROWS,
  SECTION4_BLOCKS,
  SECTION4_COLUMNS,
} from './cells.ts';

/**
 * The canonical JSON of a report's tables (annual-report-format.md): one shape and one key order for a
 * generated, an authored and a parsed report, so two of them can be compared as text or cell by cell.
 *
 * Key order: year, agency, formatVersion, section2, section3 (the 25 rows in printed order), section4,
 * then the optional extras section3_merged and section2_2019 (only when present). Every row lists its
 * columns in printed order. Keys outside the shape (notes, findings …) are dropped.
 */

type Row = Record<string, number | null>;
type Section = Record<string, Row>;

function orderedRows(
  source: Record<string, Record<string, number | null> | undefined>,
  rows: readonly { key: string; columns: readonly string[] }[],
): Section {
  const out: Section = {};
  for (const { key, columns } of rows) {
    const cells = source[key];
    if (!cells) continue;
    out[key] = Object.fromEntries(columns.map((c) => [c, cells[c] ?? null]));
  }
  return out;
}

const SECTION3_LAYOUT = SECTION3_ROWS.map((key) => ({ key, columns: SECTION3_COLUMNS }));
const SECTION4_LAYOUT = SECTION4_BLOCKS.map((key) => ({ key, columns: SECTION4_COLUMNS }));
const MERGED_LAYOUT = OUTCOME_GROUPS.map((g) => ({ key: g.key, columns: SECTION3_COLUMNS }));

type AnyRows = Record<string, Record<string, number | null> | undefined>;

/** A copy of the tables with keys in canonical order and nothing else. */
export function toCanonicalObject(tables: ReportTables): ReportTables {
  const out: Record<string, unknown> = {
    year: tables.year,
    agency: tables.agency,
    formatVersion: tables.formatVersion,
    section2: orderedRows(tables.section2 as unknown as AnyRows, SECTION2_LAYOUT),
    section3: orderedRows(tables.section3 as unknown as AnyRows, SECTION3_LAYOUT),
    section4: orderedRows(tables.section4 as unknown as AnyRows, SECTION4_LAYOUT),
  };
  if (tables.section3_merged) {
    out.section3_merged = orderedRows(tables.section3_merged as AnyRows, MERGED_LAYOUT);
  }
  if (tables.section2_2019) {
    out.section2_2019 = orderedRows(tables.section2_2019 as unknown as AnyRows, SECTION2_2019_LAYOUT);
  }
  return out as unknown as ReportTables;
}

/**
 * The canonical JSON text, laid out like the fixtures: one line per top-level key and per row, so that a
 * changed cell shows as one changed line in a diff. No trailing newline.
 */
export function toCanonicalJson(tables: ReportTables): string {
  const canonical = toCanonicalObject(tables) as unknown as Record<string, unknown>;
  const lines = Object.entries(canonical).map(([key, value]) => {
    if (typeof value !== 'object' || value === null)
      return `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`;
    const rows = Object.entries(value as Section).map(([rowKey, cells]) => {
      const inner = Object.entries(cells)
        .map(([c, v]) => `${JSON.stringify(c)}: ${JSON.stringify(v)}`)
        .join(', ');
      return `    ${JSON.stringify(rowKey)}: { ${inner} }`;
    });
    return `  ${JSON.stringify(key)}: {\n${rows.join(',\n')}\n  }`;
  });
  return `{\n${lines.join(',\n')}\n}`;
}

export interface CellDifference {
  cell: CellId;
  /** null: empty/unreadable, or the cell does not exist in that report (e.g. no section3_merged). */
  a: number | null;
  b: number | null;
}

/** Fees are decimals in 万元; anything closer than a millionth of the larger value is the same figure. */
function isSameValue(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  if (Number.isInteger(a) && Number.isInteger(b)) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * Cell-by-cell differences, in canonical order (cells only in b last). Metadata (year, agency,
 * formatVersion) is not compared: two readings of one report may spell the agency differently.
 */
export function diffTables(a: ReportTables, b: ReportTables): CellDifference[] {
  const bCells = new Map(listCells(b).map((e) => [e.cell, e.value] as const));
  const out: CellDifference[] = [];
  const seen = new Set<CellId>();
  for (const { cell, value } of listCells(a)) {
    seen.add(cell);
    const other = bCells.get(cell) ?? null;
    if (!isSameValue(value, other)) out.push({ cell, a: value, b: other });
  }
  for (const [cell, value] of bCells) {
    if (!seen.has(cell) && value !== null) out.push({ cell, a: null, b: value });
  }
  return out;
}

/** True when every cell holds the same value (null = null); see diffTables. */
export function equalTables(a: ReportTables, b: ReportTables): boolean {
  return diffTables(a, b).length === 0;
}
