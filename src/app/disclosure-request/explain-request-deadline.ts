import type { ClockExplanationView } from '../../contract/disclosure-request-api.ts';
import { explainDeadline, renderExplanationText } from '../../core/disclosure-request/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { Actor } from '../../core/staff/index.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { calendarOf, requireRequest } from './request-access.ts';
import { todayOf } from './request-fold.ts';

/** The 计时说明 of a request as of today (or a past day), from its events and the calendar in the database. */
export async function explainRequestDeadline(
  deps: AppDeps,
  input: { actor: Actor; requestId: string; asOf?: string | undefined },
): Promise<ClockExplanationView> {
  requirePermission(input.actor, 'case.read');
  const repos = createRepositories(deps.db);
  const record = await requireRequest(repos, input.actor, input.requestId);
  const [stored, calendar] = await Promise.all([
    repos.disclosureRequests.listEvents(record.id),
    calendarOf(repos),
  ]);
  const today = todayOf(deps);
  const asOf = input.asOf && input.asOf < today ? input.asOf : today;
  const explanation = explainDeadline(
    stored.map((s) => s.event),
    calendar,
    asOf,
  );
  return {
    trackingCode: record.trackingCode,
    agencyName: record.agencyName,
    explanation,
    text: renderExplanationText(explanation),
  };
}

/** The 计时说明 by tracking code, for the operator's CLI on the server (no session). */
export async function explainRequestByTrackingCode(
  deps: AppDeps,
  input: { trackingCode: string; asOf?: string | undefined },
): Promise<ClockExplanationView> {
  const repos = createRepositories(deps.db);
  const record = await repos.disclosureRequests.findByTrackingCode(input.trackingCode.trim().toUpperCase());
  if (!record) throw new DomainError('not_found', `未找到受理编号为 ${input.trackingCode} 的申请`);
  const [stored, calendar] = await Promise.all([
    repos.disclosureRequests.listEvents(record.id),
    calendarOf(repos),
  ]);
  const today = todayOf(deps);
  const explanation = explainDeadline(
    stored.map((s) => s.event),
    calendar,
    input.asOf && input.asOf < today ? input.asOf : today,
  );
  return {
    trackingCode: record.trackingCode,
    agencyName: record.agencyName,
    explanation,
    text: renderExplanationText(explanation),
  };
}
