import { describe, expect, it } from 'vitest';
import { detectNoticeFormat, parseHolidayNotice } from './holiday-notice.ts';

describe('holiday notice files', () => {
  it('reads CSV with Chinese kind words and a header', () => {
    const result = parseHolidayNotice('date,kind,name\n2027-01-01,休,元旦\n2027-02-06,班,春节\n', 'csv');
    expect(result).toEqual({
      ok: true,
      value: {
        year: 2027,
        days: [
          { date: '2027-01-01', kind: 'holiday', name: '元旦' },
          { date: '2027-02-06', kind: 'makeup_workday', name: '春节' },
        ],
      },
    });
  });

  it('reads the chinese-days JSON shape and keeps the Chinese names', () => {
    const json = JSON.stringify({
      holidays: { '2025-01-01': "New Year's Day,元旦,1" },
      workdays: { '2025-01-26': 'Spring Festival,春节,4' },
      inLieuDays: { '2025-02-03': 'Spring Festival,春节,4' },
    });
    const result = parseHolidayNotice(json, 'json');
    expect(result.ok && result.value.days).toEqual([
      { date: '2025-01-01', kind: 'holiday', name: '元旦' },
      { date: '2025-01-26', kind: 'makeup_workday', name: '春节' },
    ]);
  });

  it('reads our own JSON shape with an explicit year', () => {
    const json = JSON.stringify({
      year: 2027,
      holidays: [{ date: '2027-10-01', name: '国庆节' }],
      makeupWorkdays: ['2027-09-26'],
    });
    const result = parseHolidayNotice(json, 'json');
    expect(result.ok && result.value.year).toBe(2027);
    expect(result.ok && result.value.days).toHaveLength(2);
  });

  it('reads iCalendar ranges (exclusive DTEND) and 班 events', () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20271001',
      'DTEND;VALUE=DATE:20271004',
      'SUMMARY:国庆节(休)',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20270925',
      'DTEND;VALUE=DATE:20270926',
      'SUMMARY:国庆节(班)',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const result = parseHolidayNotice(ics, 'ics');
    expect(result.ok && result.value.days.map((d) => `${d.date}:${d.kind}:${d.name}`)).toEqual([
      '2027-09-25:makeup_workday:国庆节',
      '2027-10-01:holiday:国庆节',
      '2027-10-02:holiday:国庆节',
      '2027-10-03:holiday:国庆节',
    ]);
  });

  it.each([
    ['a make-up workday on a weekday', '2027-02-03,班,春节', /不是周末/],
    ['a date outside the year', '2027-01-01,休,元旦\n2028-01-01,休,元旦', /不属于 2027 年/],
    ['an invalid date', '2027-02-30,休,春节', /日期“2027-02-30”无效/],
    ['an unknown kind', '2027-01-01,放羊,元旦', /类型“放羊”无效/],
    ['a date listed as both', '2027-01-02,休,元旦\n2027-01-02,班,元旦', /同时被列为/],
    ['an empty file', 'date,kind,name\n', /没有任何/],
  ])('refuses %s with a Chinese message', (_case, csv, message) => {
    const result = parseHolidayNotice(
      csv,
      'csv',
      csv.startsWith('2027-01-01,休,元旦\n2028') ? 2027 : undefined,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toMatch(message);
  });

  it('refuses broken JSON without throwing', () => {
    const result = parseHolidayNotice('{ "holidays": ', 'json');
    expect(result.ok).toBe(false);
  });

  it('detects the format from the name or the content', () => {
    expect(detectNoticeFormat('x.ics', '')).toBe('ics');
    expect(detectNoticeFormat('notice', '{"holidays":{}}')).toBe('json');
    expect(detectNoticeFormat('notice.csv', '2027-01-01,休,元旦')).toBe('csv');
  });
});
