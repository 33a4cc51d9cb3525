/**
 * What surrounds the tables: the title (agency and year), the publication date a page states, the
 * six section headings in the order printed, and the prose of the sections that prose checks read.
 */
import { lineText, type ReadDocument } from './document.ts';
import type { SectionKey } from './labels.ts';
import { compact, parseDate } from './normalise.ts';
import type { Heading } from './tokens.ts';

export interface Title {
  agency: string | null;
  year: number | null;
  /** Index of the last title line (prose starts after it). */
  lastLine: number;
}

const TITLE = /^(.*?)((?:19|20)\d{2})\s*年度?\s*(.{0,30}?)(?:政府信息公开|政务公开)(?:工作)?年度?报告/;

function stripMarkup(text: string): string {
  return text
    .replace(/^#+\s*/, '')
    .replace(/\*\*/g, '')
    .replace(/[《》“”"]/g, '')
    .trim();
}

export function findTitle(doc: ReadDocument, firstHeading: number): Title {
  const limit = Math.min(doc.lines.length, firstHeading >= 0 ? firstHeading : 40, 40);
  const candidates: string[] = [];
  if (doc.metaTitle) candidates.push(doc.metaTitle);
  for (let i = 0; i < limit; i++) {
    const text = stripMarkup(lineText(doc.lines[i]!));
    const m = TITLE.exec(compact(text));
    if (!m) continue;
    // "淮安市人民政府2024年…" or "2024年淮安市人民政府…".
    let agency = m[1] || m[3] || '';
    let year = Number(m[2]);
    if (agency === '') {
      // The agency on the line above: "洪泽区人民政府" / "2023年政府信息公开工作年度报告".
      for (let j = i - 1; j >= 0; j--) {
        const above = compact(stripMarkup(lineText(doc.lines[j]!)));
        if (above === '') continue;
        if (above.length <= 40 && !/\d/.test(above)) agency = above;
        break;
      }
    }
    if (agency === '' && doc.metaTitle) {
      const meta = TITLE.exec(compact(doc.metaTitle));
      if (meta) [agency, year] = [meta[1] || meta[3] || '', Number(meta[2])];
    }
    return { agency: agency || null, year, lastLine: i };
  }
  for (const c of candidates) {
    const m = TITLE.exec(compact(stripMarkup(c)));
    if (m) return { agency: m[1] || m[3] || null, year: Number(m[2]), lastLine: -1 };
  }
  return { agency: null, year: null, lastLine: -1 };
}

/**
 * The full name when the report names the agency with its city in front ("本报告由淮安市洪泽区人民政府
 * 办公室…" for a title "洪泽区人民政府"): the text between the last function word and the name.
 */
export function qualifyAgency(agency: string, text: string): string {
  let best = agency;
  let from = 0;
  for (;;) {
    const at = text.indexOf(agency, from);
    if (at < 0) break;
    from = at + agency.length;
    const before = text.slice(Math.max(0, at - 12), at);
    const m = /([\u4e00-\u9fa5]{1,10}?(?:省|市|自治区|自治州|州|盟|地区))$/.exec(
      before.replace(/^.*[由与和及在对为请，。、；：（）《》“”,.;:()\s]/, ''),
    );
    if (m && m[1]!.length >= 2 && !agency.startsWith(m[1]!)) {
      const candidate = m[1]! + agency;
      if (candidate.length > best.length) best = candidate;
    }
  }
  return best;
}

/** 'YYYY-MM-DD' stated as 发布日期/发布时间 on the page, or null. */
export function findPublishedOn(doc: ReadDocument): string | null {
  if (doc.metaPublishedOn) return doc.metaPublishedOn;
  for (const line of doc.lines.slice(0, 60)) {
    const text = compact(lineText(line));
    const m = /(?:发布日期|发布时间|公开日期|发文日期)[:：]?(.{8,12})/.exec(text);
    if (m) {
      const date = parseDate(m[1]!);
      if (date) return date;
    }
  }
  return null;
}

/** The date printed under the signature at the end of the report, 'YYYY-MM-DD', or null. */
export function findSignatureDate(doc: ReadDocument): string | null {
  const tail = doc.lines.slice(-8).reverse();
  for (const line of tail) {
    const text = compact(lineText(line));
    if (/^\d{4}年\d{1,2}月\d{1,2}日$/.test(text) || /^\d{4}-\d{2}-\d{2}$/.test(text)) return parseDate(text);
  }
  return null;
}

export interface SectionFound {
  key: SectionKey;
  title: string;
  line: number;
}

export interface Prose {
  preamble: string;
  overview: string;
  problems: string;
  otherMatters: string;
}

function textOf(doc: ReadDocument, from: number, to: number): string {
  const parts: string[] = [];
  for (let i = from; i < to; i++) {
    const text = lineText(doc.lines[i]!);
    if (text !== '') parts.push(text);
  }
  // Wrapped lines (PDF, layout text) are pieces of one paragraph: Chinese needs no space between them.
  return doc.wrapped ? parts.join('') : parts.join('\n');
}

export function extractProse(doc: ReadDocument, headings: Heading[], titleLine: number): Prose {
  const range = (key: SectionKey): string => {
    const h = headings.find((x) => x.key === key);
    if (!h) return '';
    const next = headings.find((x) => x.line > h.line);
    return textOf(doc, h.line + 1, next ? next.line : doc.lines.length);
  };
  const first = headings[0]?.line ?? doc.lines.length;
  return {
    preamble: first > titleLine + 1 ? textOf(doc, titleLine + 1, first) : '',
    overview: range('overview'),
    problems: range('problems'),
    otherMatters: range('other_matters'),
  };
}
