/**
 * The report as a flat stream of tokens (labels, figures, blank cells) with the line each came from,
 * plus the section headings that cut it into regions. The table readers walk these regions.
 */
import type { Cell, Line, LineKind, ReadDocument } from './document.ts';
import { lineText } from './document.ts';
import { matchHeading, type SectionKey } from './labels.ts';
import { type CellValue, parseCellValue } from './normalise.ts';

export interface Token {
  kind: 'text' | 'value' | 'blank';
  cell: Cell;
  /** For 'value' and 'blank'. */
  value?: CellValue;
  /** Index of the line in the document. */
  line: number;
  lineKind: LineKind;
  table?: number;
  page?: number;
}

export function tokenise(doc: ReadDocument, from: number, to: number): Token[] {
  const out: Token[] = [];
  for (let i = from; i < to; i++) {
    const line = doc.lines[i]!;
    for (const cell of line.cells) {
      if (cell.covered) continue;
      const base = {
        cell,
        line: i,
        lineKind: line.kind,
        ...(line.table !== undefined ? { table: line.table } : {}),
      };
      const value = parseCellValue(cell.text);
      if (value === null) out.push({ kind: 'text', ...base });
      else if (value.kind === 'blank') {
        // Blank cells only mean something where positions are kept (grids and delimited rows).
        if (line.kind === 'grid' || line.kind === 'row') out.push({ kind: 'blank', value, ...base });
      } else out.push({ kind: 'value', value, ...base });
    }
  }
  return out;
}

export interface Heading {
  key: SectionKey;
  title: string;
  line: number;
}

const NUMERALS: Record<SectionKey, string> = {
  overview: '一',
  proactive: '二',
  applications: '三',
  review: '四',
  problems: '五',
  other_matters: '六',
};

/**
 * The line opening each of the six sections, in document order. A heading numbered as in the format
 * ("四、…") wins over an unnumbered or differently numbered line with the same words (a sub-heading
 * "（五）…行政复议、行政诉讼情况" inside 一、总体情况).
 */
export function findHeadings(doc: ReadDocument): Heading[] {
  const found = new Map<SectionKey, Heading & { exact: boolean }>();
  doc.lines.forEach((line, i) => {
    if (line.cells.filter((c) => !c.covered && c.text !== '').length > 2) return;
    const text = lineText(line);
    const key = matchHeading(text);
    if (!key) return;
    const exact = new RegExp(`^(?:#+\\s*)?(?:\\*\\*)?${NUMERALS[key]}\\s*[、.,]`).test(text);
    const prior = found.get(key);
    if (!prior || (exact && !prior.exact)) found.set(key, { key, title: text, line: i, exact });
  });
  return [...found.values()]
    .map(({ key, title, line }) => ({ key, title, line }))
    .sort((a, b) => a.line - b.line);
}

export interface Region {
  from: number;
  to: number;
}

/** Lines of one section: after its heading, up to the next heading that follows it. */
export function sectionRegion(doc: ReadDocument, headings: Heading[], key: SectionKey): Region | null {
  const h = headings.find((x) => x.key === key);
  if (!h) return null;
  const next = headings.find((x) => x.line > h.line);
  return { from: h.line + 1, to: next ? next.line : doc.lines.length };
}

/** Lines of a table: every line sharing the table number, for header reading. */
export function tableLines(doc: ReadDocument, table: number): { line: Line; index: number }[] {
  const out: { line: Line; index: number }[] = [];
  doc.lines.forEach((line, index) => {
    if (line.table === table) out.push({ line, index });
  });
  return out;
}

/** Most common number of cells in a table's lines: a delimited row of that width keeps its positions. */
export function tableWidth(lines: { line: Line }[]): number {
  const counts = new Map<number, number>();
  for (const { line } of lines) counts.set(line.cells.length, (counts.get(line.cells.length) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [width, count] of counts) {
    if (count > bestCount || (count === bestCount && width > best)) [best, bestCount] = [width, count];
  }
  return best;
}
