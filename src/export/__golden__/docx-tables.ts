// Test support only: reads the tables of a word/document.xml back into grids of text, resolving
// gridSpan and vMerge, so tests can check each figure at its printed row and column.

export interface ReadCell {
  text: string;
  gridSpan: number;
  vMerge: 'restart' | 'continue' | null;
}

export interface ReadTable {
  rows: ReadCell[][];
  /** The text at each grid position (a merged cell's text at every position it covers). */
  grid: string[][];
  /** Rows spanned by the restart cell at a position ([row][col]); 0 where no cell starts. */
  rowSpans: number[][];
}

const decode = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

export function readDocxTables(documentXml: string): ReadTable[] {
  const tables = documentXml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? [];
  return tables.map((xml) => {
    const rows = (xml.match(/<w:tr>[\s\S]*?<\/w:tr>|<w:tr [\s\S]*?<\/w:tr>/g) ?? []).map((tr) =>
      (tr.match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? []).map((tc) => {
        const text = [...tc.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1]!)).join('');
        const span = /<w:gridSpan w:val="(\d+)"\/>/.exec(tc);
        const merge = /<w:vMerge(?: w:val="(\w+)")?\/>/.exec(tc);
        return {
          text,
          gridSpan: span ? Number(span[1]) : 1,
          vMerge: merge ? (merge[1] === 'restart' ? 'restart' : 'continue') : null,
        } satisfies ReadCell;
      }),
    );
    const grid: string[][] = [];
    const rowSpans: number[][] = [];
    const origin: { row: number; col: number }[][] = [];
    rows.forEach((cells, r) => {
      grid[r] = [];
      rowSpans[r] = [];
      origin[r] = [];
      let col = 0;
      for (const cell of cells) {
        for (let k = 0; k < cell.gridSpan; k++) {
          if (cell.vMerge === 'continue') {
            const above = origin[r - 1]?.[col + k];
            if (!above) throw new Error(`vMerge continue without a cell above at row ${r}, col ${col + k}`);
            origin[r]![col + k] = above;
            grid[r]![col + k] = grid[above.row]![above.col]!;
            rowSpans[above.row]![above.col]! += k === 0 ? 1 : 0;
            rowSpans[r]![col + k] = 0;
          } else {
            origin[r]![col + k] = { row: r, col };
            grid[r]![col + k] = cell.text;
            rowSpans[r]![col + k] = k === 0 ? 1 : 0;
          }
        }
        col += cell.gridSpan;
      }
    });
    return { rows, grid, rowSpans };
  });
}
