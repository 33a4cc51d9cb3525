import type {
  DashboardCounts,
  DashboardItemView,
  DashboardView,
  DueDateChangeView,
} from '../../contract/disclosure-request-api.ts';
import { addWorkdays, countWorkdays, type WorkdayCalendar } from '../../core/calendar/index.ts';
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

/** How the dashboard sees one open request today. */
export interface RowJudgement {
  phase: string;
  dueOn: string | null;
  paused: boolean;
  pauseReason: string | null;
  remaining: number | null;
  overdue: boolean;
  missingYear: number | null;
}

interface Judged extends RowJudgement {
  row: DashboardRow;
  dueSoon: boolean;
}

const remainingTo = (calendar: WorkdayCalendar, today: LocalDate, dueOn: LocalDate): number =>
  today <= dueOn ? countWorkdays(calendar, today, dueOn) : -countWorkdays(calendar, dueOn, today);

/**
 * Whether a row's figures for today can not be derived from its cache and need its events: a pause
 * whose cache has no limit or dates to shift from, a clock whose due date fell in a year the calendar
 * lacked, or a pause started after the due date (shifting would move a date the pause does not move).
 */
export function needsRefold(row: DashboardRow): boolean {
  if (row.clockPhase === 'running') return !row.dueOn;
  if (row.clockPhase !== 'paused') return false;
  return !row.dueOn || !row.pauseLatestEndOn || !row.deadlineComputedOn || row.dueOn < row.deadlineComputedOn;
}

/**
 * One request's clock today, from its cache. A running clock keeps its cached due date (no event, no
 * move); remaining workdays are the workdays up to it. A paused clock's due date was provisional on
 * the day it was cached (C): every workday the pause lasts after C pushes it one workday further,
 * until the pause reaches its statutory limit, after which it counts again (deadline.ts: capPauses).
 * So due(today) = addWorkdays(due(C), workdays in (C, min(today, limit)]) — the same figure the fold
 * gives (checked against computeDeadline in the tests). Rows needsRefold names are folded from events.
 */
export function judgeRow(
  row: DashboardRow,
  events: readonly RequestEvent[] | undefined,
  calendar: WorkdayCalendar,
  today: LocalDate,
): RowJudgement {
  const j: RowJudgement = {
    phase: row.clockPhase,
    dueOn: row.dueOn,
    paused: row.paused,
    pauseReason: row.pauseReason,
    remaining: null,
    overdue: false,
    missingYear: null,
  };
  try {
    if (events) {
      const status = computeDeadline(events, calendar, today);
      return {
        phase: status.phase,
        dueOn: status.dueOn,
        paused: status.paused,
        pauseReason: status.pauseReason,
        remaining: status.remainingWorkdays,
        overdue: status.overdue,
        missingYear: status.missingCalendarYear,
      };
    }
    if (row.clockPhase === 'running' && row.dueOn) {
      j.remaining = remainingTo(calendar, today, row.dueOn);
    } else if (row.clockPhase === 'paused' && !needsRefold(row)) {
      const cachedOn = row.deadlineComputedOn!;
      const limit = row.pauseLatestEndOn!;
      const pausedThrough = today < limit ? today : limit;
      const shift = pausedThrough > cachedOn ? countWorkdays(calendar, cachedOn, pausedThrough) : 0;
      j.dueOn = addWorkdays(calendar, row.dueOn!, shift);
      if (today > limit) {
        j.phase = 'running';
        j.paused = false;
        j.pauseReason = null;
      }
      j.remaining = remainingTo(calendar, today, j.dueOn);
    }
    j.overdue = j.remaining !== null && j.remaining < 0;
  } catch (error) {
    if (!isDomainError(error) || error.code !== 'calendar_year_missing') throw error;
    j.missingYear = Number(error.details?.year) || null;
  }
  return j;
}

/**
 * The dashboard's figures from the cache rows (judgeRow), folding from `eventsOf` only the rows
 * needsRefold names.
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
    const j = judgeRow(row, eventsOf.get(row.id), calendar, today);
    if (j.missingYear) missing.add(j.missingYear);
    return {
      ...j,
      row,
      dueSoon: j.phase === 'running' && !j.overdue && j.remaining !== null && j.remaining <= dueSoonWorkdays,
    };
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
  const eventsOf = await repos.disclosureRequests.listEventsOf(rows.filter(needsRefold).map((r) => r.id));
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
