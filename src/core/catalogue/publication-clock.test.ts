import { describe, expect, it } from 'vitest';
import { OFFICIAL_2025_2026 } from '../disclosure-request/test-calendars.ts';
import { computePublicationClock, summariseTimeliness } from './publication-clock.ts';

/**
 * Vectors on the official 2025/2026 calendar. Formed on Friday 2025-09-26: day 1 is Sunday 09-28 (a
 * make-up workday), the National Day week 10-01…10-08 is not counted, Saturday 10-11 is; the 20th
 * workday is Thursday 2025-10-30.
 */
describe('publication clock (条例第二十六条, 20 workdays)', () => {
  const calendar = OFFICIAL_2025_2026;
  it.each([
    // published on the 20th workday: on time
    ['2025-09-26', '2025-10-30', '2025-11-20', 'published_on_time', '2025-10-30', 20, null, null],
    // one workday later: late by 1
    ['2025-09-26', '2025-10-31', '2025-11-20', 'published_late', '2025-10-30', 21, null, 1],
    // published the day it was formed
    ['2025-09-26', '2025-09-26', '2025-11-20', 'published_on_time', '2025-10-30', 0, null, null],
    // not published: on the formation day all 20 remain
    ['2025-09-26', null, '2025-09-26', 'due', '2025-10-30', 0, 20, null],
    // in the holiday: 09-28 (make-up Sunday), 09-29, 09-30 counted
    ['2025-09-26', null, '2025-10-05', 'due', '2025-10-30', 3, 17, null],
    // on the due date: 0 remaining, still due
    ['2025-09-26', null, '2025-10-30', 'due', '2025-10-30', 20, 0, null],
    // the Monday after: Friday 10-31 and Monday 11-03 late
    ['2025-09-26', null, '2025-11-03', 'overdue', '2025-10-30', 22, null, 2],
    // across the Spring Festival 2026 (02-15…02-23 off, Saturdays 02-14 and 02-28 worked)
    ['2026-02-06', '2026-03-13', '2026-03-20', 'published_late', '2026-03-12', 21, null, 1],
  ] as const)(
    'formed %s, published %s, today %s → %s (due %s, taken %s, remaining %s, late %s)',
    (startsOn, publishedOn, today, status, dueOn, taken, remaining, late) => {
      const clock = computePublicationClock({ startsOn, publishedOn }, calendar, today);
      expect(clock).toMatchObject({
        status,
        dueOn,
        workdaysTaken: taken,
        workdaysRemaining: remaining,
        workdaysLate: late,
      });
    },
  );

  it('reports a period running into a year without a holiday notice, never guesses', () => {
    const clock = computePublicationClock(
      { startsOn: '2026-12-20', publishedOn: null },
      calendar,
      '2026-12-28',
    );
    expect(clock.status).toBe('calendar_missing');
    expect(clock.dueOn).toBeNull();
    expect(clock.message).toContain('2027');
  });

  it('summarises grouped (start, publication) pairs with their counts', () => {
    const summary = summariseTimeliness(
      [
        { startsOn: '2025-09-26', publishedOn: '2025-10-30', count: 40 },
        { startsOn: '2025-09-26', publishedOn: '2025-10-31', count: 3 },
        { startsOn: '2025-09-26', publishedOn: null, count: 2 },
        { startsOn: '2025-11-10', publishedOn: null, count: 5 },
        { startsOn: '2026-12-30', publishedOn: null, count: 1 },
      ],
      calendar,
      '2025-11-12',
    );
    expect(summary).toEqual({
      due: 5,
      overdue: 2,
      publishedOnTime: 40,
      publishedLate: 3,
      calendarMissing: 1,
    });
  });
});
