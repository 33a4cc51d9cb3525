/**
 * DOCX (WordprocessingML): word/document.xml read in body order. Paragraphs become text lines;
 * tables (w:tbl/w:tr/w:tc) become exact grids, with w:gridSpan as colspan, w:vMerge as rowspan and
 * w:gridBefore as leading empty positions.
 */
import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';
import {
  joinPieces,
  type Line,
  makeCell,
  type PlacedCell,
  placedLines,
  type ReadDocument,
  type SpanCell,
  splitValueRun,
} from './document.ts';
import { isPageNumber, isValueText, looksTraditional, normaliseText } from './normalise.ts';

/** A node of fast-xml-parser's preserveOrder output: one tag key with its children, attributes under ':@'. */
type XNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
});

function tagOf(node: XNode): string {
  for (const k of Object.keys(node)) if (k !== ':@') return k;
  return '';
}

function childrenOf(node: XNode): XNode[] {
  const v = node[tagOf(node)];
  return Array.isArray(v) ? (v as XNode[]) : [];
}

function attr(node: XNode, name: string): string | undefined {
  const a = node[':@'] as Record<string, string> | undefined;
  return a?.[name];
}

function find(nodes: XNode[], tag: string): XNode | undefined {
  return nodes.find((n) => tagOf(n) === tag);
}

/** Text of a paragraph; `breaks` receives line breaks as separate pieces. */
function paragraphPieces(p: XNode): string[] {
  const pieces: string[] = [''];
  const visit = (nodes: XNode[]) => {
    for (const n of nodes) {
      const tag = tagOf(n);
      if (tag === '#text') continue;
      if (tag === 'w:t') {
        for (const t of childrenOf(n))
          if (typeof t['#text'] === 'string') pieces[pieces.length - 1] += t['#text'];
      } else if (tag === 'w:tab' || tag === 'w:ptab') pieces[pieces.length - 1] += '  ';
      else if (tag === 'w:br' || tag === 'w:cr') pieces.push('');
      else if (tag === 'w:del' || tag === 'w:instrText' || tag === 'w:delText' || tag === 'mc:Fallback')
        continue;
      else if (tag === 'w:pPr' || tag === 'w:rPr') continue;
      else visit(childrenOf(n));
    }
  };
  visit(childrenOf(p));
  return pieces;
}

function cellText(tc: XNode): string {
  const pieces: string[] = [];
  const visit = (nodes: XNode[]) => {
    for (const n of nodes) {
      const tag = tagOf(n);
      if (tag === 'w:p') pieces.push(...paragraphPieces(n));
      else if (tag === 'w:tcPr') continue;
      else if (tag !== '#text') visit(childrenOf(n));
    }
  };
  visit(childrenOf(tc));
  return joinPieces(pieces);
}

function intVal(node: XNode | undefined, fallback: number): number {
  if (!node) return fallback;
  const n = Number.parseInt(attr(node, 'w:val') ?? '', 10);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** Places the cells of a w:tbl on its grid; a vMerge continuation is covered by the cell above. */
function placeTable(tbl: XNode): PlacedCell[][] {
  const grid: PlacedCell[][] = [];
  const rows = childrenOf(tbl).filter((n) => tagOf(n) === 'w:tr');
  rows.forEach((tr, r) => {
    const row: PlacedCell[] = [];
    const trPr = find(childrenOf(tr), 'w:trPr');
    let col = trPr ? intVal(find(childrenOf(trPr), 'w:gridBefore'), 0) : 0;
    for (let c = 0; c < col; c++) row[c] = blank(r, c);
    let index = 0;
    for (const tc of childrenOf(tr)) {
      if (tagOf(tc) !== 'w:tc') continue;
      const tcPr = find(childrenOf(tc), 'w:tcPr');
      const span = tcPr ? intVal(find(childrenOf(tcPr), 'w:gridSpan'), 1) : 1;
      const vMerge = tcPr ? find(childrenOf(tcPr), 'w:vMerge') : undefined;
      const continues = vMerge !== undefined && (attr(vMerge, 'w:val') ?? 'continue') === 'continue';
      const above = grid[r - 1]?.[col];
      if (continues && above) {
        for (let d = 0; d < span; d++) row[col + d] = { ...(grid[r - 1]![col + d] ?? above), covered: true };
      } else {
        const source: SpanCell = { raw: cellText(tc), rowSpan: 1, colSpan: span, index };
        for (let d = 0; d < span; d++) row[col + d] = { source, row: r, col, covered: d > 0 };
      }
      col += span;
      index++;
    }
    grid.push(row);
  });
  const width = Math.max(0, ...grid.map((row) => row.length));
  return grid.map((row, r) => Array.from({ length: width }, (_, c) => row[c] ?? blank(r, c)));
}

function blank(row: number, col: number): PlacedCell {
  return { source: { raw: '', rowSpan: 1, colSpan: 1, index: -1 }, row, col, covered: false };
}

export async function readDocx(bytes: Uint8Array): Promise<ReadDocument> {
  const zip = await JSZip.loadAsync(bytes);
  const file = zip.file('word/document.xml');
  if (!file) throw new Error('DOCX文件中没有 word/document.xml');
  const xml = await file.async('string');
  const tree = parser.parse(xml) as XNode[];
  const document = find(tree, 'w:document');
  const body = document ? find(childrenOf(document), 'w:body') : undefined;
  const traditional = looksTraditional(xml.replace(/<[^>]+>/g, ''));
  const lines: Line[] = [];
  let table = -1;
  let paragraph = 0;

  const visit = (nodes: XNode[]) => {
    for (const n of nodes) {
      const tag = tagOf(n);
      if (tag === 'w:p') {
        paragraph++;
        for (const piece of paragraphPieces(n)) {
          const raw = piece.replace(/\s+/g, ' ').trim();
          if (raw === '' || isPageNumber(normaliseText(raw, traditional))) continue;
          const parts = splitValueRun(raw, (t) => isValueText(normaliseText(t, traditional)));
          lines.push({
            kind: 'text',
            cells: parts.map((p) => makeCell(p.raw, { source: 'docx', line: paragraph }, traditional)),
          });
        }
      } else if (tag === 'w:tbl') {
        table++;
        lines.push(...placedLines(placeTable(n), table, 'docx', traditional));
      } else if (tag === 'w:sdt' || tag === 'w:sdtContent' || tag === 'w:customXml') {
        visit(childrenOf(n));
      }
    }
  };
  visit(body ? childrenOf(body) : []);

  let metaTitle: string | undefined;
  const core = zip.file('docProps/core.xml');
  if (core) {
    const m = /<dc:title>([^<]*)<\/dc:title>/.exec(await core.async('string'));
    if (m?.[1]?.trim()) metaTitle = normaliseText(m[1], traditional);
  }
  return { source: 'docx', lines, ...(metaTitle ? { metaTitle } : {}) };
}
