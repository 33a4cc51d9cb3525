import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INDEX_NUMBER_PATTERN,
  formatIndexNumber,
  indexNumberFromSlug,
  indexNumberPeriod,
  indexNumberToSlug,
  parseIndexNumberPattern,
} from './index-number.ts';

const BUREAU_USCC = '11320582014000028G';

function rule(pattern: string) {
  const parsed = parseIndexNumberPattern(pattern);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

describe('索引号 generation', () => {
  it.each([
    // The national default: 9-character organisation code (characters 9–17 of the USCC), year, 5 digits.
    [DEFAULT_INDEX_NUMBER_PATTERN, BUREAU_USCC, '2021-03-04', 1, '014000028/2021-00001'],
    [DEFAULT_INDEX_NUMBER_PATTERN, BUREAU_USCC, '2021-12-31', 270, '014000028/2021-00270'],
    // An agency registered by its old 组织机构代码 (hyphen dropped in the 前段码).
    [DEFAULT_INDEX_NUMBER_PATTERN, '01427688-8', '2022-05-01', 185, '014276888/2022-00185'],
    // Variants seen on real portals.
    ['{org-}/{yyyy}-{seq:5}', '01427688-8', '2022-05-01', 185, '01427688-8/2022-00185'],
    ['{uscc}/{yyyy}{mm}-{seq:5}', BUREAU_USCC, '2021-10-09', 13, '11320582014000028G/202110-00013'],
    ['{org}-{yyyy}-{seq:6}', BUREAU_USCC, '2020-01-02', 153077, '014000028-2020-153077'],
  ])('%s for %s on %s, serial %i → %s', (pattern, code, publishedOn, serial, expected) => {
    const result = formatIndexNumber(rule(pattern), { agencyCode: code, publishedOn, serial });
    expect(result).toEqual({ ok: true, value: expected });
  });

  it('is 20 characters with the national default', () => {
    const result = formatIndexNumber(rule(DEFAULT_INDEX_NUMBER_PATTERN), {
      agencyCode: BUREAU_USCC,
      publishedOn: '2021-01-05',
      serial: 1,
    });
    expect(result.ok && result.value.length).toBe(20);
  });

  it('draws serials per year, or per month when the pattern has the month', () => {
    expect(indexNumberPeriod(rule(DEFAULT_INDEX_NUMBER_PATTERN), '2021-10-09')).toBe('2021');
    expect(indexNumberPeriod(rule('{uscc}/{yyyy}{mm}-{seq:5}'), '2021-10-09')).toBe('2021-10');
  });

  it('refuses a serial beyond the digits of the rule instead of widening the number', () => {
    const result = formatIndexNumber(rule(DEFAULT_INDEX_NUMBER_PATTERN), {
      agencyCode: BUREAU_USCC,
      publishedOn: '2021-01-05',
      serial: 100_000,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('流水号已用尽');
  });

  it('refuses {uscc} for an agency that only has an organisation code', () => {
    const result = formatIndexNumber(rule('{uscc}/{yyyy}-{seq:5}'), {
      agencyCode: '014276888',
      publishedOn: '2021-01-05',
      serial: 1,
    });
    expect(result.ok).toBe(false);
  });

  it.each([
    ['{org}/{yyyy}', '恰好包含一个流水号'],
    ['{org}/{yyyy}-{seq:5}-{seq:5}', '恰好包含一个流水号'],
    ['{org}/{yyyy}-{seq:2}', '3–8 位'],
    ['{org}/{seq:5}', '年份'],
    ['{yyyy}-{seq:5}', '机关代码'],
    ['{org}/{year}-{seq:5}', '无法识别的占位符'],
    ['{org}/索引{yyyy}-{seq:5}', '固定字符'],
    ['', '长度'],
  ])('refuses the pattern %j (%s)', (pattern, message) => {
    const parsed = parseIndexNumberPattern(pattern);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toContain(message);
  });

  it('carries index numbers in URLs as one path segment and back', () => {
    for (const indexNumber of ['014000028/2021-00001', '01427688-8/2022-00185', '014000028-2020-153077']) {
      const slug = indexNumberToSlug(indexNumber);
      expect(slug).not.toContain('/');
      expect(encodeURIComponent(slug)).toBe(slug);
      expect(indexNumberFromSlug(slug)).toBe(indexNumber);
    }
  });
});
