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
 * A day-by-day index of the covered span, built once per calendar value: `cumulative[i]` is the number
 * of workdays from the span's first day up to and including day i. It turns addWorkdays and
 * countWorkdays into array look-ups (dashboards compute thousands of deadlines at once).
 */
interface CalendarIndex {
  firstDay: LocalDate;
  firstDayMs: number;
  cumulative: Int32Array;
  workday: Uint8Array;
  covered: Uint8Array;
}

const INDEX_CACHE = new WeakMap<WorkdayCalendar, CalendarIndex | null>();
const DAY_MS = 86_400_000;

function dayMs(date: LocalDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function indexOf(calendar: WorkdayCalendar): CalendarIndex | null {
  if (INDEX_CACHE.has(calendar)) return INDEX_CACHE.get(calendar)!;
  const years = [...calendar.coveredYears].sort((a, b) => a - b);
  let index: CalendarIndex | null = null;
  if (years.length > 0) {
    const firstDay = `${years[0]}-01-01`;
    const lastDay = `${years[years.length - 1]}-12-31`;
    const length = Math.round((dayMs(lastDay) - dayMs(firstDay)) / DAY_MS) + 1;
    const cumulative = new Int32Array(length);
    const workday = new Uint8Array(length);
    const covered = new Uint8Array(length);
    let count = 0;
    let day = firstDay;
    for (let i = 0; i < length; i++, day = addDays(day, 1)) {
      if (calendar.coveredYears.has(yearOf(day))) {
        covered[i] = 1;
        const isWork = calendar.makeupWorkdays.has(day) || (!calendar.holidays.has(day) && !isWeekend(day));
        workday[i] = isWork ? 1 : 0;
        count += isWork ? 1 : 0;
      }
      cumulative[i] = count;
    }
    index = { firstDay, firstDayMs: dayMs(firstDay), cumulative, workday, covered };
  }
  INDEX_CACHE.set(calendar, index);
  return index;
}

function position(index: CalendarIndex, date: LocalDate): number {
  return Math.round((dayMs(date) - index.firstDayMs) / DAY_MS);
}

/** Refuses the first uncovered day in positions (from, to], naming its year. */
function assertSpanCovered(calendar: WorkdayCalendar, index: CalendarIndex, from: number, to: number): void {
  for (let i = Math.max(from + 1, 0); i <= to; i++) {
    if (i >= index.covered.length || !index.covered[i])
      assertYearCovered(calendar, addDays(index.firstDay, i));
  }
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
  const index = indexOf(calendar);
  const start = index ? position(index, eventDate) : -2;
  // Position -1 is the day before the span: its period starts on the span's first day.
  if (!index || start < -1 || start >= index.cumulative.length) {
    assertYearCovered(calendar, firstDayOfPeriod(eventDate));
  }
  const span = index!;
  // The period counts from the day after the event (firstDayOfPeriod): find the first position after
  // `start` whose cumulative count reaches the count at `start` plus `workdays`.
  const target = (start >= 0 ? span.cumulative[start]! : 0) + workdays;
  const last = span.cumulative.length - 1;
  if (span.cumulative[last]! < target) {
    assertSpanCovered(calendar, span, start, last);
    assertYearCovered(calendar, addDays(span.firstDay, last + 1));
  }
  let low = start + 1;
  let high = last;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (span.cumulative[mid]! >= target) high = mid;
    else low = mid + 1;
  }
  assertSpanCovered(calendar, span, start, low);
  return addDays(span.firstDay, low);
}

/**
 * Workdays in the period after `from` up to and including `to` (0 when `to` ≤ `from`), so that
 * `countWorkdays(c, d, addWorkdays(c, d, n)) === n`.
 */
export function countWorkdays(calendar: WorkdayCalendar, from: LocalDate, to: LocalDate): number {
  if (to <= from) return 0;
  const index = indexOf(calendar);
  if (!index) {
    assertYearCovered(calendar, firstDayOfPeriod(from));
    return 0;
  }
  const a = position(index, from);
  const b = position(index, to);
  if (a < -1) assertYearCovered(calendar, firstDayOfPeriod(from));
  const last = index.cumulative.length - 1;
  if (b > last) {
    assertSpanCovered(calendar, index, a, last);
    assertYearCovered(calendar, addDays(index.firstDay, last + 1));
  }
  assertSpanCovered(calendar, index, a, b);
  return index.cumulative[b]! - (a >= 0 ? index.cumulative[a]! : 0);
}

/** The workdays counted in (from, to], in order: what a 计时说明 lists day by day. */
export function listWorkdays(calendar: WorkdayCalendar, from: LocalDate, to: LocalDate): LocalDate[] {
  const days: LocalDate[] = [];
  for (let day = firstDayOfPeriod(from); day <= to; day = addDays(day, 1)) {
    if (isWorkday(calendar, day)) days.push(day);
  }
  return days;
}
