import { isValidUnifiedSocialCreditCode, organisationCodeOf } from '../shared/identity-codes.ts';
import { ok, type Result, refuse } from '../shared/result.ts';

/**
 * 索引号 (《政府信息公开目录系统实施指引（试行）》): 前段码/后段码, where the 前段码 is the agency's
 * 9-character 组织机构代码 and the 后段码 is YYYY-NNNNN, a serial per year. It is unique and never
 * changes, even when the publishing body changes, and a withdrawn entry keeps its number.
 *
 * Real portals vary (`0142768-8/2022-00185`, `11341702486344515H/202110-00013`,
 * `01527918X-2020-153077`), so each agency may set its own rule as a pattern of tokens:
 *   {org}      9-character organisation code (from the 统一社会信用代码 when the agency has one)
 *   {org-}     the same with the hyphen kept: 0142768-8
 *   {uscc}     the 18-character 统一社会信用代码
 *   {yyyy}     the year of publication
 *   {mm}       the month of publication (the serial then restarts every month)
 *   {seq:N}    the serial, zero-padded to N digits (3–8)
 * Any other character is literal. The default is the national one.
 */
export const DEFAULT_INDEX_NUMBER_PATTERN = '{org}/{yyyy}-{seq:5}';

const TOKEN = /\{(org-|org|uscc|yyyy|mm|seq:(\d+))\}/g;
const LITERAL_ALLOWED = /^[A-Za-z0-9/\-_.]*$/;

export interface IndexNumberRule {
  pattern: string;
  /** Digits of the serial. */
  serialDigits: number;
  /** The serial restarts each month when the pattern has {mm}, otherwise each year. */
  period: 'year' | 'month';
}

export function parseIndexNumberPattern(pattern: string): Result<IndexNumberRule> {
  const fail = (message: string) => refuse({ code: 'validation_failed', message });
  if (pattern.length === 0 || pattern.length > 60) return fail('索引号规则长度应为 1–60 个字符');
  let serialDigits = 0;
  let serials = 0;
  let hasYear = false;
  let hasMonth = false;
  let hasAgency = false;
  for (const match of pattern.matchAll(TOKEN)) {
    const token = match[1]!;
    if (token.startsWith('seq:')) {
      serials++;
      serialDigits = Number(match[2]);
    } else if (token === 'yyyy') hasYear = true;
    else if (token === 'mm') hasMonth = true;
    else hasAgency = true;
  }
  const literals = pattern.replace(TOKEN, '');
  if (literals.includes('{') || literals.includes('}')) return fail('索引号规则含有无法识别的占位符');
  if (!LITERAL_ALLOWED.test(literals)) return fail('索引号规则中的固定字符只能是字母、数字和 / - _ .');
  if (serials !== 1) return fail('索引号规则应当恰好包含一个流水号 {seq:N}');
  if (serialDigits < 3 || serialDigits > 8) return fail('流水号位数应为 3–8 位');
  if (!hasYear) return fail('索引号规则应当包含年份 {yyyy}（流水号按年编排）');
  if (!hasAgency) return fail('索引号规则应当包含机关代码 {org}、{org-} 或 {uscc}（保证全国唯一）');
  return ok({ pattern, serialDigits, period: hasMonth ? 'month' : 'year' });
}

/** The counter a number is drawn from: the year, or the year and month. */
export function indexNumberPeriod(rule: IndexNumberRule, publishedOn: string): string {
  return rule.period === 'month' ? publishedOn.slice(0, 7) : publishedOn.slice(0, 4);
}

export interface IndexNumberInput {
  /** The agency's 统一社会信用代码 or 组织机构代码, as stored. */
  agencyCode: string;
  /** 'YYYY-MM-DD': the serial belongs to the year (and month) of publication. */
  publishedOn: string;
  serial: number;
}

export function formatIndexNumber(rule: IndexNumberRule, input: IndexNumberInput): Result<string> {
  const max = 10 ** rule.serialDigits - 1;
  if (!Number.isInteger(input.serial) || input.serial < 1 || input.serial > max) {
    return refuse({
      code: 'validation_failed',
      message: `本期索引号流水号已用尽（最多 ${max} 个），请调整本机关的索引号规则`,
    });
  }
  const org = organisationCodeOf(input.agencyCode);
  if (rule.pattern.includes('{uscc}') && !isValidUnifiedSocialCreditCode(input.agencyCode)) {
    return refuse({
      code: 'validation_failed',
      message: '索引号规则使用了统一社会信用代码 {uscc}，但本机关登记的是组织机构代码',
    });
  }
  const value = rule.pattern.replace(TOKEN, (_m, token: string) => {
    if (token === 'org') return org;
    if (token === 'org-') return `${org.slice(0, 8)}-${org.slice(8)}`;
    if (token === 'uscc') return input.agencyCode;
    if (token === 'yyyy') return input.publishedOn.slice(0, 4);
    if (token === 'mm') return input.publishedOn.slice(5, 7);
    return String(input.serial).padStart(rule.serialDigits, '0');
  });
  return ok(value);
}

export interface IndexNumberParts {
  /** The counter the serial belongs to, as indexNumberPeriod gives it ('YYYY' or 'YYYY-MM'). */
  period: string;
  serial: number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, (c) => `\\${c}`);
}

/**
 * Reads a 索引号 given elsewhere (an old catalogue being migrated) against the agency's rule: its
 * period and serial when it has exactly the rule's shape with this agency's code, else null. A
 * number of another shape is not kept — it would break the catalogue's one numbering scheme.
 */
export function matchIndexNumber(
  rule: IndexNumberRule,
  agencyCode: string,
  text: string,
): IndexNumberParts | null {
  const org = organisationCodeOf(agencyCode);
  if (rule.pattern.includes('{uscc}') && !isValidUnifiedSocialCreditCode(agencyCode)) return null;
  let source = '';
  let last = 0;
  for (const match of rule.pattern.matchAll(TOKEN)) {
    source += escapeRegExp(rule.pattern.slice(last, match.index));
    last = match.index + match[0].length;
    const token = match[1]!;
    if (token === 'org') source += escapeRegExp(org);
    else if (token === 'org-') source += escapeRegExp(`${org.slice(0, 8)}-${org.slice(8)}`);
    else if (token === 'uscc') source += escapeRegExp(agencyCode);
    else if (token === 'yyyy') source += '(?<yyyy>(?:19|20)\\d{2})';
    else if (token === 'mm') source += '(?<mm>0[1-9]|1[0-2])';
    else source += `(?<seq>\\d{${rule.serialDigits}})`;
  }
  source += escapeRegExp(rule.pattern.slice(last));
  const match = new RegExp(`^${source}$`).exec(text.trim());
  const groups = match?.groups;
  if (!groups?.yyyy || !groups.seq) return null;
  const serial = Number(groups.seq);
  if (serial < 1) return null;
  return { period: groups.mm ? `${groups.yyyy}-${groups.mm}` : groups.yyyy, serial };
}

/**
 * Index numbers contain '/', so URLs carry them with '/' replaced by '~' (never used in a pattern):
 * /agencies/<code>/catalogue/014276888~2021-00012 stays one readable, stable path segment.
 */
export function indexNumberToSlug(indexNumber: string): string {
  return indexNumber.replaceAll('/', '~');
}

export function indexNumberFromSlug(slug: string): string {
  return slug.replaceAll('~', '/');
}
