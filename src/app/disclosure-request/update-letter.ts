import type { LetterView } from '../../contract/disclosure-request-api.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { Actor } from '../../core/staff/index.ts';
import { inTransaction } from '../../db/repositories/index.ts';
import { actorLabel, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { isHandlerOf } from './get-request.ts';
import { requireRequest } from './request-access.ts';
import { toLetterView } from './request-view.ts';

/** The clerk's edits of a draft letter; an issued letter never changes. */
export async function updateRequestLetter(
  deps: AppDeps,
  input: {
    actor: Actor;
    requestId: string;
    letterId: string;
    expectedVersion: number;
    title: string;
    body: string;
  },
): Promise<LetterView> {
  const { actor } = input;
  requirePermission(actor, 'case.handle');
  return inTransaction(deps.db, async (repos) => {
    const record = await requireRequest(repos, actor, input.requestId);
    if (!isHandlerOf(actor, record.agencyId))
      throw new DomainError('forbidden', '只有本机关的承办人、审核人可以修改文书');
    const letter = await repos.disclosureRequests.findLetter(record.id, input.letterId);
    if (!letter) throw new DomainError('not_found', '未找到该文书');
    if (letter.status !== 'draft') throw new DomainError('invalid_state', '文书已出具，不能再修改');
    const version = await repos.disclosureRequests.updateLetterDraft(letter.id, input.expectedVersion, {
      title: input.title,
      body: input.body,
    });
    if (version === undefined) throw new DomainError('conflict', '文书已被他人修改，请刷新后重试');
    await repos.auditLog.append({
      actorStaffId: actor.staffId,
      actorLabel: actorLabel(actor),
      agencyId: record.agencyId,
      action: 'disclosure_request.letter_edited',
      entityType: 'request_letter',
      entityId: letter.id,
      oldValue: { title: letter.title, body: letter.body },
      newValue: { title: input.title, body: input.body },
    });
    const updated = (await repos.disclosureRequests.listLetters(record.id)).find((l) => l.id === letter.id)!;
    return toLetterView(updated);
  });
}
