import type { LetterKind, LetterView } from '../../contract/disclosure-request-api.ts';
import { OUTCOME_CODES, type OutcomeCode } from '../../core/annual-report/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { Actor } from '../../core/staff/index.ts';
import { inTransaction } from '../../db/repositories/index.ts';
import { draftLetter } from '../../export/letters/index.ts';
import { actorLabel, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { isHandlerOf } from './get-request.ts';
import { buildLetterContext, type FeeBasis } from './letter-context.ts';
import { requireRequest } from './request-access.ts';
import { todayOf } from './request-fold.ts';
import { toLetterView } from './request-view.ts';

/** Drafts a letter from the current template for its kind (and outcome), ready for the clerk to edit. */
export async function draftRequestLetter(
  deps: AppDeps,
  input: {
    actor: Actor;
    requestId: string;
    kind: LetterKind;
    outcome?: string | undefined;
    feeBasis?: FeeBasis | undefined;
  },
): Promise<LetterView> {
  const { actor } = input;
  requirePermission(actor, 'case.handle');
  if (input.outcome !== undefined && !(OUTCOME_CODES as readonly string[]).includes(input.outcome)) {
    throw new DomainError('validation_failed', '办理结果无效');
  }
  const today = todayOf(deps);
  return inTransaction(deps.db, async (repos) => {
    const record = await requireRequest(repos, actor, input.requestId);
    if (!isHandlerOf(actor, record.agencyId))
      throw new DomainError('forbidden', '只有本机关的承办人、审核人可以起草文书');
    const stored = await repos.disclosureRequests.listEvents(record.id);
    const ctx = await buildLetterContext(
      repos,
      record,
      stored.map((s) => s.event),
      today,
      { outcome: input.outcome as OutcomeCode | undefined, feeBasis: input.feeBasis },
    );
    const draft = draftLetter(input.kind, ctx);
    const id = await repos.disclosureRequests.insertLetter({
      requestId: record.id,
      agencyId: record.agencyId,
      kind: input.kind,
      templateKey: draft.templateKey,
      templateVersion: draft.templateVersion,
      title: draft.title,
      body: draft.body,
      createdBy: actor.staffId,
    });
    await repos.auditLog.append({
      actorStaffId: actor.staffId,
      actorLabel: actorLabel(actor),
      agencyId: record.agencyId,
      action: 'disclosure_request.letter_drafted',
      entityType: 'request_letter',
      entityId: id,
      newValue: {
        requestId: record.id,
        kind: input.kind,
        template: `${draft.templateKey}@${draft.templateVersion}`,
      },
    });
    const letter = (await repos.disclosureRequests.listLetters(record.id)).find((l) => l.id === id)!;
    return toLetterView(letter);
  });
}
