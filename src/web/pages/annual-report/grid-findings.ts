import { parseCellId } from '../../../core/annual-report/cell-access.ts';
import type { CellId } from '../../../core/annual-report/cells.ts';
import type { Finding } from '../../../core/annual-report/rules.ts';

/** The printed tables of the grid: section 二's four small tables, 三 and 四. */
export type GridTable =
  | 'section2.documents'
  | 'section2.licensing'
  | 'section2.enforcement'
  | 'section2.fee'
  | 'section3'
  | 'section4';

const SECTION2_TABLE_OF_ROW: Record<string, GridTable> = {
  rule: 'section2.documents',
  normative_document: 'section2.documents',
  licensing: 'section2.licensing',
  penalty: 'section2.enforcement',
  coercion: 'section2.enforcement',
  administrative_fee: 'section2.fee',
};

/** Where a cell is printed: its table and its row there (section 四 has one row of 15 cells). */
export function placeOf(cell: CellId): { table: GridTable; row: string } | null {
  const id = parseCellId(cell);
  if (!id) return null;
  if (id.section === 'section2') {
    const table = SECTION2_TABLE_OF_ROW[id.row];
    return table ? { table, row: id.row } : null;
  }
  if (id.section === 'section3') return { table: 'section3', row: id.row };
  if (id.section === 'section4') return { table: 'section4', row: 'all' };
  return null;
}

export const rowKey = (table: GridTable, row: string) => `${table}/${row}`;

export interface FindingIndex {
  /** Findings that involve a cell: the cell is outlined and its tooltip quotes them. */
  byCell: Map<CellId, Finding[]>;
  /** Findings printed beside a row: the row of the last cell of this report they name. */
  byRow: Map<string, Finding[]>;
  /** Findings across several tables (e.g. "every figure equals last year's"): shown above the tables. */
  spanning: Finding[];
}

/**
 * Places each finding beside the cells it is about. The rules list a finding's cells with the result
 * last (R1: …, 结转下年度; R3: the leaves, then （七）总计), so the row of the last cell is where the
 * message reads naturally. Cells of last year's report and of the prose are not in the grid.
 */
export function indexFindings(findings: readonly Finding[]): FindingIndex {
  const byCell = new Map<CellId, Finding[]>();
  const byRow = new Map<string, Finding[]>();
  const spanning: Finding[] = [];
  for (const finding of findings) {
    const places = finding.cells.flatMap((cell) => {
      const place = placeOf(cell);
      if (!place) return [];
      byCell.set(cell, [...(byCell.get(cell) ?? []), finding]);
      return [place];
    });
    const tables = new Set(places.map((p) => p.table));
    const last = places.at(-1);
    if (tables.size !== 1 || !last) {
      spanning.push(finding);
      continue;
    }
    const key = rowKey(last.table, last.row);
    byRow.set(key, [...(byRow.get(key) ?? []), finding]);
  }
  return { byCell, byRow, spanning };
}

/** A React key for a finding: a rule reports a set of cells once. */
export const findingKey = (f: Finding) => `${f.rule}:${f.cells.join(',')}`;
