/**
 * Table 三 (收到和处理政府信息公开申请情况): each of the 25 rows found by its label, then its seven
 * figures (自然人, the five organisation columns, 总计) placed under their columns.
 */
import {
  OUTCOME_GROUP_ROWS,
  type OutcomeGroup,
  SECTION3_COLUMNS,
  SECTION3_ROWS,
  type Section3,
  type Section3Column,
  type Section3Row,
} from '../core/annual-report/cells.ts';
import type { ReadDocument } from './document.ts';
import { looksLikeRowLabel, matchApplicantHeader, matchSection3Label, type Section3Match } from './labels.ts';
import { anchorsFrom, type Pending, type Placement, Placer } from './place.ts';
import type { Sink } from './sink.ts';
import { type Region, type Token, tableLines, tableWidth, tokenise } from './tokens.ts';

export type Section3Cells = Record<Section3Column, number | null>;

export interface Section3Read {
  section3: Section3;
  merged: Partial<Record<OutcomeGroup, Section3Cells>>;
  /** Rows whose label was found (for diagnostics). */
  found: Section3Row[];
}

export function walk(tokens: Token[]): Pending<Section3Match>[] {
  const out: Pending<Section3Match>[] = [];
  let pending: Pending<Section3Match> | null = null;
  let previous: Section3Match | null = null;
  for (const tok of tokens) {
    if (tok.kind === 'text') {
      const match = matchSection3Label(tok.cell.text, { previous });
      if (match) {
        pending = { match, label: tok, values: [], texts: [] };
        out.push(pending);
        previous = match;
        continue;
      }
      if (pending?.values.some((v) => v.kind === 'value') && looksLikeRowLabel(tok.cell.text)) {
        // An unrecognised row label: its figures must not be credited to the row before it.
        pending = null;
      } else if (pending && sameRow(tok, pending.label)) pending.texts.push(tok);
      continue;
    }
    if (!pending) continue;
    if ((tok.lineKind === 'grid' || tok.lineKind === 'row') && tok.line !== pending.label.line) continue;
    pending.values.push(tok);
  }
  return out;
}

/** Page and vertical position of a word placed on a page (PDF, layout text), or null. */
function position(tok: Token): { page: number; y: number } | null {
  if ((tok.lineKind !== 'words' && tok.lineKind !== 'text') || tok.cell.y === undefined) return null;
  return { page: tok.page ?? 0, y: tok.cell.y };
}

/**
 * Printed lines put a row's figures before its label when the label is taller than the figures (a
 * wrapped label, top-aligned figures): those figures follow the previous label in reading order. A
 * figure nearer the next row's label than its own goes to that row, if that row has none of its own.
 */
function regroupByPosition(pendings: Pending<Section3Match>[]): void {
  for (let i = 0; i < pendings.length; i++) {
    const p = pendings[i]!;
    const next = pendings.slice(i + 1).find((q) => q.match.kind === 'row');
    if (!next || next.values.some((v) => v.kind === 'value')) continue;
    const own = position(p.label);
    const theirs = position(next.label);
    if (!own || !theirs) continue;
    const moved = p.values.filter((v) => {
      const at = position(v);
      if (!at || at.page !== theirs.page) return false;
      const toOwn = at.page === own.page ? Math.abs(at.y - own.y) : Number.POSITIVE_INFINITY;
      return Math.abs(at.y - theirs.y) < toOwn;
    });
    if (moved.length === 0) continue;
    p.values = p.values.filter((v) => !moved.includes(v));
    next.values = [...moved, ...next.values];
  }
}

function sameRow(a: Token, b: Token): boolean {
  return a.line === b.line && (a.lineKind === 'grid' || a.lineKind === 'row');
}

/** Grid column of each applicant column, from the header lines of the table (null if incomplete). */
function applicantColumns(doc: ReadDocument, table: number): Map<Section3Column, number> | null {
  const lines = tableLines(doc, table);
  const header: typeof lines = [];
  for (const l of lines) {
    if (l.line.cells.some((c) => !c.covered && /^\d+$/.test(c.text))) break;
    header.push(l);
  }
  const found = new Map<Section3Column, number>();
  const width = Math.max(0, ...header.map((l) => l.line.cells.length));
  // Delimited text whose header rows are narrower than its data rows lost its spans: positions lie.
  const dataWidth = tableWidth(lines);
  if (header.some((l) => l.line.kind === 'row' && l.line.cells.length !== dataWidth)) return null;
  for (let col = 0; col < width; col++) {
    // The lowest header cell naming a column wins ("法人或其他组织" sits above 商业企业 … 其他).
    for (let r = header.length - 1; r >= 0; r--) {
      const cell = header[r]!.line.cells.find((c) => c.col === col);
      if (!cell || cell.text === '') continue;
      const key = matchApplicantHeader(cell.text);
      if (key) {
        if (found.has(key) && found.get(key) !== col) return null;
        found.set(key, col);
        break;
      }
    }
  }
  return found.size === SECTION3_COLUMNS.length ? found : null;
}

function rowCells(): Section3Cells {
  return Object.fromEntries(SECTION3_COLUMNS.map((c) => [c, null])) as Section3Cells;
}

function hasFigures(p: Pending<Section3Match>): boolean {
  return p.values.some((v) => v.kind === 'value');
}

const HEADER_WORDS: readonly [Section3Column, (t: string) => boolean][] = [
  ['natural_person', (t) => t.includes('自然人')],
  ['commercial_enterprise', (t) => t.includes('商业')],
  ['research_institution', (t) => t.includes('科研')],
  ['public_interest_org', (t) => t.includes('公益')],
  ['legal_service_org', (t) => t.includes('法律') || t.includes('服务机构')],
  ['other_org', (t) => t.endsWith('其他') || t.endsWith('其它')],
  ['total', (t) => t.includes('总计') || t.includes('合计')],
];

/**
 * Column centres from the header of a PDF table, for when no row prints all seven figures (zeros
 * left blank throughout). Narrow header cells wrap their words, down to one character per line
 * (商/业/企/业), so the words are stacked by horizontal position before they are matched.
 */
export function headerAnchors(tokens: Token[], firstLabel: Token | undefined): number[] | undefined {
  const stop = firstLabel ? tokens.indexOf(firstLabel) : tokens.length;
  const words = tokens
    .slice(0, stop)
    .filter((t) => t.kind === 'text' && t.cell.origin.source === 'pdf' && t.cell.x !== undefined);
  const stacks: { x: number; parts: Token[] }[] = [];
  for (const t of [...words].sort((a, b) => a.cell.x! - b.cell.x!)) {
    const last = stacks.at(-1);
    if (last && Math.abs(t.cell.x! - last.x) <= 4) last.parts.push(t);
    else stacks.push({ x: t.cell.x!, parts: [t] });
  }
  const texts = stacks.map((st) =>
    st.parts
      .sort((a, b) => (a.cell.y ?? 0) - (b.cell.y ?? 0))
      .map((t) => t.cell.text.replace(/\s/g, ''))
      .join(''),
  );
  const used = new Set<number>();
  const xs: number[] = [];
  for (const [, test] of HEADER_WORDS) {
    const i = texts.findIndex((t, k) => !used.has(k) && test(t));
    if (i < 0) return undefined;
    used.add(i);
    xs.push(stacks[i]!.x);
  }
  for (let i = 1; i < xs.length; i++) if (xs[i]! <= xs[i - 1]!) return undefined;
  return xs;
}

export function readSection3(doc: ReadDocument, region: Region, sink: Sink): Section3Read {
  const tokens = tokenise(doc, region.from, region.to);
  const pendings = walk(tokens);
  regroupByPosition(pendings);
  const placer = new Placer(doc);
  const headers = new Map<number, Map<Section3Column, number> | null>();
  // A table split in two (a page break in the source document) keeps the header of its first part.
  let lastHeader: { map: Map<Section3Column, number>; width: number } | null = null;
  const columnsOf = (p: Pending<Section3Match>) => {
    const table = p.label.table;
    if (table === undefined) return undefined;
    if (!headers.has(table)) {
      const width = tableWidth(tableLines(doc, table));
      let map = applicantColumns(doc, table);
      if (map) lastHeader = { map, width };
      else if (lastHeader && lastHeader.width === width) map = lastHeader.map;
      headers.set(table, map);
    }
    const map = headers.get(table);
    return map ? (c: number) => map.get(SECTION3_COLUMNS[c]!) : undefined;
  };
  const anchors =
    anchorsFrom(pendings, SECTION3_COLUMNS.length) ??
    headerAnchors(tokens, pendings.find((p) => p.match.kind === 'row')?.label);
  const place = (p: Pending<Section3Match>): Placement =>
    placer.place(p, SECTION3_COLUMNS.length, { columnOf: columnsOf(p), anchors });

  const section3 = Object.fromEntries(SECTION3_ROWS.map((r) => [r, rowCells()])) as Section3;
  const merged: Partial<Record<OutcomeGroup, Section3Cells>> = {};
  const byRow = new Map<Section3Row, Pending<Section3Match>[]>();
  const byGroup = new Map<OutcomeGroup, Pending<Section3Match>[]>();
  for (const p of pendings) {
    if (p.match.kind === 'row') byRow.set(p.match.key, [...(byRow.get(p.match.key) ?? []), p]);
    else if (p.match.kind === 'group' && hasFigures(p)) {
      byGroup.set(p.match.key, [...(byGroup.get(p.match.key) ?? []), p]);
    }
  }

  const write = (prefix: string, cells: Section3Cells, placement: Placement, label: Token) => {
    SECTION3_COLUMNS.forEach((col, i) => {
      const id = `${prefix}.${col}`;
      if ('reason' in placement) {
        cells[col] = sink.miss(id, `“${label.cell.raw.trim()}”：${placement.reason}`, label);
        return;
      }
      const slot = placement.slots[i]!;
      if ('token' in slot) cells[col] = sink.take(id, slot.token);
      else if ('text' in slot) cells[col] = sink.unreadable(id, slot.text);
      else cells[col] = sink.miss(id, slot.missing, slot.near);
    });
  };

  const found: Section3Row[] = [];
  for (const row of SECTION3_ROWS) {
    const candidates = byRow.get(row) ?? [];
    // A label seen twice: a page-break fragment repeats it without figures; keep the printed row.
    const printed = candidates.filter(hasFigures);
    const chosen = printed.length > 0 ? printed : candidates;
    if (chosen.length === 0) continue;
    found.push(row);
    if (chosen.length > 1) {
      const texts = chosen.map((p) => p.values.map((v) => v.cell.text).join(' '));
      if (new Set(texts).size > 1) {
        for (const col of SECTION3_COLUMNS) {
          section3[row][col] = sink.miss(
            `section3.${row}.${col}`,
            '此行在表中出现两次且数字不同，未予采用',
            chosen[0]!.label,
          );
        }
        continue;
      }
    }
    const p = chosen[0]!;
    write(`section3.${row}`, section3[row], place(p), p.label);
  }

  for (const [group, list] of byGroup) {
    const leaves = OUTCOME_GROUP_ROWS[group];
    // A group row with figures stands in for its sub-rows only when none of them was printed.
    if (leaves.some((leaf) => found.includes(leaf))) continue;
    const p = list[0]!;
    const cells = rowCells();
    write(`section3_merged.${group}`, cells, place(p), p.label);
    merged[group] = cells;
    for (const leaf of leaves) {
      for (const col of SECTION3_COLUMNS) {
        sink.miss(`section3.${leaf}.${col}`, `报告只印出合并行“${p.label.cell.raw.trim()}”，未分列其子项`);
      }
    }
  }

  for (const row of SECTION3_ROWS) {
    if (found.includes(row)) continue;
    const group = row.includes('.') ? (row.slice(0, row.indexOf('.')) as OutcomeGroup) : null;
    if (group && merged[group]) continue;
    for (const col of SECTION3_COLUMNS) sink.miss(`section3.${row}.${col}`, '表三中未找到此行');
  }
  return { section3, merged, found };
}
