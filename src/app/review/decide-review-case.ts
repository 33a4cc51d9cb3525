import type { ReviewCaseView } from '../../contract/disclosure-request-api.ts';
import { foldRequest, isClosedStatus } from '../../core/disclosure-request/index.ts';
import { decideReviewCase as decideCase, type ReviewResult } from '../../core/review/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { Actor } from '../../core/staff/index.ts';
import { inTransaction } from '../../db/repositories/index.ts';
import { performAction } from '../disclosure-request/act-on-request.ts';
import { isHandlerOf } from '../disclosure-request/get-request.ts';
import { requireRequest } from '../disclosure-request/request-access.ts';
import { refusalError, todayOf } from '../disclosure-request/request-fold.ts';
import { toReviewCaseView } from '../disclosure-request/request-view.ts';
import { actorLabel, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';

/**
 * Records the decision of a review case. A result that corrects the agency calls for a new reply on a
 * new clock: when a reviewer (审核人, who may reopen) records it, the request is reopened in the same
 * transaction; a clerk's record leaves the reopening to the reviewer, who sees it on the request.
 */
export async function decideReviewCase(
  deps: AppDeps,
  input: {
    actor: Actor;
    reviewCaseId: string;
    expectedVersion: number;
    result: ReviewResult;
    decidedOn: string;
    replyWithinWorkdays?: number | undefined;
  },
): Promise<ReviewCaseView & { reopened: boolean }> {
  const { actor } = input;
  requirePermission(actor, 'case.read');
  const today = todayOf(deps);
  return inTransaction(deps.db, async (repos) => {
    const existing = await repos.reviewCases.findById(input.reviewCaseId);
    if (!existing) throw new DomainError('not_found', '未找到该复议、诉讼案件');
    const record = await requireRequest(repos, actor, existing.requestId);
    const decision = decideCase(
      existing,
      { result: input.result, decidedOn: input.decidedOn },
      { roles: actor.roles, today },
    );
    if (!decision.ok) throw refusalError(decision.error);
    if (!isHandlerOf(actor, record.agencyId)) {
      throw new DomainError('forbidden', '只有本机关的承办人、审核人可以登记审理结果');
    }
    const saved = await repos.reviewCases.recordDecision(existing.id, input.expectedVersion, {
      result: input.result,
      decidedOn: input.decidedOn,
    });
    if (!saved) throw new DomainError('conflict', '该案件已被他人更新，请刷新后重试');
    await repos.auditLog.append({
      actorStaffId: actor.staffId,
      actorLabel: actorLabel(actor),
      agencyId: record.agencyId,
      action: 'review_case.decided',
      entityType: 'review_case',
      entityId: existing.id,
      oldValue: { result: null },
      newValue: { result: input.result, decidedOn: input.decidedOn },
    });
    let reopened = false;
    if (input.result === 'corrected' && actor.roles.includes('reviewer')) {
      const events = (await repos.disclosureRequests.listEvents(record.id)).map((s) => s.event);
      if (isClosedStatus(foldRequest(events).status)) {
        await performAction(repos, {
          actor,
          record,
          events,
          today,
          action: {
            type: 'reopen',
            reviewCase: {
              id: existing.id,
              kind: existing.kind,
              result: 'corrected',
              decidedOn: input.decidedOn,
            },
            ...(input.replyWithinWorkdays ? { replyWithinWorkdays: input.replyWithinWorkdays } : {}),
          },
        });
        reopened = true;
      }
    }
    return { ...toReviewCaseView((await repos.reviewCases.findById(existing.id))!), reopened };
  });
}
