import { DomainError } from '../shared/domain-error.ts';
import { addDays, isWeekend, type LocalDate, yearOf } from '../shared/local-date.ts';

/**
 * The official workday calendar: weekends are rest days, except the weekend days the State Council's
 * yearly notice 《关于YYYY年部分节假日安排的通知》 makes workdays (调休上班); public holidays are rest
 * days. The calendar is data passed in as a value, never read from a global, and it knows which years
 * it covers: a computation that reaches a year without a notice is refused, never guessed.
 */

export type CalendarDayKind = 'holiday' | 'makeup_workday';

export const CALENDAR_DAY_KIND_LABELS: Record<CalendarDayKind, string> = {
  holiday: '法定节假日（休）',
  makeup_workday: '调休上班日（班）',
};

export interface CalendarDay {
  date: LocalDate;
  kind: CalendarDayKind;
  /** The holiday it belongs to, e.g. 国庆节. */
  name: string;
}

export interface WorkdayCalendar {
  readonly coveredYears: ReadonlySet<number>;
  readonly holidays: ReadonlyMap<LocalDate, string>;
  readonly makeupWorkdays: ReadonlyMap<LocalDate, string>;
}

export function createWorkdayCalendar(
  coveredYears: Iterable<number>,
  days: Iterable<CalendarDay>,
): WorkdayCalendar {
  const holidays = new Map<LocalDate, string>();
  const makeupWorkdays = new Map<LocalDate, string>();
  for (const day of days) (day.kind === 'holiday' ? holidays : makeupWorkdays).set(day.date, day.name);
  return { coveredYears: new Set(coveredYears), holidays, makeupWorkdays };
}

export function assertYearCovered(calendar: WorkdayCalendar, date: LocalDate): void {
  const year = yearOf(date);
  if (!calendar.coveredYears.has(year)) {
    throw new DomainError(
      'calendar_year_missing',
      `工作日历缺少${year}年的节假日安排（国务院办公厅《关于${year}年部分节假日安排的通知》），无法计算工作日；请管理员先导入该年度安排`,
      { year },
    );
  }
}

export function isWorkday(calendar: WorkdayCalendar, date: LocalDate): boolean {
  assertYearCovered(calendar, date);
  if (calendar.makeupWorkdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  return !isWeekend(date);
}

export type DayType = 'workday' | 'makeup_workday' | 'weekend' | 'holiday';

export const DAY_TYPE_LABELS: Record<DayType, string> = {
  workday: '工作日',
  makeup_workday: '调休上班日',
  weekend: '周末',
  holiday: '法定节假日',
};

export function classifyDay(calendar: WorkdayCalendar, date: LocalDate): { type: DayType; name?: string } {
  assertYearCovered(calendar, date);
  const makeup = calendar.makeupWorkdays.get(date);
  if (makeup !== undefined) return { type: 'makeup_workday', name: makeup };
  const holiday = calendar.holidays.get(date);
  if (holiday !== undefined) return { type: 'holiday', name: holiday };
  return { type: isWeekend(date) ? 'weekend' : 'workday' };
}

/**
 * 民法典第二百零一条：按照年、月、日计算期间的，开始的当日不计入，自下一日开始计算。
 * A period in workdays that starts on an event (receipt of an application, formation of a document)
 * therefore counts its day 1 on the first workday after the event's date, whatever kind of day the
 * event fell on. Every workday period in Gongkai starts through this one rule.
 */
export function firstDayOfPeriod(eventDate: LocalDate): LocalDate {
  return addDays(eventDate, 1);
}

/**
 * The date on which a period of `workdays` workdays that starts on `eventDate` ends: its last counted
 * workday. `addWorkdays(c, '2025-09-26', 20)` is 2025-10-30 (National Day week and the make-up
 * Saturday 10-11 included). A period of 0 workdays ends on the event date itself.
 */
export function addWorkdays(calendar: WorkdayCalendar, eventDate: LocalDate, workdays: number): LocalDate {
  if (!Number.isInteger(workdays) || workdays < 0)
    throw new RangeError('workdays must be a whole number ≥ 0');
  if (workdays === 0) return eventDate;
  let day = firstDayOfPeriod(eventDate);
  let counted = 0;
  for (;;) {
    if (isWorkday(calendar, day)) {
      counted++;
      if (counted === workdays) return day;
    }
    day = addDays(day, 1);
  }
}

/**
 * Workdays in the period after `from` up to and including `to` (0 when `to` ≤ `from`), so that
 * `countWorkdays(c, d, addWorkdays(c, d, n)) === n`.
 */
export function countWorkdays(calendar: WorkdayCalendar, from: LocalDate, to: LocalDate): number {
  let count = 0;
  for (let day = firstDayOfPeriod(from); day <= to; day = addDays(day, 1)) {
    if (isWorkday(calendar, day)) count++;
  }
  return count;
}

/** The workdays counted in (from, to], in order: what a 计时说明 lists day by day. */
export function listWorkdays(calendar: WorkdayCalendar, from: LocalDate, to: LocalDate): LocalDate[] {
  const days: LocalDate[] = [];
  for (let day = firstDayOfPeriod(from); day <= to; day = addDays(day, 1)) {
    if (isWorkday(calendar, day)) days.push(day);
  }
  return days;
}
