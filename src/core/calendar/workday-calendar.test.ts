import { describe, expect, it } from 'vitest';
import {
  addWorkdays,
  type CalendarDay,
  classifyDay,
  countWorkdays,
  createWorkdayCalendar,
  firstDayOfPeriod,
  isWorkday,
  listWorkdays,
} from './workday-calendar.ts';

/** The 2025 National Day + Mid-Autumn arrangement (国办发明电〔2024〕12号), typed in by hand. */
const autumn2025: CalendarDay[] = [
  ...[
    '2025-10-01',
    '2025-10-02',
    '2025-10-03',
    '2025-10-04',
    '2025-10-05',
    '2025-10-06',
    '2025-10-07',
    '2025-10-08',
  ].map((date) => ({ date, kind: 'holiday' as const, name: '国庆节、中秋节' })),
  { date: '2025-09-28', kind: 'makeup_workday', name: '国庆节' },
  { date: '2025-10-11', kind: 'makeup_workday', name: '国庆节' },
];
const calendar = createWorkdayCalendar([2025], autumn2025);

describe('workday calendar', () => {
  it.each([
    ['2025-09-26', true, 'Friday'],
    ['2025-09-27', false, 'Saturday'],
    ['2025-09-28', true, 'make-up Sunday'],
    ['2025-10-01', false, 'National Day'],
    ['2025-10-08', false, 'last holiday, a Wednesday'],
    ['2025-10-09', true, 'Thursday after the holiday'],
    ['2025-10-11', true, 'make-up Saturday'],
    ['2025-10-12', false, 'Sunday'],
  ])('%s is a workday: %s (%s)', (date, expected) => {
    expect(isWorkday(calendar, date)).toBe(expected);
  });

  it('starts a period on the day after the event (民法典第二百零一条)', () => {
    expect(firstDayOfPeriod('2025-09-26')).toBe('2025-09-27');
    expect(firstDayOfPeriod('2025-12-31')).toBe('2026-01-01');
  });

  it('ends 20 workdays after Friday 2025-09-26 on 2025-10-30', () => {
    expect(addWorkdays(calendar, '2025-09-26', 20)).toBe('2025-10-30');
    expect(listWorkdays(calendar, '2025-09-26', '2025-10-30')).toHaveLength(20);
    expect(listWorkdays(calendar, '2025-09-26', '2025-10-30').slice(0, 3)).toEqual([
      '2025-09-28',
      '2025-09-29',
      '2025-09-30',
    ]);
  });

  it.each([
    ['2025-09-26', 1, '2025-09-28'],
    ['2025-09-27', 1, '2025-09-28'],
    ['2025-09-30', 1, '2025-10-09'],
    ['2025-10-01', 3, '2025-10-11'],
    ['2025-10-08', 0, '2025-10-08'],
    ['2025-10-10', 1, '2025-10-11'],
    ['2025-09-01', 7, '2025-09-10'],
  ])('addWorkdays(%s, %i) = %s', (from, n, expected) => {
    expect(addWorkdays(calendar, from, n)).toBe(expected);
  });

  it('counts the workdays after the start date, up to and including the end date', () => {
    expect(countWorkdays(calendar, '2025-09-26', '2025-10-30')).toBe(20);
    expect(countWorkdays(calendar, '2025-09-30', '2025-10-08')).toBe(0);
    expect(countWorkdays(calendar, '2025-10-09', '2025-10-09')).toBe(0);
    expect(countWorkdays(calendar, '2025-10-10', '2025-10-09')).toBe(0);
    for (let n = 0; n <= 40; n++) {
      expect(countWorkdays(calendar, '2025-09-15', addWorkdays(calendar, '2025-09-15', n))).toBe(n);
    }
  });

  it('classifies days with the holiday name', () => {
    expect(classifyDay(calendar, '2025-10-11')).toEqual({ type: 'makeup_workday', name: '国庆节' });
    expect(classifyDay(calendar, '2025-10-02')).toEqual({ type: 'holiday', name: '国庆节、中秋节' });
    expect(classifyDay(calendar, '2025-10-18')).toEqual({ type: 'weekend' });
    expect(classifyDay(calendar, '2025-10-17')).toEqual({ type: 'workday' });
  });

  it('refuses a year without data, naming the year', () => {
    expect(() => isWorkday(calendar, '2026-01-05')).toThrowError(/2026年/);
    expect(() => addWorkdays(calendar, '2025-12-20', 20)).toThrowError(/缺少2026年/);
    expect(() => addWorkdays(calendar, '2025-12-20', 5)).not.toThrow();
    try {
      addWorkdays(calendar, '2025-12-31', 1);
    } catch (error) {
      expect(error).toMatchObject({ code: 'calendar_year_missing', details: { year: 2026 } });
    }
  });

  it('counts across years and names the first missing year in between', () => {
    const twoYears = createWorkdayCalendar([2025, 2027], autumn2025);
    expect(addWorkdays(twoYears, '2024-12-31', 1)).toBe('2025-01-01');
    expect(() => addWorkdays(twoYears, '2024-12-30', 1)).toThrowError(/2024年/);
    expect(() => addWorkdays(twoYears, '2025-12-30', 5)).toThrowError(/2026年/);
    expect(() => countWorkdays(twoYears, '2025-12-01', '2027-03-01')).toThrowError(/2026年/);
    expect(() => countWorkdays(twoYears, '2025-12-01', '2028-03-01')).toThrowError(/2026年/);
    expect(countWorkdays(twoYears, '2024-12-31', '2025-01-03')).toBe(3);
    expect(addWorkdays(twoYears, '2027-01-01', 1)).toBe('2027-01-01'.replace('01-01', '01-04'));
  });

  it('rejects a negative or fractional number of workdays', () => {
    expect(() => addWorkdays(calendar, '2025-09-26', -1)).toThrow(RangeError);
    expect(() => addWorkdays(calendar, '2025-09-26', 1.5)).toThrow(RangeError);
  });
});
