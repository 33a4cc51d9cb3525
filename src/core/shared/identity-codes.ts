/**
 * Check characters of the three identity codes the system meets. A code whose check character is
 * wrong is refused at the edge: it is almost always a typing error.
 */

/** GB 32100-2015 统一社会信用代码: 18 characters, the last one a check character (mod 31). */
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function computeUnifiedSocialCreditCheck(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(first17[i]!);
    if (value < 0) return null;
    sum += value * USCC_WEIGHTS[i]!;
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

export function isValidUnifiedSocialCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  return computeUnifiedSocialCreditCheck(code.slice(0, 17)) === code[17];
}

/** GB 11714-1997 组织机构代码: 8 body characters and a check character (mod 11), hyphen optional. */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export function computeOrganisationCodeCheck(body: string): string | null {
  if (!/^[0-9A-Z]{8}$/.test(body)) return null;
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body[i]!;
    const value = ch >= '0' && ch <= '9' ? Number(ch) : ch.charCodeAt(0) - 55;
    sum += value * ORG_WEIGHTS[i]!;
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

export function normaliseOrganisationCode(code: string): string {
  return code.replace('-', '').toUpperCase();
}

export function isValidOrganisationCode(code: string): boolean {
  const plain = normaliseOrganisationCode(code);
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(plain)) return false;
  return computeOrganisationCodeCheck(plain.slice(0, 8)) === plain[8];
}

export type AgencyCodeKind = 'unified_social_credit_code' | 'organisation_code';

/** An agency is identified by its 统一社会信用代码, or by the older 组织机构代码. */
export function classifyAgencyCode(code: string): AgencyCodeKind | null {
  if (isValidUnifiedSocialCreditCode(code)) return 'unified_social_credit_code';
  if (isValidOrganisationCode(code)) return 'organisation_code';
  return null;
}

/**
 * The 9-character organisation code used as the 前段码 of 索引号: the code itself, or characters
 * 9–17 of a 统一社会信用代码 (GB 32100-2015 §4.2).
 */
export function organisationCodeOf(code: string): string {
  return code.length === 18 ? code.slice(8, 17) : normaliseOrganisationCode(code);
}

/** GB 11643-1999 公民身份号码: 17 digits, then a check character (mod 11), and a real birth date. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECKS = '10X98765432';

export function isValidResidentIdNumber(id: string): boolean {
  const upper = id.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(upper)) return false;
  const y = Number(upper.slice(6, 10));
  const m = Number(upper.slice(10, 12));
  const d = Number(upper.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(upper[i]) * ID_WEIGHTS[i]!;
  return ID_CHECKS[sum % 11] === upper[17];
}
