/**
 * Plain text in every rendering seen in the wild: tab-separated rows, pipe rows with or without outer
 * pipes, markdown tables, one cell per line (with pipe fillers for spanned cells), cells separated by
 * blank lines, space-aligned columns (pdftotext -layout), and prose. Nothing here decides what a cell
 * means; it only cuts lines into cells and records where each one was printed.
 */
import {
  type Cell,
  type Line,
  type LineKind,
  makeCell,
  type ReadDocument,
  splitValueRun,
} from './document.ts';
import { isPageNumber, isValueText, looksTraditional, normaliseText } from './normalise.ts';

/** UTF-8 (with or without BOM), falling back to GB18030 for files saved by older Chinese software. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\ufeff/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

const MARKDOWN_RULE = /^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$/;
const PIPE_FILLER = /^\|+$/;

function isFigure(raw: string, traditional: boolean): boolean {
  return isValueText(normaliseText(raw, traditional));
}

/** Cuts one printed line into cells; `kind` says how far their positions can be trusted. */
function cutLine(
  raw: string,
  traditional: boolean,
): { kind: LineKind; pieces: { raw: string; offset: number }[] } {
  const trimmed = raw.trim();
  const pipes = (trimmed.match(/\|/g) ?? []).length;
  if (pipes > 0 && (trimmed.startsWith('|') || trimmed.endsWith('|') || pipes >= 2 || / \| /.test(trimmed))) {
    const pieces: { raw: string; offset: number }[] = [];
    let offset = 0;
    for (const part of raw.split('|')) {
      pieces.push({ raw: part, offset });
      offset += part.length + 1;
    }
    // Outer pipes leave an empty piece at either end; spaces around a piece are padding.
    if (trimmed.startsWith('|')) pieces.shift();
    if (trimmed.endsWith('|')) pieces.pop();
    const cells = pieces.map((p) => {
      const lead = p.raw.length - p.raw.trimStart().length;
      return { raw: p.raw.trim(), offset: p.offset + lead };
    });
    if (cells.length === 1)
      return {
        kind: 'text',
        pieces: splitValueRun(cells[0]!.raw, (t) => isFigure(t, traditional)).map((p) => ({
          raw: p.raw,
          offset: p.offset + cells[0]!.offset,
        })),
      };
    return { kind: 'row', pieces: cells };
  }
  if (raw.includes('\t')) {
    const pieces: { raw: string; offset: number }[] = [];
    let offset = 0;
    for (const part of raw.split('\t')) {
      const lead = part.length - part.trimStart().length;
      pieces.push({ raw: part.trim(), offset: offset + lead });
      offset += part.length + 1;
    }
    return { kind: 'row', pieces };
  }
  // Space-aligned columns: two or more spaces (of any kind) separate cells.
  const pieces: { raw: string; offset: number }[] = [];
  for (const m of raw.matchAll(/\S(?:.*?\S)?(?=[ \u00a0\u3000]{2,}|\s*$)/g)) {
    for (const p of splitValueRun(m[0], (t) => isFigure(t, traditional))) {
      pieces.push({ raw: p.raw, offset: m.index + p.offset });
    }
  }
  return { kind: pieces.length > 1 ? 'words' : 'text', pieces };
}

export function readText(bytes: Uint8Array): ReadDocument {
  const text = decodeText(bytes);
  const traditional = looksTraditional(text);
  const rawLines = text.split(/\r\n|\r|\n/);
  const lines: Line[] = [];
  let table = -1;
  let inTable = false;
  let page = 1;
  const hasFormFeeds = text.includes('\f');

  for (let i = 0; i < rawLines.length; i++) {
    let raw = rawLines[i]!;
    if (raw.includes('\f')) {
      page += (raw.match(/\f/g) ?? []).length;
      raw = raw.replace(/\f/g, '');
    }
    const trimmed = raw.trim();
    if (trimmed === '') {
      inTable = false;
      continue;
    }
    if (MARKDOWN_RULE.test(trimmed) && trimmed.includes('-')) continue;
    if (PIPE_FILLER.test(trimmed)) continue;
    if (isPageNumber(normaliseText(trimmed, traditional))) continue;
    if (hasFormFeeds && /^\d{1,3}$/.test(trimmed) && nextLineStartsPage(rawLines, i)) continue;

    const { kind, pieces } = cutLine(raw, traditional);
    if (kind === 'row') {
      if (!inTable) table++;
      inTable = true;
    } else {
      inTable = false;
    }
    const cells: Cell[] = pieces.map((p, c) =>
      makeCell(p.raw, { source: 'text', line: i + 1, column: p.offset + 1 }, traditional, {
        ...(kind === 'row' ? { col: c } : {}),
        ...(kind === 'words' ? { x: p.offset, y: i + 1 } : {}),
      }),
    );
    const line: Line = { kind, cells: kind === 'row' ? cells : cells.filter((c) => c.text !== '') };
    if (kind === 'row') line.table = table;
    if (hasFormFeeds) line.page = page;
    lines.push(line);
  }
  // Space-aligned output (pdftotext -layout and the like) keeps the page's geometry: give every line
  // its vertical position, so that figures can be told apart from the label above or below them.
  const words = lines.filter((l) => l.kind === 'words').length;
  if (hasFormFeeds || (words >= 2 && words >= 0.2 * lines.length)) {
    for (const line of lines) if (line.kind === 'text') for (const c of line.cells) c.y = c.origin.line;
  }
  return { source: 'text', lines, wrapped: hasFormFeeds };
}

/** A bare number alone on the last line of a pdftotext page is the page number. */
function nextLineStartsPage(rawLines: string[], i: number): boolean {
  for (let j = i + 1; j < rawLines.length; j++) {
    const next = rawLines[j]!;
    if (next.startsWith('\f')) return true;
    if (next.trim() !== '') return false;
  }
  return true;
}
