/**
 * Placing the figures printed after a row label into the row's columns. Three ways, tried in order of
 * trust: by grid column under the header (exact grids, and delimited rows as wide as their header);
 * in printed order when exactly as many figures as columns were printed; by horizontal position under
 * the columns of complete rows (PDF). Anything else is left unread: a blank cell that cannot be
 * located must not shift the figures after it.
 */
import type { ReadDocument } from './document.ts';
import { type Token, tableLines, tableWidth } from './tokens.ts';

/** A row label with what followed it up to the next label. */
export interface Pending<M> {
  match: M;
  label: Token;
  /** Figures and blank cells (blank cells only from grids and delimited rows, on the label's line). */
  values: Token[];
  /** Other text on the label's line in a grid or delimited row (a "无" where a figure belongs). */
  texts: Token[];
}

export type Slot = { token: Token } | { text: Token } | { missing: string; near?: Token };

export type Placement = { slots: Slot[]; how: 'column' | 'order' | 'position' } | { reason: string };

export interface PlaceOptions {
  /** Grid column of each wanted column, from the table header; undefined when the header was not found. */
  columnOf?: ((column: number) => number | undefined) | undefined;
  /** Horizontal centres of the columns (PDF), from complete rows. */
  anchors?: readonly number[] | undefined;
}

export class Placer {
  private widths = new Map<number, number>();

  constructor(private readonly doc: ReadDocument) {}

  /** A delimited text row keeps its positions only if it is as wide as the rest of its table. */
  private aligned(lineIndex: number): boolean {
    const line = this.doc.lines[lineIndex]!;
    if (line.kind === 'grid') return true;
    if (line.kind !== 'row' || line.table === undefined) return false;
    let width = this.widths.get(line.table);
    if (width === undefined) {
      width = tableWidth(tableLines(this.doc, line.table));
      this.widths.set(line.table, width);
    }
    return line.cells.length === width;
  }

  place<M>(p: Pending<M>, count: number, opts: PlaceOptions): Placement {
    const numbers = p.values.filter((v) => v.kind === 'value');
    if (opts.columnOf && this.aligned(p.label.line)) {
      const slots = byColumn(p, count, opts.columnOf);
      if (slots) return { slots, how: 'column' };
    }
    if (numbers.length === count) return { slots: numbers.map((token) => ({ token })), how: 'order' };
    if (opts.anchors && opts.anchors.length === count && numbers.length > 0 && numbers.length < count) {
      const slots = byPosition(numbers, opts.anchors);
      if (slots) return { slots, how: 'position' };
    }
    if (numbers.length === 0) return { reason: '该行没有印出数字（空白或整行缺失）' };
    return {
      reason: `该行印出${numbers.length}个数字，应有${count}个列，无法确定哪些单元格空白，未予猜测`,
    };
  }
}

function byColumn<M>(
  p: Pending<M>,
  count: number,
  columnOf: (c: number) => number | undefined,
): Slot[] | null {
  const wanted: number[] = [];
  for (let c = 0; c < count; c++) {
    const col = columnOf(c);
    if (col === undefined) return null;
    wanted.push(col);
  }
  if (new Set(wanted).size !== wanted.length) return null;
  // A figure outside the header's columns means this row does not line up with its header.
  const cols = new Set(wanted);
  if (p.values.some((v) => v.kind === 'value' && (v.cell.col === undefined || !cols.has(v.cell.col))))
    return null;
  if (
    p.values.some(
      (v) => v.cell.col !== undefined && v.cell.col <= (p.label.cell.col ?? -1) && v.kind === 'value',
    )
  ) {
    return null;
  }
  return wanted.map((col): Slot => {
    const token = p.values.find((v) => v.cell.col === col);
    if (token) return { token };
    const text = p.texts.find((t) => t.cell.col === col);
    if (text) return { text };
    return { missing: '该列在此行没有单元格' };
  });
}

function byPosition(numbers: Token[], anchors: readonly number[]): Slot[] | null {
  let minGap = Number.POSITIVE_INFINITY;
  for (let i = 1; i < anchors.length; i++) minGap = Math.min(minGap, Math.abs(anchors[i]! - anchors[i - 1]!));
  const tolerance = minGap * 0.4;
  const slots: Slot[] = anchors.map(() => ({ missing: '该位置没有印出数字（空白单元格）' }));
  const used = new Set<number>();
  for (const token of numbers) {
    const x = token.cell.x;
    if (x === undefined) return null;
    let best = -1;
    let bestDistance = Number.POSITIVE_INFINITY;
    anchors.forEach((a, i) => {
      const d = Math.abs(a - x);
      if (d < bestDistance) [best, bestDistance] = [i, d];
    });
    if (best < 0 || bestDistance > tolerance || used.has(best)) return null;
    used.add(best);
    slots[best] = { token };
  }
  return slots;
}

/** Column centres from rows where every column was printed (PDF), for rows with blank cells. */
export function anchorsFrom<M>(pendings: Pending<M>[], count: number): number[] | undefined {
  const columns: number[][] = Array.from({ length: count }, () => []);
  for (const p of pendings) {
    const numbers = p.values.filter((v) => v.kind === 'value');
    if (
      numbers.length !== count ||
      numbers.some((v) => v.cell.x === undefined || v.cell.origin.source !== 'pdf')
    ) {
      continue;
    }
    numbers.forEach((v, i) => {
      columns[i]!.push(v.cell.x!);
    });
  }
  if (columns[0]!.length === 0) return undefined;
  const anchors = columns.map((xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);
  for (let i = 1; i < anchors.length; i++) if (anchors[i]! <= anchors[i - 1]!) return undefined;
  return anchors;
}
