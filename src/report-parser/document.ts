/**
 * The shape every reader produces: the report as lines of cells in reading order, each cell with the
 * place it came from. Tables from HTML and DOCX arrive as exact grids (spans expanded); text tables
 * as rows whose cell positions may or may not line up; PDF and layout text as positioned words.
 * The table locator works on this shape only, so a new input format needs a reader and nothing else.
 */
import { normaliseText } from './normalise.ts';

export type SourceKind = 'text' | 'html' | 'docx' | 'pdf';

/** Where a cell was printed. Text: line/column (1-based). HTML/DOCX: table/row/cell (0-based). PDF: page/x/y. */
export interface Origin {
  source: SourceKind;
  line?: number;
  column?: number;
  table?: number;
  row?: number;
  cell?: number;
  page?: number;
  x?: number;
  y?: number;
}

export interface Cell {
  /** Normalised text (NFKC, spaces, Simplified). */
  text: string;
  /** The text as printed. */
  raw: string;
  origin: Origin;
  /** Grid column, for exact grids and text rows whose positions may line up. */
  col?: number;
  /** A grid position covered by a rowspan/colspan: carries the spanning cell's text for header paths only. */
  covered?: boolean;
  /** Horizontal centre (PDF points, or display columns of layout text) for placing a figure under its header. */
  x?: number;
  /** Vertical position (PDF points from the top of the page, or line number). */
  y?: number;
}

export type LineKind =
  /** A row of an exact grid (HTML, DOCX): `col` is exact, blank cells are real blank cells. */
  | 'grid'
  /** A delimited text row (tabs, pipes): positions line up only if the row is as wide as its header. */
  | 'row'
  /** Words placed on one printed line (PDF, pdftotext -layout): `x` is meaningful, blanks are invisible. */
  | 'words'
  /** One paragraph or one cell per line: no positions at all. */
  | 'text';

export interface Line {
  kind: LineKind;
  cells: Cell[];
  /** Tables are numbered in document order; lines outside tables have none. */
  table?: number;
  page?: number;
}

export interface ReadDocument {
  source: SourceKind;
  lines: Line[];
  /** Title from document metadata (HTML <title>, DOCX core properties), if any. */
  metaTitle?: string;
  /** Publication date stated by page metadata (e.g. a 发布日期 field), 'YYYY-MM-DD'. */
  metaPublishedOn?: string;
  /** Prose lines are wrapped at the page width (PDF, layout text): join them without a separator. */
  wrapped?: boolean;
}

export function makeCell(raw: string, origin: Origin, traditional: boolean, extra: Partial<Cell> = {}): Cell {
  return { text: normaliseText(raw, traditional), raw, origin, ...extra };
}

/** Plain text of a line (cells joined by a space), skipping covered grid positions. */
export function lineText(line: Line): string {
  return line.cells
    .filter((c) => !c.covered && c.text !== '')
    .map((c) => c.text)
    .join(' ');
}

// ── grids with spans ──────────────────────────────────────────────────────────────────────────────

export interface SpanCell {
  raw: string;
  rowSpan: number;
  colSpan: number;
  /** Index of the cell in its source row, for provenance. */
  index: number;
}

export interface PlacedCell {
  source: SpanCell;
  row: number;
  col: number;
  covered: boolean;
}

/**
 * Expands rows of cells with rowspan/colspan into a rectangular grid, the way a browser lays out a
 * table: every position is filled, covered positions point at the cell that spans them.
 */
export function expandSpans(rows: SpanCell[][]): PlacedCell[][] {
  const grid: (PlacedCell | undefined)[][] = [];
  rows.forEach((cells, r) => {
    grid[r] ??= [];
    let col = 0;
    for (const cell of cells) {
      while (grid[r]![col]) col++;
      const rs = Math.max(1, Math.min(cell.rowSpan, 200));
      const cs = Math.max(1, Math.min(cell.colSpan, 100));
      for (let dr = 0; dr < rs; dr++) {
        const target = r + dr;
        if (target >= rows.length) break;
        grid[target] ??= [];
        for (let dc = 0; dc < cs; dc++) {
          grid[target]![col + dc] = { source: cell, row: r, col, covered: dr > 0 || dc > 0 };
        }
      }
      col += cs;
    }
  });
  return grid.map((row) => {
    const out: PlacedCell[] = [];
    for (let c = 0; c < row.length; c++) {
      const placed = row[c];
      // A hole (a row shorter than the table) becomes a blank cell of its own.
      out.push(
        placed ?? { source: { raw: '', rowSpan: 1, colSpan: 1, index: -1 }, row: -1, col: c, covered: false },
      );
    }
    return out;
  });
}

/** Builds the lines of an exact grid (HTML, DOCX). */
export function gridLines(
  rows: SpanCell[][],
  table: number,
  source: SourceKind,
  traditional: boolean,
): Line[] {
  return placedLines(expandSpans(rows), table, source, traditional);
}

/** Lines of a grid whose positions are already known (DOCX gives them through gridSpan/vMerge). */
export function placedLines(
  grid: PlacedCell[][],
  table: number,
  source: SourceKind,
  traditional: boolean,
): Line[] {
  return grid.map((placed, r) => ({
    kind: 'grid' as const,
    table,
    cells: placed.map((p, c) =>
      makeCell(
        p.source.raw,
        {
          source,
          table,
          row: p.covered ? p.row : r,
          ...(p.source.index >= 0 ? { cell: p.source.index } : {}),
        },
        traditional,
        { col: c, covered: p.covered },
      ),
    ),
  }));
}

const WIDE = /[\u3000-\u9fff\uff00-\uffef]/;

/**
 * Joins the pieces of one cell split by line breaks or paragraphs: no space between Chinese
 * characters ("商业" + "企业" = 商业企业), one space elsewhere (so "1" + "2" stays two figures).
 */
export function joinPieces(pieces: string[]): string {
  let out = '';
  for (const piece of pieces.map((p) => p.replace(/[\s\u00a0]+/g, ' ').trim()).filter((p) => p !== '')) {
    if (out === '') out = piece;
    else if (WIDE.test(out.at(-1)!) || WIDE.test(piece[0]!)) out += piece;
    else out += ` ${piece}`;
  }
  return out;
}

// ── runs of figures inside one piece of text ──────────────────────────────────────────────────────

export interface Piece {
  raw: string;
  /** Offset of the piece in the text it was cut from. */
  offset: number;
}

const WORD = /[^\s\u00a0\u3000]+/g;

/**
 * Cuts the figures off the end of a text: "1.属于国家秘密 2 0 0 0 0 0 2" gives the label and seven
 * figures, "0 0 0" gives three figures, prose ending in a word is left whole. This recovers rows from
 * space-separated renderings and from PDF text runs that swallowed the spaces between cells.
 */
export function splitValueRun(raw: string, isValue: (text: string) => boolean): Piece[] {
  const words: Piece[] = [];
  for (const m of raw.matchAll(WORD)) words.push({ raw: m[0], offset: m.index });
  if (words.length <= 1) return words;
  let k = words.length;
  while (k > 0 && isValue(words[k - 1]!.raw)) k--;
  if (k === words.length) {
    const first = words[0]!;
    return [{ raw: raw.slice(first.offset).trimEnd(), offset: first.offset }];
  }
  if (k === 0) return words;
  const first = words[0]!;
  const last = words[k - 1]!;
  return [
    { raw: raw.slice(first.offset, last.offset + last.raw.length), offset: first.offset },
    ...words.slice(k),
  ];
}
