import type {
  DashboardCounts,
  DashboardItemView,
  DashboardView,
  DueDateChangeView,
} from '../../contract/disclosure-request-api.ts';
import { countWorkdays, type WorkdayCalendar } from '../../core/calendar/index.ts';
import {
  computeDeadline,
  PAUSE_REASON_LABELS,
  type PauseReason,
  REQUEST_STATUS_LABELS,
  type RequestEvent,
  type RequestStatus,
} from '../../core/disclosure-request/index.ts';
import { isDomainError } from '../../core/shared/domain-error.ts';
import type { LocalDate } from '../../core/shared/local-date.ts';
import { type Actor, agencyScopeOf } from '../../core/staff/index.ts';
import type { DashboardRow } from '../../db/repositories/disclosure-request.repository.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { requireAgencyInScope, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { calendarOf } from './request-access.ts';
import { todayOf } from './request-fold.ts';

const LIST_LIMIT = 100;

const zero = (): DashboardCounts => ({
  open: 0,
  running: 0,
  paused: 0,
  awaitingCorrection: 0,
  unconfirmed: 0,
  dueSoon: 0,
  overdue: 0,
  extensionAwaitingApproval: 0,
});

interface Judged {
  row: DashboardRow;
  phase: string;
  dueOn: string | null;
  paused: boolean;
  pauseReason: string | null;
  remaining: number | null;
  overdue: boolean;
  dueSoon: boolean;
  missingYear: number | null;
}

/**
 * Remaining workdays of a running clock from its cached due date. With no pause open, no counted day
 * lies between today and the due date but workdays, so the figure equals computeDeadline's
 * totalWorkdays − elapsed (checked against the fold in the tests).
 */
function remainingFromCache(calendar: WorkdayCalendar, today: LocalDate, dueOn: LocalDate): number {
  return today <= dueOn ? countWorkdays(calendar, today, dueOn) : -countWorkdays(calendar, dueOn, today);
}

/**
 * The dashboard's figures from the cache rows. Running clocks are judged from their cached due date;
 * paused ones have a provisional due date that moves every day and a pause that may have run out
 * without an event, so they are folded again from `eventsOf` (a minority of open requests), as are
 * clocks whose due date fell in a year the calendar lacked.
 */
export function summariseDashboard(
  rows: readonly DashboardRow[],
  eventsOf: ReadonlyMap<string, readonly RequestEvent[]>,
  calendar: WorkdayCalendar,
  today: LocalDate,
  dueSoonWorkdays: number,
): Omit<DashboardView, 'dueDateChanges'> {
  const missing = new Set<number>();
  const judged: Judged[] = rows.map((row) => {
    const j: Judged = {
      row,
      phase: row.clockPhase,
      dueOn: row.dueOn,
      paused: row.paused,
      pauseReason: row.pauseReason,
      remaining: null,
      overdue: false,
      dueSoon: false,
      missingYear: null,
    };
    const events = eventsOf.get(row.id);
    if (events) {
      const status = computeDeadline(events, calendar, today);
      j.phase = status.phase;
      j.dueOn = status.dueOn;
      j.paused = status.paused;
      j.pauseReason = status.pauseReason;
      j.remaining = status.remainingWorkdays;
      j.overdue = status.overdue;
      j.missingYear = status.missingCalendarYear;
    } else if (row.clockPhase === 'running' && row.dueOn) {
      try {
        j.remaining = remainingFromCache(calendar, today, row.dueOn);
        j.overdue = j.remaining < 0;
      } catch (error) {
        if (!isDomainError(error) || error.code !== 'calendar_year_missing') throw error;
        j.missingYear = Number(error.details?.year) || null;
      }
    }
    if (j.missingYear) missing.add(j.missingYear);
    j.dueSoon = j.phase === 'running' && !j.overdue && j.remaining !== null && j.remaining <= dueSoonWorkdays;
    return j;
  });

  const totals = zero();
  const byAgency = new Map<string, { agencyId: string; agencyName: string } & DashboardCounts>();
  const byClerk = new Map<
    string,
    { staffId: string | null; staffName: string; agencyName: string } & DashboardCounts
  >();
  const add = (counts: DashboardCounts, j: Judged) => {
    counts.open++;
    if (j.row.status === 'not_received') counts.unconfirmed++;
    else if (j.phase === 'stopped_for_correction') counts.awaitingCorrection++;
    else if (j.phase === 'paused') counts.paused++;
    else if (j.phase === 'running') counts.running++;
    if (j.overdue) counts.overdue++;
    if (j.dueSoon) counts.dueSoon++;
    if (j.row.extensionStatus === 'requested') counts.extensionAwaitingApproval++;
  };
  for (const j of judged) {
    add(totals, j);
    let agency = byAgency.get(j.row.agencyId);
    if (!agency) {
      agency = { agencyId: j.row.agencyId, agencyName: j.row.agencyName, ...zero() };
      byAgency.set(j.row.agencyId, agency);
    }
    add(agency, j);
    const clerkKey = `${j.row.agencyId}:${j.row.assignedStaffId ?? '-'}`;
    let clerk = byClerk.get(clerkKey);
    if (!clerk) {
      clerk = {
        staffId: j.row.assignedStaffId,
        staffName: j.row.assignedStaffName ?? '（未分配）',
        agencyName: j.row.agencyName,
        ...zero(),
      };
      byClerk.set(clerkKey, clerk);
    }
    add(clerk, j);
  }

  const item = (j: Judged): DashboardItemView => ({
    id: j.row.id,
    trackingCode: j.row.trackingCode,
    agencyId: j.row.agencyId,
    agencyName: j.row.agencyName,
    applicantName: j.row.applicantName,
    description: j.row.description.length > 60 ? `${j.row.description.slice(0, 60)}…` : j.row.description,
    assignedStaffId: j.row.assignedStaffId,
    assignedStaffName: j.row.assignedStaffName,
    status: j.row.status as RequestStatus,
    statusLabel:
      j.row.status === 'not_received'
        ? '网上提交，待确认收到'
        : REQUEST_STATUS_LABELS[j.row.status as RequestStatus],
    receivedOn: j.row.receivedOn,
    dueOn: j.dueOn,
    remainingWorkdays: j.remaining,
    paused: j.paused,
    pauseLabel: j.pauseReason ? PAUSE_REASON_LABELS[j.pauseReason as PauseReason] : null,
    overdue: j.overdue,
  });
  const byDue = (a: Judged, b: Judged) =>
    (a.remaining ?? 0) - (b.remaining ?? 0) || (a.dueOn ?? '').localeCompare(b.dueOn ?? '');
  const pick = (filter: (j: Judged) => boolean, order = byDue) =>
    judged.filter(filter).sort(order).slice(0, LIST_LIMIT).map(item);
  return {
    today,
    dueSoonWorkdays,
    totals,
    byAgency: [...byAgency.values()].sort((a, b) => b.overdue - a.overdue || b.open - a.open),
    byClerk: [...byClerk.values()].sort(
      (a, b) => b.overdue - a.overdue || b.dueSoon - a.dueSoon || b.open - a.open,
    ),
    overdue: pick((j) => j.overdue),
    dueSoon: pick((j) => j.dueSoon),
    unconfirmed: pick(
      (j) => j.row.status === 'not_received',
      (a, b) => String(a.row.submittedAt).localeCompare(String(b.row.submittedAt)),
    ),
    awaitingApproval: pick((j) => j.row.extensionStatus === 'requested'),
    missingCalendarYears: [...missing].sort(),
  };
}

/**
 * 办理看板: open requests due soon and overdue, per agency and per clerk. A supervisor sees its
 * subtree; staff their own agency.
 */
export async function computeDisclosureDashboard(
  deps: AppDeps,
  input: { actor: Actor; agencyId?: string | undefined; dueSoonWorkdays?: number | undefined },
): Promise<DashboardView> {
  const { actor } = input;
  requirePermission(actor, 'case.read');
  const repos = createRepositories(deps.db);
  if (input.agencyId) await requireAgencyInScope(repos, actor, input.agencyId);
  const scope = agencyScopeOf(actor.roles, actor.agencyId);
  const [rows, calendar, changes] = await Promise.all([
    repos.disclosureRequests.listOpenForDashboard(scope, input.agencyId),
    calendarOf(repos),
    repos.disclosureRequests.listDueDateChanges(scope, { unacknowledgedOnly: true, limit: 100 }),
  ]);
  const refold = rows.filter((r) => r.clockPhase === 'paused' || (r.clockPhase === 'running' && !r.dueOn));
  const eventsOf = await repos.disclosureRequests.listEventsOf(refold.map((r) => r.id));
  const summary = summariseDashboard(rows, eventsOf, calendar, todayOf(deps), input.dueSoonWorkdays ?? 5);
  const dueDateChanges: DueDateChangeView[] = changes
    .filter((c) => !input.agencyId || c.agencyId === input.agencyId)
    .map((c) => ({
      id: c.id,
      requestId: c.requestId,
      trackingCode: c.trackingCode,
      agencyName: c.agencyName,
      assignedStaffName: c.assignedStaffName,
      calendarYear: c.calendarYear,
      oldDueOn: c.oldDueOn,
      newDueOn: c.newDueOn,
      changedAt: c.changedAt.toISOString(),
      acknowledgedAt: c.acknowledgedAt ? c.acknowledgedAt.toISOString() : null,
    }));
  return { ...summary, dueDateChanges };
}
