/**
 * PDF through pdfjs-dist (legacy build for Node): text items with their positions. Items are
 * clustered into printed lines by their baseline, and touching items into cells; each cell keeps its
 * horizontal centre so that a figure can be placed under its column when blank cells leave a row
 * short. Page numbers in the margins are dropped.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Cell, type Line, makeCell, type ReadDocument, splitValueRun } from './document.ts';
import { isPageNumber, isValueText, looksTraditional, normaliseText } from './normalise.ts';

interface Item {
  str: string;
  x: number;
  /** Baseline, from the top of the page. */
  y: number;
  width: number;
  size: number;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | null = null;

function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

/** Predefined CJK CMaps (UniGB-UCS2-H …) ship with pdfjs-dist; without them many Chinese PDFs lose their text. */
function assetUrls(): { cMapUrl: string; standardFontDataUrl: string } {
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  const url = (dir: string) => `${pathToFileURL(join(root, dir)).pathname}/`;
  return { cMapUrl: url('cmaps'), standardFontDataUrl: url('standard_fonts') };
}

export interface PdfPageText {
  page: number;
  width: number;
  height: number;
  items: Item[];
}

/** The positioned text items of every page (also used by the benchmark as the cost of reading alone). */
export async function extractPdfText(bytes: Uint8Array): Promise<PdfPageText[]> {
  const lib = await loadPdfJs();
  // pdfjs takes ownership of the buffer it is given: pass a copy.
  const doc = await lib.getDocument({
    data: new Uint8Array(bytes),
    ...assetUrls(),
    cMapPacked: true,
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  const pages: PdfPageText[] = [];
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const items: Item[] = [];
      for (const it of content.items) {
        if (!('str' in it) || it.str.trim() === '') continue;
        const [a, b, , d, e, f] = it.transform as number[];
        // Only horizontal text: rotated stamps and watermarks are not part of the tables.
        if (Math.abs(b ?? 0) > 0.01 * Math.abs(a ?? 1)) continue;
        const size = Math.abs(d ?? it.height) || it.height || 10;
        items.push({ str: it.str, x: e ?? 0, y: viewport.height - (f ?? 0), width: it.width, size });
      }
      pages.push({ page: p, width: viewport.width, height: viewport.height, items });
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return pages;
}

/** Clusters items into lines by baseline (anchored on the line's first item, so lines do not chain). */
function clusterLines(items: Item[]): Item[][] {
  const sorted = [...items].sort((p, q) => p.y - q.y || p.x - q.x);
  const lines: { y: number; size: number; items: Item[] }[] = [];
  for (const it of sorted) {
    const last = lines.at(-1);
    if (last && Math.abs(it.y - last.y) <= 0.45 * Math.min(last.size, it.size)) last.items.push(it);
    else lines.push({ y: it.y, size: it.size, items: [it] });
  }
  return lines.map((l) => l.items.sort((p, q) => p.x - q.x));
}

const NUMERIC = /^[\d.,+\-/]+$/;

/** Joins items that touch into one cell; a gap wider than half a character separates cells. */
function mergeCells(items: Item[]): Item[] {
  const out: Item[] = [];
  for (const it of items) {
    const last = out.at(-1);
    if (last) {
      const gap = it.x - (last.x + last.width);
      const size = Math.min(last.size, it.size);
      const figures = NUMERIC.test(last.str.trim()) && NUMERIC.test(it.str.trim());
      if (gap <= (figures ? 0.15 : 0.3) * size) {
        last.str += it.str;
        last.width = it.x + it.width - last.x;
        continue;
      }
    }
    out.push({ ...it });
  }
  return out;
}

export async function readPdf(bytes: Uint8Array): Promise<ReadDocument> {
  const pages = await extractPdfText(bytes);
  const traditional = looksTraditional(pages.flatMap((p) => p.items.map((i) => i.str)).join(''));
  const lines: Line[] = [];
  for (const page of pages) {
    for (const raw of clusterLines(page.items)) {
      const cells: Cell[] = [];
      for (const it of mergeCells(raw)) {
        const text = it.str.trim();
        // Page numbers sit in the margins: "- 3 -", or a bare figure alone at the very top or bottom.
        const margin = it.y < page.height * 0.07 || it.y > page.height * 0.92;
        if (isPageNumber(normaliseText(text, traditional))) continue;
        if (margin && raw.length === 1 && /^\d{1,3}$/.test(text)) continue;
        const pieces = splitValueRun(text, (t) => isValueText(normaliseText(t, traditional)));
        const charWidth = it.width / Math.max(1, [...it.str].length);
        for (const piece of pieces) {
          const x0 = it.x + piece.offset * charWidth;
          const w = [...piece.raw].length * charWidth;
          cells.push(
            makeCell(
              piece.raw,
              { source: 'pdf', page: page.page, x: Math.round(x0 * 10) / 10, y: Math.round(it.y * 10) / 10 },
              traditional,
              { x: x0 + w / 2, y: it.y },
            ),
          );
        }
      }
      if (cells.length > 0) lines.push({ kind: 'words', cells, page: page.page });
    }
  }
  return { source: 'pdf', lines, wrapped: true };
}
