/**
 * Personal data (身份证号, phone numbers) never reaches a view or a log in full.
 * These functions are used by views, the log serializer and exports alike.
 */

/** 320582199001011234 → 3205**********1234 */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

/** 13812345678 → 138****5678; landlines keep their area code and last 2 digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return `${phone.slice(0, Math.min(5, phone.length - 4))}****${phone.slice(-2)}`;
}

const ID_NUMBER_IN_TEXT = /(?<!\d)(\d{6})(\d{8})(\d{3}[\dXx])(?!\d)/g;
const MOBILE_IN_TEXT = /(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g;

/** Masks every resident ID number and mobile number found in free text (logs, URLs). */
export function maskPersonalDataInText(text: string): string {
  return text
    .replace(ID_NUMBER_IN_TEXT, (_m, a: string, _b: string, c: string) => `${a.slice(0, 4)}**********${c}`)
    .replace(MOBILE_IN_TEXT, (_m, a: string, _b: string, c: string) => `${a}****${c}`);
}
