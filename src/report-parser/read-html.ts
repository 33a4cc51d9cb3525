/**
 * HTML pages: portal articles with Word/WPS-pasted tables. Tables become exact grids (rowspan and
 * colspan expanded); paragraphs, headings and line breaks become text lines; metadata tables (索引号,
 * 发布机构 …) are skipped, their 发布日期 kept. A table written out as paragraphs reaches the locator
 * as text lines and is read like any text rendering.
 */
import { type HTMLElement, type Node, NodeType, parse } from 'node-html-parser';
import {
  gridLines,
  joinPieces,
  type Line,
  makeCell,
  type ReadDocument,
  type SpanCell,
  splitValueRun,
} from './document.ts';
import {
  compact,
  isPageNumber,
  isValueText,
  looksTraditional,
  normaliseText,
  parseDate,
} from './normalise.ts';

const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'blockquote',
  'pre',
  'center',
  'header',
  'footer',
  'main',
  'dd',
  'dt',
  'dl',
  'form',
  'figure',
  'figcaption',
  'address',
]);
const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'head',
  'template',
  'iframe',
  'svg',
  'button',
  'select',
  'nav',
]);

/** The page's declared charset: gb2312/gbk pages are still common on government portals. */
export function decodeHtml(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  const m = /charset\s*=\s*["']?([\w-]+)/i.exec(head);
  const charset = m?.[1]?.toLowerCase();
  if (charset && /^(gb2312|gbk|gb18030|x-gbk)$/.test(charset))
    return new TextDecoder('gb18030').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\ufeff/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function decodeEntities(s: string): string {
  return s
    .replace(/&nbsp;/gi, '\u00a0')
    .replace(/&ensp;|&emsp;|&thinsp;/gi, ' ')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&ldquo;/gi, '“')
    .replace(/&rdquo;/gi, '”')
    .replace(/&middot;/gi, '·')
    .replace(/&mdash;/gi, '—')
    .replace(/&ndash;/gi, '–')
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/gi, '&');
}

function hidden(el: HTMLElement): boolean {
  const style = el.getAttribute('style') ?? '';
  return /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style) || el.hasAttribute('hidden');
}

/**
 * Text of a table cell: pieces split by <br> and paragraphs are joined without a space between
 * Chinese characters ("商业<br/>企业" = 商业企业) and with one elsewhere ("1<br/>2" stays two figures).
 */
function cellText(el: HTMLElement): string {
  const pieces: string[] = [''];
  const visit = (node: Node) => {
    if (node.nodeType === NodeType.TEXT_NODE) {
      pieces[pieces.length - 1] += decodeEntities(node.rawText);
      return;
    }
    if (node.nodeType !== NodeType.ELEMENT_NODE) return;
    const e = node as HTMLElement;
    const tag = e.rawTagName?.toLowerCase() ?? '';
    if (SKIP.has(tag) || hidden(e)) return;
    if (tag === 'br' || BLOCK.has(tag)) pieces.push('');
    for (const child of e.childNodes) visit(child);
    if (BLOCK.has(tag)) pieces.push('');
  };
  for (const child of el.childNodes) visit(child);
  return joinPieces(pieces);
}

function directRows(table: HTMLElement): HTMLElement[] {
  const rows: HTMLElement[] = [];
  for (const child of table.childNodes) {
    if (child.nodeType !== NodeType.ELEMENT_NODE) continue;
    const e = child as HTMLElement;
    const tag = e.rawTagName?.toLowerCase();
    if (tag === 'tr') rows.push(e);
    else if (tag === 'thead' || tag === 'tbody' || tag === 'tfoot') rows.push(...directRows(e));
  }
  return rows;
}

function cellsOf(tr: HTMLElement): HTMLElement[] {
  return tr.childNodes
    .filter((n): n is HTMLElement => n.nodeType === NodeType.ELEMENT_NODE)
    .filter((c) => ['td', 'th'].includes(c.rawTagName?.toLowerCase() ?? '') && !hidden(c));
}

function spanOf(el: HTMLElement, name: string): number {
  const n = Number.parseInt(el.getAttribute(name) ?? '1', 10);
  return Number.isFinite(n) && n > 0 ? n : 1;
}

/** Metadata tables of portal pages (索引号, 发布机构, 发布日期 …): not part of the report. */
function metadataTable(text: string): boolean {
  const t = compact(text);
  const report = /第二十条|自然人|行政复议|本年制发|信息内容/.test(t);
  const meta = /索引号|发布机构|发文机关|主题分类|成文日期|发布日期|文号/.test(t);
  return meta && !report;
}

export function readHtml(bytes: Uint8Array): ReadDocument {
  const html = decodeHtml(bytes);
  const root = parse(html, {
    comment: false,
    blockTextElements: { script: false, style: false, noscript: false },
  });
  const traditional = looksTraditional(root.textContent);
  const lines: Line[] = [];
  let table = -1;
  let paragraph = 0;
  let buffer = '';
  let metaPublishedOn: string | undefined;

  const flush = () => {
    const raw = buffer.replace(/[\s\u00a0]+/g, ' ').trim();
    buffer = '';
    if (raw === '') return;
    paragraph++;
    if (isPageNumber(normaliseText(raw, traditional))) return;
    // A table flattened into text ("规章 0 0 0") gives its figures as cells of their own.
    const pieces = splitValueRun(raw, (t) => isValueText(normaliseText(t, traditional)));
    lines.push({
      kind: 'text',
      cells: pieces.map((p) => makeCell(p.raw, { source: 'html', line: paragraph }, traditional)),
    });
  };

  const visitTable = (el: HTMLElement) => {
    const rows = directRows(el);
    const text = el.textContent;
    if (metadataTable(text)) {
      const m = /(?:发布日期|成文日期)[\s:：]*([0-9０-９年月日\-/.\s]{8,16})/.exec(
        decodeEntities(text).normalize('NFKC'),
      );
      const date = m ? parseDate(m[1]!) : null;
      if (date && !metaPublishedOn) metaPublishedOn = date;
      return;
    }
    const spanRows: SpanCell[][] = rows.map((tr) =>
      cellsOf(tr).map((c, index) => ({
        raw: cellText(c),
        rowSpan: spanOf(c, 'rowspan'),
        colSpan: spanOf(c, 'colspan'),
        index,
      })),
    );
    table++;
    lines.push(...gridLines(spanRows, table, 'html', traditional));
  };

  const visit = (node: Node) => {
    if (node.nodeType === NodeType.TEXT_NODE) {
      buffer += decodeEntities(node.rawText);
      return;
    }
    if (node.nodeType !== NodeType.ELEMENT_NODE) return;
    const el = node as HTMLElement;
    const tag = el.rawTagName?.toLowerCase() ?? '';
    if (SKIP.has(tag) || hidden(el)) return;
    if (tag === 'table') {
      flush();
      // A layout table wrapping the article: read what is inside it instead.
      // A table that holds the article (or a paragraph-long cell) is layout, not a report table:
      // no cell of the format's tables is longer than about forty characters.
      const layout = directRows(el).some((tr) => cellsOf(tr).some((c) => c.textContent.trim().length > 150));
      if (el.querySelector('table') || layout) {
        for (const tr of directRows(el)) for (const cell of cellsOf(tr)) visitBlock(cell);
        return;
      }
      visitTable(el);
      return;
    }
    if (tag === 'br') {
      flush();
      return;
    }
    const block = BLOCK.has(tag) || tag === 'tr' || tag === 'td' || tag === 'th';
    if (block) flush();
    for (const child of el.childNodes) visit(child);
    if (block) flush();
  };
  const visitBlock = (el: HTMLElement) => {
    flush();
    for (const child of el.childNodes) visit(child);
    flush();
  };

  const body = root.querySelector('body') ?? root;
  for (const child of body.childNodes) visit(child);
  flush();
  const title = root.querySelector('title')?.textContent.trim();
  return {
    source: 'html',
    lines,
    ...(title ? { metaTitle: normaliseText(decodeEntities(title), traditional) } : {}),
    ...(metaPublishedOn ? { metaPublishedOn } : {}),
  };
}
