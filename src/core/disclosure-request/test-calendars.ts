import { type CalendarDay, createWorkdayCalendar, type WorkdayCalendar } from '../calendar/index.ts';
import { addDays, type LocalDate } from '../shared/local-date.ts';

/**
 * Test data only (imported by *.test.ts): the official 2025 and 2026 arrangements, typed in from the
 * State Council notices (国办发明电〔2024〕12号; the notice of 2025-11-04), so that the deadline
 * vectors run on the real calendar and not on one the code under test produced.
 */

function holidays(from: LocalDate, to: LocalDate, name: string): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push({ date: day, kind: 'holiday', name });
  return days;
}

const makeup = (date: LocalDate, name: string): CalendarDay => ({ date, kind: 'makeup_workday', name });

export const OFFICIAL_DAYS_2025: CalendarDay[] = [
  ...holidays('2025-01-01', '2025-01-01', '元旦'),
  ...holidays('2025-01-28', '2025-02-04', '春节'),
  makeup('2025-01-26', '春节'),
  makeup('2025-02-08', '春节'),
  ...holidays('2025-04-04', '2025-04-06', '清明节'),
  ...holidays('2025-05-01', '2025-05-05', '劳动节'),
  makeup('2025-04-27', '劳动节'),
  ...holidays('2025-05-31', '2025-06-02', '端午节'),
  ...holidays('2025-10-01', '2025-10-08', '国庆节、中秋节'),
  makeup('2025-09-28', '国庆节、中秋节'),
  makeup('2025-10-11', '国庆节、中秋节'),
];

export const OFFICIAL_DAYS_2026: CalendarDay[] = [
  ...holidays('2026-01-01', '2026-01-03', '元旦'),
  makeup('2026-01-04', '元旦'),
  ...holidays('2026-02-15', '2026-02-23', '春节'),
  makeup('2026-02-14', '春节'),
  makeup('2026-02-28', '春节'),
  ...holidays('2026-04-04', '2026-04-06', '清明节'),
  ...holidays('2026-05-01', '2026-05-05', '劳动节'),
  makeup('2026-05-09', '劳动节'),
  ...holidays('2026-06-19', '2026-06-21', '端午节'),
  ...holidays('2026-09-25', '2026-09-27', '中秋节'),
  ...holidays('2026-10-01', '2026-10-07', '国庆节'),
  makeup('2026-09-20', '国庆节'),
  makeup('2026-10-10', '国庆节'),
];

/** 2025 and 2026 as published; 2024 and 2027 are deliberately absent. */
export const OFFICIAL_2025_2026: WorkdayCalendar = createWorkdayCalendar(
  [2025, 2026],
  [...OFFICIAL_DAYS_2025, ...OFFICIAL_DAYS_2026],
);

/** Plain weeks (weekends only) for the given years: the simplest explicit calendar. */
export function weekendsOnlyCalendar(...years: number[]): WorkdayCalendar {
  return createWorkdayCalendar(years, []);
}
