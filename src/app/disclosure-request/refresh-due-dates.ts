import type { LocalDate } from '../../core/shared/local-date.ts';
import type { Repositories } from '../../db/repositories/index.ts';
import { calendarOf } from './request-access.ts';
import { foldCache } from './request-fold.ts';

export interface MovedDueDate {
  requestId: string;
  agencyId: string;
  oldDueOn: string | null;
  newDueOn: string | null;
}

/**
 * After an admin loads or replaces a year of the workday calendar: refolds the open requests whose
 * answer period may contain one of the changed days, rewrites their cached due date, and records
 * each move for the staff (the dashboard lists them until acknowledged) and in the audit log.
 * Runs inside the import's transaction, so the new calendar and the new due dates appear together.
 * A day outside (receipt, due date] can not move a due date, which bounds the work.
 */
export async function refreshDueDatesAfterCalendarChange(
  repos: Repositories,
  input: { year: number; changedDates: readonly string[]; today: LocalDate; actorLabel: string },
): Promise<MovedDueDate[]> {
  if (input.changedDates.length === 0) return [];
  const sorted = [...input.changedDates].sort();
  const first = sorted[0]!;
  const last = sorted.at(-1)!;
  const candidates = (
    await repos.disclosureRequests.listOpenReceivedIds({ receivedOnOrBefore: last })
  ).filter((r) => r.dueOn === null || r.dueOn >= first);
  if (candidates.length === 0) return [];
  const calendar = await calendarOf(repos);
  const eventsOf = await repos.disclosureRequests.listEventsOf(candidates.map((c) => c.id));
  const moved: MovedDueDate[] = [];
  for (const candidate of candidates) {
    const { cache } = foldCache(eventsOf.get(candidate.id) ?? [], calendar, input.today);
    if (cache.dueOn === candidate.dueOn) continue;
    const written = await repos.disclosureRequests.refreshCache(candidate.id, candidate.version, cache);
    if (!written) continue;
    moved.push({
      requestId: candidate.id,
      agencyId: candidate.agencyId,
      oldDueOn: candidate.dueOn,
      newDueOn: cache.dueOn,
    });
  }
  await repos.disclosureRequests.recordDueDateChanges(moved.map((m) => ({ ...m, calendarYear: input.year })));
  const agencies = new Set(moved.map((m) => m.agencyId));
  for (const agencyId of agencies) {
    const ofAgency = moved.filter((m) => m.agencyId === agencyId);
    await repos.auditLog.append({
      actorStaffId: null,
      actorLabel: input.actorLabel,
      agencyId,
      action: 'disclosure_request.due_dates_recomputed',
      entityType: 'calendar_year',
      entityId: String(input.year),
      oldValue: ofAgency.map((m) => ({ requestId: m.requestId, dueOn: m.oldDueOn })),
      newValue: ofAgency.map((m) => ({ requestId: m.requestId, dueOn: m.newDueOn })),
    });
  }
  return moved;
}
