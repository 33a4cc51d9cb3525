import { isLocalDate, isWeekend, type LocalDate, yearOf } from '../shared/local-date.ts';
import { ok, type Result, refuse } from '../shared/result.ts';
import type { CalendarDay, CalendarDayKind } from './workday-calendar.ts';

/**
 * A year's holiday arrangement as the State Council publishes it each November (国务院办公厅
 * 《关于YYYY年部分节假日安排的通知》): the public holidays and the weekend days made workdays.
 * An admin loads it as JSON, CSV or iCalendar; this module only reads and checks the text.
 */
export interface HolidayNotice {
  year: number;
  days: CalendarDay[];
}

export type HolidayNoticeFormat = 'json' | 'csv' | 'ics';

export interface NoticeError {
  code: 'calendar_data_invalid';
  message: string;
}

const invalid = (message: string): Result<never, NoticeError> =>
  refuse({ code: 'calendar_data_invalid', message });

export function detectNoticeFormat(fileName: string, text: string): HolidayNoticeFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.ics') || text.includes('BEGIN:VCALENDAR')) return 'ics';
  if (lower.endsWith('.json') || /^\s*[{[]/.test(text)) return 'json';
  return 'csv';
}

export function parseHolidayNotice(
  text: string,
  format: HolidayNoticeFormat,
  declaredYear?: number,
): Result<HolidayNotice, NoticeError> {
  let parsed: Result<{ year?: number; days: CalendarDay[] }, NoticeError>;
  try {
    parsed = format === 'json' ? readJson(text) : format === 'csv' ? readCsv(text) : readIcs(text);
  } catch (error) {
    return invalid(`无法读取文件：${error instanceof Error ? error.message : String(error)}`);
  }
  if (!parsed.ok) return parsed;
  const { days } = parsed.value;
  if (days.length === 0) return invalid('文件中没有任何节假日或调休上班日');
  const year = declaredYear ?? parsed.value.year ?? majorityYear(days);
  return validateNotice({ year, days });
}

function majorityYear(days: CalendarDay[]): number {
  const counts = new Map<number, number>();
  for (const day of days) counts.set(yearOf(day.date), (counts.get(yearOf(day.date)) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
}

export function validateNotice(notice: HolidayNotice): Result<HolidayNotice, NoticeError> {
  if (!Number.isInteger(notice.year) || notice.year < 1999 || notice.year > 2100) {
    return invalid(`年度“${notice.year}”无效`);
  }
  const seen = new Map<LocalDate, CalendarDayKind>();
  for (const day of notice.days) {
    if (!isLocalDate(day.date)) return invalid(`日期“${day.date}”无效，应为 YYYY-MM-DD`);
    if (yearOf(day.date) !== notice.year) {
      return invalid(`日期 ${day.date} 不属于 ${notice.year} 年；每个文件只导入一个年度的安排`);
    }
    const before = seen.get(day.date);
    if (before && before !== day.kind) return invalid(`日期 ${day.date} 同时被列为放假日和调休上班日`);
    if (day.kind === 'makeup_workday' && !isWeekend(day.date)) {
      return invalid(`调休上班日 ${day.date} 不是周末；调休上班日只能是星期六或星期日`);
    }
    seen.set(day.date, day.kind);
  }
  const unique = [...new Map(notice.days.map((d) => [d.date, d])).values()].sort((a, b) =>
    a.date.localeCompare(b.date),
  );
  return ok({ year: notice.year, days: unique });
}

function kindFromWord(word: string): CalendarDayKind | null {
  const w = word.trim().toLowerCase();
  if (['holiday', '休', '放假', 'rest', 'off'].includes(w)) return 'holiday';
  if (['makeup_workday', 'workday', '班', '上班', '调休上班', 'work'].includes(w)) return 'makeup_workday';
  return null;
}

/** chinese-days writes names as "National Day,国庆节,3": keep the Chinese part. */
function chineseName(name: string): string {
  const parts = name.split(',');
  return (parts.length >= 2 ? parts[1]! : name).trim();
}

function readJson(text: string): Result<{ year?: number; days: CalendarDay[] }, NoticeError> {
  const data: unknown = JSON.parse(text);
  if (typeof data !== 'object' || data === null) return invalid('JSON 顶层应为对象');
  const record = data as Record<string, unknown>;
  const days: CalendarDay[] = [];
  const take = (value: unknown, kind: CalendarDayKind): string | null => {
    if (value === undefined) return null;
    if (Array.isArray(value)) {
      for (const item of value) {
        if (typeof item === 'string') days.push({ date: item, kind, name: '' });
        else if (item && typeof item === 'object' && typeof (item as { date?: unknown }).date === 'string') {
          const { date, name } = item as { date: string; name?: unknown };
          days.push({ date, kind, name: typeof name === 'string' ? chineseName(name) : '' });
        } else return '数组元素应为日期字符串或 {date, name} 对象';
      }
      return null;
    }
    if (typeof value === 'object' && value !== null) {
      for (const [date, name] of Object.entries(value)) {
        days.push({ date, kind, name: typeof name === 'string' ? chineseName(name) : '' });
      }
      return null;
    }
    return '节假日列表格式无效';
  };
  const holidayError = take(record.holidays, 'holiday');
  if (holidayError) return invalid(holidayError);
  const workdayError = take(record.makeupWorkdays ?? record.workdays, 'makeup_workday');
  if (workdayError) return invalid(workdayError);
  const year = typeof record.year === 'number' ? record.year : undefined;
  return ok(year === undefined ? { days } : { year, days });
}

function readCsv(text: string): Result<{ days: CalendarDay[] }, NoticeError> {
  const days: CalendarDay[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const cells = line.split(/[,\t，]/).map((c) => c.trim());
    if (index === 0 && !/^\d{4}-\d{1,2}-\d{1,2}$/.test(cells[0] ?? '')) continue; // header row
    const [date = '', kindWord = '', name = ''] = cells;
    const kind = kindFromWord(kindWord);
    if (!kind)
      return invalid(`第 ${index + 1} 行：类型“${kindWord}”无效，应为 holiday/休 或 makeup_workday/班`);
    days.push({ date, kind, name });
  }
  return ok({ days });
}

function icsDate(value: string): LocalDate | null {
  const match = /(\d{4})(\d{2})(\d{2})/.exec(value);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

function readIcs(text: string): Result<{ days: CalendarDay[] }, NoticeError> {
  const unfolded = text.replace(/\r?\n[ \t]/g, '');
  const days: CalendarDay[] = [];
  for (const block of unfolded.split('BEGIN:VEVENT').slice(1)) {
    const field = (name: string): string | undefined =>
      new RegExp(`^${name}(?:;[^:\\r\\n]*)?:(.*)$`, 'm').exec(block)?.[1]?.trim();
    const start = icsDate(field('DTSTART') ?? '');
    if (!start) return invalid('iCalendar 事件缺少 DTSTART');
    const end = icsDate(field('DTEND') ?? '') ?? null;
    const summary = field('SUMMARY') ?? '';
    const description = field('DESCRIPTION') ?? '';
    const isWork = /[(（]班[)）]|调休上班|补班/.test(summary) || description.trim() === '班';
    const kind: CalendarDayKind = isWork ? 'makeup_workday' : 'holiday';
    const name = summary.replace(/[(（][^)）]*[)）]/g, '').trim();
    // DTEND of an all-day event is exclusive.
    const last = end && end > start ? end : null;
    for (let d = start; ; ) {
      days.push({ date: d, kind, name });
      const next = new Date(`${d}T00:00:00Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      d = next.toISOString().slice(0, 10);
      if (!last || d >= last) break;
    }
  }
  return ok({ days });
}
