import { detectNoticeFormat, parseHolidayNotice } from '../../core/calendar/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { localDateInChina } from '../../core/shared/local-date.ts';
import type { Actor } from '../../core/staff/index.ts';
import { inTransaction } from '../../db/repositories/index.ts';
import { refreshDueDatesAfterCalendarChange } from '../disclosure-request/refresh-due-dates.ts';
import { actorLabel, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';

export interface ImportHolidayNoticeResult {
  year: number;
  holidays: number;
  makeupWorkdays: number;
  /** Dates whose kind changed against what was loaded before (for recomputing due dates). */
  changedDates: string[];
  /** Open disclosure requests whose due date the change moved (the staff see them on the dashboard). */
  movedDueDates: number;
}

/**
 * Loads (or replaces) one year's State Council holiday arrangement, from JSON, CSV or iCalendar,
 * without a release. `actor` is null only for the CLI run by the operator on the server.
 */
export async function importHolidayNotice(
  deps: AppDeps,
  input: {
    actor: Actor | null;
    fileName: string;
    content: string;
    year?: number | undefined;
    source?: string | undefined;
  },
): Promise<ImportHolidayNoticeResult> {
  if (input.actor) requirePermission(input.actor, 'calendar.manage');
  const format = detectNoticeFormat(input.fileName, input.content);
  const parsed = parseHolidayNotice(input.content, format, input.year);
  if (!parsed.ok) throw new DomainError('calendar_data_invalid', parsed.error.message);
  const notice = parsed.value;
  const source =
    input.source?.trim() ||
    `国务院办公厅关于${notice.year}年部分节假日安排的通知（导入自 ${input.fileName}）`;
  return inTransaction(deps.db, async (repos) => {
    const before = await repos.calendar.listDays(notice.year);
    await repos.calendar.replaceYear(
      notice.year,
      notice.days,
      source,
      input.actor ? actorLabel(input.actor) : 'CLI',
    );
    const beforeKinds = new Map(before.map((d) => [d.date, d.kind]));
    const afterKinds = new Map(notice.days.map((d) => [d.date, d.kind]));
    const changedDates = [...new Set([...beforeKinds.keys(), ...afterKinds.keys()])]
      .filter((date) => beforeKinds.get(date) !== afterKinds.get(date))
      .sort();
    await repos.auditLog.append({
      actorStaffId: input.actor?.staffId ?? null,
      actorLabel: input.actor ? actorLabel(input.actor) : '命令行',
      agencyId: null,
      action: 'calendar.year_loaded',
      entityType: 'calendar_year',
      entityId: String(notice.year),
      oldValue: before.length > 0 ? before : undefined,
      newValue: notice.days,
    });
    const moved = await refreshDueDatesAfterCalendarChange(repos, {
      year: notice.year,
      changedDates,
      today: localDateInChina(deps.clock.now()),
      actorLabel: input.actor ? actorLabel(input.actor) : '命令行',
    });
    return {
      year: notice.year,
      movedDueDates: moved.length,
      holidays: notice.days.filter((d) => d.kind === 'holiday').length,
      makeupWorkdays: notice.days.filter((d) => d.kind === 'makeup_workday').length,
      changedDates,
    };
  });
}
