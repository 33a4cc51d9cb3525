import type { RequestActionInput } from '../../contract/disclosure-request.ts';
import type { ActOnRequestInput } from '../../contract/disclosure-request-api.ts';
import {
  applyAction,
  foldRequest,
  type RequestAction,
  type RequestEvent,
  TRANSITIONS,
} from '../../core/disclosure-request/index.ts';
import { quoteProcessingFee } from '../../core/fees/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { Actor } from '../../core/staff/index.ts';
import type { DisclosureRequestRecord } from '../../db/repositories/disclosure-request.repository.ts';
import { inTransaction, type Repositories } from '../../db/repositories/index.ts';
import { actorLabel, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { earlierPiecesThisMonth } from './quote-request-fee.ts';
import { calendarOf, loadForChange, withConflictCheck } from './request-access.ts';
import { foldCache, refusalError, todayOf } from './request-fold.ts';

export interface ActionOutcome {
  version: number;
  status: string;
  dueOn: string | null;
}

/** The core action for an API action; a reopening names its review case by id. */
async function toCoreAction(
  repos: Repositories,
  record: DisclosureRequestRecord,
  action: RequestActionInput,
): Promise<{ action: RequestAction; missingReviewCase: boolean }> {
  if (action.type !== 'reopen') return { action: action as RequestAction, missingReviewCase: false };
  const found = await repos.reviewCases.findById(action.reviewCaseId);
  const reviewCase = found && found.requestId === record.id ? found : null;
  return {
    missingReviewCase: reviewCase === null,
    action: {
      type: 'reopen',
      ...(action.on ? { on: action.on } : {}),
      ...(action.replyWithinWorkdays ? { replyWithinWorkdays: action.replyWithinWorkdays } : {}),
      reviewCase: {
        id: action.reviewCaseId,
        kind: reviewCase?.kind ?? 'reconsideration',
        result: reviewCase?.result ?? null,
        decidedOn: reviewCase?.decidedOn ?? null,
      },
    },
  };
}

/** 109号: the amount on a fee notice must be the quote of what it was computed from. */
async function checkFeeBasis(
  repos: Repositories,
  record: DisclosureRequestRecord,
  input: ActOnRequestInput,
): Promise<void> {
  const { action, feeBasis } = input;
  if (action.type !== 'issue_fee_notice' || !feeBasis) return;
  if (feeBasis.method !== action.method) {
    throw new DomainError(
      'validation_failed',
      '计收方式与计算依据不一致；按件、按量不得同时适用（109号第三条）',
    );
  }
  const quote =
    feeBasis.method === 'per_page'
      ? quoteProcessingFee({ method: 'per_page', pages: feeBasis.pages })
      : quoteProcessingFee({
          method: 'per_piece',
          pieces: feeBasis.pieces,
          earlierPiecesThisMonth: await earlierPiecesThisMonth(repos, record),
        });
  if (quote.amountYuan !== action.amountYuan) {
    throw new DomainError(
      'validation_failed',
      `收费金额 ${action.amountYuan} 元与按规定计算的 ${quote.amountYuan} 元不一致，请重新计算`,
    );
  }
}

/**
 * Applies one core action to a loaded request inside the caller's transaction: the transition table
 * decides, the events are appended and the cache is rebuilt over the loaded version only.
 */
export async function performAction(
  repos: Repositories,
  input: {
    actor: Actor;
    record: DisclosureRequestRecord;
    events: readonly RequestEvent[];
    action: RequestAction;
    today: string;
    auditExtra?: Record<string, unknown>;
  },
): Promise<ActionOutcome> {
  const { actor, record, events, today } = input;
  const calendar = await calendarOf(repos);
  const decision = applyAction(foldRequest(events), input.action, {
    roles: actor.roles,
    actorId: actor.staffId,
    today,
    calendar,
  });
  if (!decision.ok) throw refusalError(decision.error);
  const appended = decision.value.events;
  await repos.disclosureRequests.appendEvents(record.id, record.agencyId, events.length + 1, appended);
  const { cache } = foldCache([...events, ...appended], calendar, today);
  const assignToActor = record.assignedStaffId === null && actor.roles.includes('clerk');
  const version = await repos.disclosureRequests.updateCache(
    record.id,
    record.version,
    cache,
    assignToActor ? { assignedStaffId: actor.staffId } : {},
  );
  if (version === undefined) throw new DomainError('conflict');
  await repos.auditLog.append({
    actorStaffId: actor.staffId,
    actorLabel: actorLabel(actor),
    agencyId: record.agencyId,
    action: `disclosure_request.${input.action.type}`,
    entityType: 'disclosure_request',
    entityId: record.id,
    oldValue: { status: record.status, dueOn: record.dueOn, version: record.version },
    newValue: {
      status: cache.status,
      dueOn: cache.dueOn,
      version,
      events: appended.map((e) => ({ kind: e.kind, on: e.on, payload: e.payload })),
      ...input.auditExtra,
    },
  });
  return { version, status: cache.status, dueOn: cache.dueOn };
}

/**
 * One handling step on a request: load its events, let the transition table decide (role, state,
 * statutory guards), append the events and rebuild the cache, all in one transaction and only over
 * the version the clerk saw. Two clerks acting at once: one wins, the other gets `conflict`.
 */
export async function actOnRequest(
  deps: AppDeps,
  input: { actor: Actor; requestId: string } & ActOnRequestInput,
): Promise<ActionOutcome> {
  const { actor } = input;
  requirePermission(actor, 'case.read');
  const today = todayOf(deps);
  return withConflictCheck(deps, input.requestId, () =>
    inTransaction(deps.db, async (repos) => {
      const { record, events } = await loadForChange(repos, actor, input.requestId, input.expectedVersion);
      const { action, missingReviewCase } = await toCoreAction(repos, record, input.action);
      if (input.action.type === 'issue_fee_notice' || missingReviewCase) {
        // Role and state are judged first, so the refusal a person gets is the most basic one.
        const calendar = await calendarOf(repos);
        const state = foldRequest(events);
        const dry = applyAction(state, action, {
          roles: actor.roles,
          actorId: actor.staffId,
          today,
          calendar,
        });
        const basic =
          !dry.ok && (dry.error.code === 'forbidden' || TRANSITIONS[state.status][action.type] === undefined);
        if (basic) throw refusalError(dry.error);
        if (missingReviewCase) throw new DomainError('validation_failed', '请选择本申请的复议或诉讼案件');
        if (!dry.ok) throw refusalError(dry.error);
        await checkFeeBasis(repos, record, input);
      }
      return performAction(repos, {
        actor,
        record,
        events,
        action,
        today,
        ...(input.feeBasis ? { auditExtra: { feeBasis: input.feeBasis } } : {}),
      });
    }),
  );
}
