/**
 * Text normalisation shared by every reader: the same label must compare equal whether it was printed
 * with full-width digits, half-width brackets, non-breaking or ideographic spaces, or in Traditional
 * characters.
 */
import * as OpenCC from 'opencc-js/t2cn';

type Convert = (s: string) => string;
let toSimplified: Convert | null = null;

function converter(): Convert {
  // Built lazily: loading the dictionaries costs ~20 ms and most reports are already Simplified.
  const convert = toSimplified ?? OpenCC.Converter({ from: 'tw', to: 'cn' });
  toSimplified = convert;
  return convert;
}

/**
 * Characters that exist only in Traditional script and occur in almost every annual report
 * (公開, 報告, 數量, 機關, 處理, 總計, 結轉, 申請, 複議, 訴訟 …).
 */
const TRADITIONAL_MARKERS =
  /[開報數機關處總結轉請議複訴維糾審與資條務屬類將對時會發經過實現體據規範產區縣鄉鎮辦]/g;

/** True when the text reads as Traditional Chinese (a handful of marker characters is enough). */
export function looksTraditional(text: string): boolean {
  const sample = text.length > 20_000 ? text.slice(0, 20_000) : text;
  const hits = sample.match(TRADITIONAL_MARKERS);
  return (hits?.length ?? 0) >= 5;
}

export function traditionalToSimplified(text: string): string {
  return converter()(text);
}

const SPACES = /[\s\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]+/g;
const DASHES = /[\u2010-\u2015\u2212\u2500\u2501\ufe58\ufe63\uff0d]/g;

/**
 * CJK Radicals Supplement characters that PDF producers put in place of ordinary characters
 * (民 exported as ⺠, 见 as ⻅); NFKC maps the Kangxi radicals but not these.
 */
const RADICALS: Record<string, string> = {
  '\u2e81': '厂',
  '\u2e8a': '卜',
  '\u2e93': '幺',
  '\u2e9d': '月',
  '\u2e9f': '母',
  '\u2ea0': '民',
  '\u2eae': '竹',
  '\u2ec4': '西',
  '\u2ec5': '见',
  '\u2ec6': '角',
  '\u2ec9': '贝',
  '\u2ecb': '车',
  '\u2ed3': '长',
  '\u2ed4': '门',
  '\u2ed7': '雨',
  '\u2ed8': '青',
  '\u2eda': '页',
  '\u2edb': '风',
  '\u2edc': '飞',
  '\u2edd': '食',
  '\u2ee2': '马',
  '\u2ee3': '骨',
  '\u2ee4': '鬼',
  '\u2ee5': '鱼',
  '\u2ee6': '鸟',
  '\u2ee9': '黄',
  '\u2eec': '齐',
  '\u2eee': '齿',
  '\u2ef0': '龙',
  '\u2ef3': '龟',
};
const RADICAL = /[\u2e80-\u2eff]/g;

/**
 * NFKC (full-width digits, letters and brackets become ASCII), every kind of space becomes one ASCII
 * space, dashes become '-', and Traditional becomes Simplified when asked.
 */
export function normaliseText(raw: string, traditional = false): string {
  let s = traditional ? traditionalToSimplified(raw) : raw;
  s = s.normalize('NFKC').replace(RADICAL, (c) => RADICALS[c] ?? c);
  // NFKC leaves the long dashes alone; they mark zero cells just like '-'.
  s = s.replace(DASHES, '-').replace(SPACES, ' ');
  return s.trim();
}

/** A label with every space removed, for comparisons ("结果 维持" = "结果维持"). */
export function compact(text: string): string {
  return text.replace(/\s+/g, '');
}

// ── values ────────────────────────────────────────────────────────────────────────────────────────

export type CellValue =
  | { kind: 'number'; value: number; unit?: 'yuan' | 'wan_yuan' }
  /** '/', '-', '—': the cell is filled and says "none" (fixtures/reports/README.md: read as 0). */
  | { kind: 'mark' }
  | { kind: 'blank' };

const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const MARK = /^[/\\-]+$/;
/** Units that may trail a figure inside a cell ("12件", "1856.4万元"). */
const UNIT = /^(.*?\d)\s*(万元|元|件|个|条|项|次|人次)$/;

/**
 * Reads one cell as a figure. Returns null when the cell holds text (a label, a note, "无"), so that
 * the caller can tell an unreadable cell from a blank one.
 */
export function parseCellValue(text: string): CellValue | null {
  const t = compact(text);
  if (t === '') return { kind: 'blank' };
  if (MARK.test(t)) return { kind: 'mark' };
  let body = t;
  let unit: 'yuan' | 'wan_yuan' | undefined;
  const withUnit = UNIT.exec(t);
  if (withUnit) {
    body = withUnit[1]!;
    if (withUnit[2] === '万元') unit = 'wan_yuan';
    else if (withUnit[2] === '元') unit = 'yuan';
  }
  if (!NUMBER.test(body)) return null;
  const value = Number(body.replace(/,/g, ''));
  if (!Number.isFinite(value)) return null;
  return unit ? { kind: 'number', value, unit } : { kind: 'number', value };
}

/** True for text that is only a figure or a zero mark (used to split "标签 1 0 0" runs). */
export function isValueText(text: string): boolean {
  const v = parseCellValue(text);
  return v !== null && v.kind !== 'blank';
}

// ── headings and numbering ────────────────────────────────────────────────────────────────────────

/** Leading enumerations of labels: 一、 (一) 1. 1、 (1) ①, repeated ("三、本年度办理结果(一)予以公开" keeps the rest). */
const NUMBERING =
  /^(?:[一二三四五六七八九十]+[、.,]|\([一二三四五六七八九十]+\)|\d{1,2}(?:[.、,](?!\d))|\(\d{1,2}\)|[①-⑳])/;

export interface Numbered {
  /** Each enumeration stripped from the front, in order ("三、", "(一)"). */
  prefixes: string[];
  rest: string;
}

export function stripNumbering(label: string): Numbered {
  const prefixes: string[] = [];
  let rest = compact(label);
  for (let guard = 0; guard < 4; guard++) {
    const m = NUMBERING.exec(rest);
    if (!m) break;
    prefixes.push(m[0]);
    rest = rest.slice(m[0].length);
  }
  return { prefixes, rest };
}

/** A page number line as printed by WPS/Word exports: "-3-", "- 3 -", "— 3 —", "第3页", "3/6", "第 3 页 共 6 页". */
export function isPageNumber(text: string): boolean {
  const t = compact(text);
  return /^-\d{1,3}-$/.test(t) || /^第\d{1,3}页(?:共\d{1,3}页)?$/.test(t) || /^\d{1,3}\/\d{1,3}$/.test(t);
}

// ── similarity ────────────────────────────────────────────────────────────────────────────────────

/** Length of the longest common subsequence: tolerant to a dropped or a wrong character. */
export function lcsLength(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return 0;
  let prev = new Array<number>(b.length + 1).fill(0);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

// ── dates ─────────────────────────────────────────────────────────────────────────────────────────

/** 'YYYY-MM-DD' from "2025-01-20", "2025/1/20", "2025.01.20" or "2025年1月20日"; null when not a valid date. */
export function parseDate(text: string): string | null {
  const m = /(\d{4})\s*(?:年|-|\/|\.)\s*(\d{1,2})\s*(?:月|-|\/|\.)\s*(\d{1,2})\s*日?/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
