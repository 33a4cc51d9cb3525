/**
 * Recognising the printed labels of the national format (国办公开办函〔2021〕30号 and the 2019 试行
 * layout) after normalisation. Matching is by distinctive keywords first, then by similarity, so that
 * published typos ("2.其他法律行政止公开"), page-break fragments ("（二）部分公开（区分处理的，只计这一情")
 * and half-width or missing numbering still find their row, while prose sentences do not.
 */
import type {
  ApplicantType,
  OutcomeCode,
  OutcomeGroup,
  Section3Column,
  Section3Row,
  Section4Block,
  Section4Column,
} from '../core/annual-report/cells.ts';
import { compact, lcsLength, stripNumbering } from './normalise.ts';

// ── the six section headings ──────────────────────────────────────────────────────────────────────

export const SECTION_KEYS = [
  'overview',
  'proactive',
  'applications',
  'review',
  'problems',
  'other_matters',
] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

const HEADINGS: readonly [SectionKey, RegExp][] = [
  ['overview', /总体情况$/],
  ['proactive', /主动公开政府信息(?:的)?情况$/],
  ['applications', /收到和处理政府信息公开申请(?:的)?情况$/],
  ['review', /行政复议[、,和及与]?(?:提起)?行政诉讼(?:的)?情况$/],
  ['problems', /存在的主要问题(?:及|和)改进情况$/],
  ['other_matters', /其他需要报告的事项$/],
];

/** Markdown and emphasis marks that a heading line may carry in text renderings. */
function stripMarkup(text: string): string {
  return text.replace(/^#+\s*/, '').replace(/\*\*/g, '');
}

/**
 * The section a heading line opens, or null. A heading is a short line ending in the official title;
 * "四、结转下年度继续办理" (a table row that starts a line after a page break) is not one.
 */
export function matchHeading(text: string): SectionKey | null {
  const t = compact(stripMarkup(text));
  if (t.length > 40 || t.length < 4) return null;
  const { rest } = stripNumbering(t);
  for (const [key, re] of HEADINGS) {
    if (re.test(rest) && rest.length <= 30) return key;
  }
  return null;
}

// ── section 三: rows ──────────────────────────────────────────────────────────────────────────────

export type Section3Match =
  | { kind: 'row'; key: Section3Row }
  | { kind: 'group'; key: OutcomeGroup }
  /** 三、本年度办理结果: a heading over the outcome rows, with no figures of its own. */
  | { kind: 'results' };

interface RowDef {
  key: Section3Row;
  keywords: readonly string[];
  /** The official wording without numbering, for similarity matching. */
  core: string;
}

const ROWS: readonly RowDef[] = [
  { key: 'new', keywords: ['本年新收', '新收政府信息公开申请'], core: '本年新收政府信息公开申请数量' },
  { key: 'carried_over', keywords: ['上年结转'], core: '上年结转政府信息公开申请数量' },
  { key: 'disclosed', keywords: ['予以公开'], core: '予以公开' },
  {
    key: 'partially_disclosed',
    keywords: ['部分公开'],
    core: '部分公开(区分处理的,只计这一情形,不计其他情形)',
  },
  { key: 'withheld.state_secret', keywords: ['国家秘密'], core: '属于国家秘密' },
  {
    key: 'withheld.prohibited_by_law',
    keywords: ['法律行政法规', '其他法律', '禁止公开'],
    core: '其他法律行政法规禁止公开',
  },
  { key: 'withheld.security_stability', keywords: ['三安全', '一稳定'], core: '危及"三安全一稳定"' },
  { key: 'withheld.third_party_rights', keywords: ['第三方'], core: '保护第三方合法权益' },
  { key: 'withheld.internal_affairs', keywords: ['内部事务'], core: '属于三类内部事务信息' },
  { key: 'withheld.process_information', keywords: ['过程性'], core: '属于四类过程性信息' },
  { key: 'withheld.enforcement_file', keywords: ['执法案卷'], core: '属于行政执法案卷' },
  { key: 'withheld.administrative_query', keywords: ['行政查询', '查询事项'], core: '属于行政查询事项' },
  { key: 'unavailable.not_held', keywords: ['不掌握'], core: '本机关不掌握相关政府信息' },
  { key: 'unavailable.needs_creation', keywords: ['另行制作', '没有现成'], core: '没有现成信息需要另行制作' },
  { key: 'unavailable.still_unclear', keywords: ['仍不明确', '补正后申请'], core: '补正后申请内容仍不明确' },
  { key: 'not_processed.petition_complaint', keywords: ['信访', '举报投诉'], core: '信访举报投诉类申请' },
  { key: 'not_processed.duplicate', keywords: ['重复申请'], core: '重复申请' },
  { key: 'not_processed.publication', keywords: ['出版物'], core: '要求提供公开出版物' },
  { key: 'not_processed.excessive', keywords: ['大量反复', '反复申请'], core: '无正当理由大量反复申请' },
  {
    key: 'not_processed.confirmation',
    keywords: ['确认或重新', '重新出具', '要求行政机关确认'],
    core: '要求行政机关确认或重新出具已获取信息',
  },
  {
    key: 'other.correction_lapsed',
    keywords: ['逾期不补', '无正当理由逾期'],
    core: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  },
  {
    key: 'other.fee_lapsed',
    keywords: ['收费通知', '缴纳费用', '未按收费'],
    core: '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  },
  { key: 'carried_forward', keywords: ['结转下年度', '下年度继续'], core: '结转下年度继续办理' },
];

const GROUPS: readonly { key: OutcomeGroup; keywords: readonly string[] }[] = [
  { key: 'withheld', keywords: ['不予公开'] },
  { key: 'unavailable', keywords: ['无法提供'] },
  { key: 'not_processed', keywords: ['不予处理'] },
  { key: 'other', keywords: ['其他处理'] },
];

export interface Section3Context {
  /** The last row or group recognised before this text, if any. */
  previous: Section3Match | null;
}

/** A label is short and holds no figures; longer text or text with digits is prose or a note. */
function labelLike(rest: string): boolean {
  // Inner enumerations ("（三）不予公开 1.属于国家秘密" in one cell) are not figures.
  const probe = rest.replace(/\d{1,2}[.、,](?!\d)/g, '');
  return rest.length > 0 && rest.length <= 60 && !/\d/.test(probe);
}

/**
 * Finds which row (or outcome group) of table 三 a piece of text labels. Context decides the two
 * bare words: "其他" is the row （六）3 only when numbered or right after （六）2, and "总计" is
 * （七）总计 only when numbered or after outcome rows (otherwise both are column headers).
 */
export function matchSection3Label(text: string, ctx: Section3Context): Section3Match | null {
  const { prefixes, rest } = stripNumbering(text);
  if (!labelLike(rest)) return null;
  const numbered = prefixes.length > 0;
  const prev = ctx.previous;
  if (rest === '其他' || rest === '其它') {
    const afterFee = prev?.kind === 'row' && prev.key === 'other.fee_lapsed';
    const inOther = prev?.kind === 'row' && prev.key.startsWith('other.');
    return (numbered && inOther) || afterFee || (numbered && /^3/.test(prefixes.at(-1) ?? ''))
      ? { kind: 'row', key: 'other.other' }
      : null;
  }
  if (rest === '总计' || rest === '合计') {
    const inOutcomes =
      prev !== null && (prev.kind === 'group' || (prev.kind === 'row' && isOutcome(prev.key)));
    return prefixes.includes('(七)') || inOutcomes ? { kind: 'row', key: 'outcome_total' } : null;
  }

  let best: { def: RowDef; score: number } | null = null;
  for (const def of ROWS) {
    for (const kw of def.keywords) {
      if (rest.includes(kw) && (!best || kw.length > best.score)) best = { def, score: kw.length };
    }
  }
  if (best) return { kind: 'row', key: best.def.key };

  for (const g of GROUPS) {
    if (g.keywords.some((kw) => rest.includes(kw))) return { kind: 'group', key: g.key };
  }
  if (rest.includes('办理结果')) return { kind: 'results' };

  // Typos that break every keyword: the closest official wording, if it is clearly the closest.
  if (rest.length < 4) return null;
  let first: { def: RowDef; ratio: number } | null = null;
  let second = 0;
  for (const def of ROWS) {
    const core = compact(def.core);
    if (rest.length > core.length * 1.5 || rest.length < core.length * 0.5) continue;
    const ratio = lcsLength(rest, core) / Math.max(core.length, rest.length);
    if (!first || ratio > first.ratio) {
      second = first?.ratio ?? 0;
      first = { def, ratio };
    } else if (ratio > second) second = ratio;
  }
  if (first && first.ratio >= 0.7 && first.ratio - second >= 0.15) return { kind: 'row', key: first.def.key };
  return null;
}

function isOutcome(key: Section3Row): key is OutcomeCode {
  return key !== 'new' && key !== 'carried_over' && key !== 'outcome_total' && key !== 'carried_forward';
}

/**
 * True for text that opens a row of its own (an enumeration such as "2." or "（五）"), used to stop
 * figures of one row running into an unrecognised next row.
 */
export function looksLikeRowLabel(text: string): boolean {
  const { prefixes, rest } = stripNumbering(text);
  return prefixes.length > 0 && labelLike(rest);
}

// ── section 三: columns ───────────────────────────────────────────────────────────────────────────

const APPLICANT_HEADERS: readonly [Section3Column, (t: string) => boolean][] = [
  ['natural_person', (t) => t.includes('自然人')],
  ['commercial_enterprise', (t) => t.includes('商业企业')],
  ['research_institution', (t) => t.includes('科研机构')],
  ['public_interest_org', (t) => t.includes('公益组织')],
  ['legal_service_org', (t) => t.includes('法律服务')],
  ['other_org', (t) => t === '其他' || t === '其它'],
  ['total', (t) => t === '总计' || t === '合计'],
];

/** The applicant column a header cell names ("商业 企业" included), or null. */
export function matchApplicantHeader(text: string): Section3Column | null {
  const t = compact(text);
  for (const [key, test] of APPLICANT_HEADERS) if (test(t)) return key;
  return null;
}

export const APPLICANT_COLUMN_ORDER: readonly Section3Column[] = APPLICANT_HEADERS.map(([k]) => k);
export type { ApplicantType };

// ── section 二 ────────────────────────────────────────────────────────────────────────────────────

export type Section2RowKey =
  | 'rule'
  | 'normative_document'
  | 'licensing'
  | 'other_management_service'
  | 'penalty'
  | 'coercion'
  | 'administrative_fee'
  | 'centralised_procurement';

const SECTION2_ROWS: readonly [Section2RowKey, readonly string[]][] = [
  ['rule', ['规章']],
  ['normative_document', ['行政规范性文件', '规范性文件']],
  ['licensing', ['行政许可']],
  ['other_management_service', ['其他对外管理服务事项', '其他对外管理服务']],
  ['penalty', ['行政处罚']],
  ['coercion', ['行政强制']],
  ['administrative_fee', ['行政事业性收费']],
  ['centralised_procurement', ['政府集中采购']],
];

/** The row of a section-二 table a cell labels ("规章", "行政规范性文件" …), or null. */
export function matchSection2Row(text: string): Section2RowKey | null {
  const { rest } = stripNumbering(text);
  const t = rest.replace(/\(.*\)$/, '');
  for (const [key, labels] of SECTION2_ROWS) {
    if (labels.some((l) => t === l)) return key;
  }
  return null;
}

export type Section2ColumnKey =
  | 'issued'
  | 'repealed'
  | 'in_force'
  | 'decisions'
  | 'amount_wan_yuan'
  | 'made_this_year'
  | 'published_this_year'
  | 'published_total'
  | 'items_last_year'
  | 'items_change'
  | 'projects'
  | 'procurement_amount';

const SECTION2_COLUMNS: readonly [Section2ColumnKey, (t: string) => boolean][] = [
  ['issued', (t) => t.includes('制发')],
  ['repealed', (t) => t.includes('废止')],
  ['in_force', (t) => t.includes('现行有效')],
  ['decisions', (t) => t.includes('处理决定')],
  ['amount_wan_yuan', (t) => t.includes('收费金额')],
  ['made_this_year', (t) => t.includes('新制作')],
  ['published_this_year', (t) => t.includes('新公开')],
  ['published_total', (t) => t.includes('公开总数')],
  ['items_last_year', (t) => t.includes('上一年')],
  ['items_change', (t) => /增\/?减|增减/.test(t)],
  ['projects', (t) => t.includes('采购项目')],
  ['procurement_amount', (t) => t.includes('采购总金额') || t.includes('采购金额')],
];

export function matchSection2Column(text: string): Section2ColumnKey | null {
  const t = compact(text);
  if (t.length > 30) return null;
  for (const [key, test] of SECTION2_COLUMNS) if (test(t)) return key;
  return null;
}

/** Columns that exist only in the 2019 试行 layout: one of them in table 二 means formatVersion '2019'. */
export const SECTION2_2019_ONLY_COLUMNS: ReadonlySet<Section2ColumnKey> = new Set([
  'made_this_year',
  'published_this_year',
  'published_total',
  'items_last_year',
  'items_change',
  'projects',
  'procurement_amount',
]);

/** "第二十条第（一）项" (also with a space or half-width brackets) → "一", or null. */
export function matchArticle20Item(text: string): string | null {
  const m = /第二十条第?\(([一二三四五六七八九十]+)\)项/.exec(compact(text));
  return m ? m[1]! : null;
}

/** The unit a money header or cell states: 万元, 元, or unknown. */
export function moneyUnit(text: string): 'wan_yuan' | 'yuan' | null {
  const t = compact(text);
  if (t.includes('万元')) return 'wan_yuan';
  if (/元/.test(t)) return 'yuan';
  return null;
}

// ── section 四 ────────────────────────────────────────────────────────────────────────────────────

export function matchSection4Block(text: string): Section4Block | null {
  const t = compact(text);
  if (t.length > 30) return null;
  if (t.includes('未经复议') || t.includes('直接起诉')) return 'litigation_direct';
  if (t.includes('复议后起诉')) return 'litigation_after_reconsideration';
  if (t.includes('行政复议')) return 'reconsideration';
  return null;
}

export function matchSection4Column(text: string): Section4Column | null {
  const t = compact(text);
  if (t.length > 12) return null;
  if (t.includes('维持')) return 'upheld';
  if (t.includes('纠正')) return 'corrected';
  if (t === '其他结果' || t === '其他' || t === '其它结果') return 'other';
  if (t.includes('审结') || t === '尚未') return 'pending';
  if (t === '总计' || t === '合计') return 'total';
  return null;
}
