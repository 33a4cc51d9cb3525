import { describe, expect, it } from 'vitest';
import { fixReceiptDate, type ReceiptFacts } from './receipt-date.ts';

describe('fixReceiptDate (条例第三十一条)', () => {
  const cases: Array<[string, ReceiptFacts, string, string, RegExp]> = [
    [
      'handed in',
      { channel: 'in_person', handedInOn: '2025-09-26' },
      '2025-09-26',
      'handed_in',
      /第三十一条第一项/,
    ],
    [
      'oral, written down by the office',
      { channel: 'oral', handedInOn: '2025-09-27' },
      '2025-09-27',
      'handed_in',
      /第二十九条第二款/,
    ],
    [
      'registered letter: signed for',
      { channel: 'post', signedForOn: '2025-09-29', confirmedOn: '2025-09-30' },
      '2025-09-29',
      'signed_for',
      /签收之日/,
    ],
    [
      'ordinary letter: confirmed with the applicant',
      { channel: 'post', confirmedOn: '2025-09-30' },
      '2025-09-30',
      'confirmed',
      /平常信函/,
    ],
    [
      'online: both sides confirmed',
      { channel: 'online', handedInOn: '2025-09-26', confirmedOn: '2025-09-28' },
      '2025-09-28',
      'confirmed',
      /双方确认之日/,
    ],
    ['fax', { channel: 'fax', confirmedOn: '2025-10-09' }, '2025-10-09', 'confirmed', /第三十一条第三项/],
    [
      'e-mail is a 数据电文 over the internet',
      { channel: 'email', confirmedOn: '2025-10-10' },
      '2025-10-10',
      'confirmed',
      /互联网渠道/,
    ],
  ];
  it.each(cases)('%s', (_name, facts, receivedOn, basis, rule) => {
    const result = fixReceiptDate(facts);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.receivedOn).toBe(receivedOn);
    expect(result.value.basis).toBe(basis);
    expect(result.value.rule).toMatch(rule);
  });

  const refusals: Array<[string, ReceiptFacts, RegExp]> = [
    ['in person without a date', { channel: 'in_person' }, /提交日期/],
    ['oral without a date', { channel: 'oral', confirmedOn: '2025-09-26' }, /口头/],
    ['post without signature or confirmation', { channel: 'post', handedInOn: '2025-09-26' }, /签收日期/],
    [
      'online with only the submission date (not confirmed)',
      { channel: 'online', handedInOn: '2025-09-26' },
      /双方确认/,
    ],
    ['an impossible date', { channel: 'fax', confirmedOn: '2025-02-30' }, /不是有效日期/],
  ];
  it.each(refusals)('refuses %s', (_name, facts, message) => {
    const result = fixReceiptDate(facts);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('validation_failed');
      expect(result.error.message).toMatch(message);
    }
  });
});
