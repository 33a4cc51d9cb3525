import { applyAction, foldRequest } from '../../core/disclosure-request/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { localDateInChina } from '../../core/shared/local-date.ts';
import type { Actor } from '../../core/staff/index.ts';
import { inTransaction } from '../../db/repositories/index.ts';
import { actorLabel, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { calendarOf, loadForChange, withConflictCheck } from './request-access.ts';
import { foldCache, refusalError, todayOf } from './request-fold.ts';

/**
 * Confirms an application submitted on the portal. 条例第三十一条第三项: an application made over the
 * internet is received on the day both sides confirm it; that day (today unless given) starts the
 * clock, and it can not be earlier than the day it was submitted.
 */
export async function confirmReceipt(
  deps: AppDeps,
  input: { actor: Actor; requestId: string; expectedVersion: number; confirmedOn?: string | undefined },
): Promise<{ version: number; receivedOn: string; dueOn: string | null }> {
  const { actor } = input;
  requirePermission(actor, 'case.read');
  const today = todayOf(deps);
  return withConflictCheck(deps, input.requestId, () =>
    inTransaction(deps.db, async (repos) => {
      const { record, events } = await loadForChange(repos, actor, input.requestId, input.expectedVersion);
      if (record.channel !== 'online' || !record.submittedAt) {
        throw new DomainError('invalid_state', '只有网上提交的申请需要确认收到');
      }
      const confirmedOn = input.confirmedOn ?? today;
      const submittedOn = localDateInChina(record.submittedAt);
      if (confirmedOn < submittedOn) {
        throw new DomainError('validation_failed', `确认日期不能早于申请人提交之日（${submittedOn}）`);
      }
      const calendar = await calendarOf(repos);
      const decision = applyAction(
        foldRequest(events),
        { type: 'receive', channel: 'online', confirmedOn },
        { roles: actor.roles, actorId: actor.staffId, today, calendar },
      );
      if (!decision.ok) throw refusalError(decision.error);
      const all = [...events, ...decision.value.events];
      await repos.disclosureRequests.appendEvents(
        record.id,
        record.agencyId,
        events.length + 1,
        decision.value.events,
      );
      const { cache } = foldCache(all, calendar, today);
      const version = await repos.disclosureRequests.updateCache(record.id, record.version, cache, {
        assignedStaffId: record.assignedStaffId ?? (actor.roles.includes('clerk') ? actor.staffId : null),
      });
      if (version === undefined) throw new DomainError('conflict');
      await repos.auditLog.append({
        actorStaffId: actor.staffId,
        actorLabel: actorLabel(actor),
        agencyId: record.agencyId,
        action: 'disclosure_request.receive',
        entityType: 'disclosure_request',
        entityId: record.id,
        oldValue: { status: record.status, version: record.version },
        newValue: { status: cache.status, receivedOn: cache.receivedOn, dueOn: cache.dueOn, version },
      });
      return { version, receivedOn: cache.receivedOn!, dueOn: cache.dueOn };
    }),
  );
}
