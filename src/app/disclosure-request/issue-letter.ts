import type { LetterView } from '../../contract/disclosure-request-api.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { Actor } from '../../core/staff/index.ts';
import { inTransaction } from '../../db/repositories/index.ts';
import { renderLetterDocx } from '../../export/letters/index.ts';
import { actorLabel, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { storeAttachment } from './attachment-files.ts';
import { isHandlerOf } from './get-request.ts';
import { requireRequest } from './request-access.ts';
import { todayOf } from './request-fold.ts';
import { toLetterView } from './request-view.ts';

/**
 * Issues a draft: renders the edited text as DOCX and archives it with the request (条例第四十五条),
 * naming the template and version it came from. Letters to the applicant become downloadable on the
 * portal; the consultation letter to a third party does not.
 */
export async function issueRequestLetter(
  deps: AppDeps,
  input: { actor: Actor; requestId: string; letterId: string; expectedVersion: number },
): Promise<LetterView> {
  const { actor } = input;
  requirePermission(actor, 'case.handle');
  const today = todayOf(deps);
  return inTransaction(deps.db, async (repos) => {
    const record = await requireRequest(repos, actor, input.requestId);
    if (!isHandlerOf(actor, record.agencyId))
      throw new DomainError('forbidden', '只有本机关的承办人、审核人可以出具文书');
    const letter = await repos.disclosureRequests.findLetter(record.id, input.letterId);
    if (!letter) throw new DomainError('not_found', '未找到该文书');
    if (letter.status !== 'draft') throw new DomainError('invalid_state', '文书已出具');
    if (letter.version !== input.expectedVersion)
      throw new DomainError('conflict', '文书已被他人修改，请刷新后重试');
    if (/（请填写[^）]*）/.test(letter.body)) {
      throw new DomainError('validation_failed', '文书中还有“（请填写……）”的空白，请补全或删除后再出具');
    }
    const content = await renderLetterDocx({
      title: letter.title,
      body: letter.body,
      agencyName: record.agencyName,
      trackingCode: record.trackingCode,
      issuedOn: today,
      templateKey: letter.templateKey,
      templateVersion: letter.templateVersion,
    });
    const attachmentId = await storeAttachment(repos, {
      requestId: record.id,
      agencyId: record.agencyId,
      kind: 'issued_letter',
      file: { fileName: `${letter.title}（${record.trackingCode}）.docx`, content },
      visibleToApplicant: letter.kind !== 'third_party_consultation',
      note: `${letter.templateKey} 第 ${letter.templateVersion} 版`,
      uploadedBy: actor.staffId,
    });
    const issued = await repos.disclosureRequests.markLetterIssued(letter.id, input.expectedVersion, {
      attachmentId,
      issuedBy: actor.staffId,
    });
    if (!issued) throw new DomainError('conflict', '文书已被他人修改，请刷新后重试');
    await repos.auditLog.append({
      actorStaffId: actor.staffId,
      actorLabel: actorLabel(actor),
      agencyId: record.agencyId,
      action: 'disclosure_request.letter_issued',
      entityType: 'request_letter',
      entityId: letter.id,
      newValue: {
        attachmentId,
        template: `${letter.templateKey}@${letter.templateVersion}`,
        title: letter.title,
      },
    });
    const view = (await repos.disclosureRequests.listLetters(record.id)).find((l) => l.id === letter.id)!;
    return toLetterView(view);
  });
}
