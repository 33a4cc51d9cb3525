import { randomUUID } from 'node:crypto';
import type { ReviewCaseView } from '../../contract/disclosure-request-api.ts';
import type { RequestEvent } from '../../core/disclosure-request/index.ts';
import { openReviewCase as openCase } from '../../core/review/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { Actor } from '../../core/staff/index.ts';
import { inTransaction } from '../../db/repositories/index.ts';
import { isHandlerOf } from '../disclosure-request/get-request.ts';
import { requireRequest } from '../disclosure-request/request-access.ts';
import { refusalError, todayOf } from '../disclosure-request/request-fold.ts';
import { toReviewCaseView } from '../disclosure-request/request-view.ts';
import { actorLabel, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';

const CLOSING_KINDS: readonly RequestEvent['kind'][] = [
  'replied',
  'correction_lapsed',
  'fee_lapsed',
  'withdrawn',
];

export interface OpenReviewCaseInput {
  requestId: string;
  kind: 'reconsideration' | 'litigation';
  route?: 'direct' | 'after_reconsideration' | null | undefined;
  reconsiderationCaseId?: string | null | undefined;
  subject?: 'reply' | 'failure_to_reply' | undefined;
  body: string;
  caseNumber?: string | null | undefined;
  receivedOn: string;
  countedInReport?: boolean | undefined;
}

/**
 * Registers a 行政复议 or 行政诉讼 against the handling of a request, as a child of the reply it
 * contests: the last closing event on or before the day the agency received the case. Cases against
 * a failure to reply have no reply to hang on.
 */
export async function openReviewCase(
  deps: AppDeps,
  input: { actor: Actor } & OpenReviewCaseInput,
): Promise<ReviewCaseView> {
  const { actor } = input;
  requirePermission(actor, 'case.read');
  const today = todayOf(deps);
  return inTransaction(deps.db, async (repos) => {
    const record = await requireRequest(repos, actor, input.requestId);
    const stored = await repos.disclosureRequests.listEvents(record.id);
    const contested = stored
      .filter((s) => CLOSING_KINDS.includes(s.event.kind) && s.event.on <= input.receivedOn)
      .at(-1);
    const reconsideration = input.reconsiderationCaseId
      ? await repos.reviewCases.findById(input.reconsiderationCaseId)
      : null;
    if (input.reconsiderationCaseId && !reconsideration) {
      throw new DomainError('validation_failed', '关联的行政复议案件不存在');
    }
    const decision = openCase(
      {
        id: randomUUID(),
        request: { id: record.id, closedOn: contested?.event.on ?? null },
        kind: input.kind,
        route: input.route ?? null,
        reconsiderationCase: reconsideration,
        subject: input.subject ?? 'reply',
        body: input.body,
        caseNumber: input.caseNumber ?? null,
        receivedOn: input.receivedOn,
        ...(input.countedInReport !== undefined ? { countedInReport: input.countedInReport } : {}),
      },
      { roles: actor.roles, today },
    );
    if (!decision.ok) throw refusalError(decision.error);
    if (!isHandlerOf(actor, record.agencyId)) {
      throw new DomainError('forbidden', '只有本机关的承办人、审核人可以登记复议、诉讼案件');
    }
    const reviewCase = decision.value;
    await repos.reviewCases.insert({
      ...reviewCase,
      agencyId: record.agencyId,
      contestedEventSeq: reviewCase.subject === 'reply' ? (contested?.seq ?? null) : null,
      createdBy: actor.staffId,
    });
    await repos.auditLog.append({
      actorStaffId: actor.staffId,
      actorLabel: actorLabel(actor),
      agencyId: record.agencyId,
      action: 'review_case.opened',
      entityType: 'review_case',
      entityId: reviewCase.id,
      newValue: reviewCase,
    });
    return toReviewCaseView((await repos.reviewCases.findById(reviewCase.id))!);
  });
}
