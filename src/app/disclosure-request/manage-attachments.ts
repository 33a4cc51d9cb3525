import type { AttachmentView } from '../../contract/disclosure-request-api.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { Actor } from '../../core/staff/index.ts';
import { createRepositories, inTransaction } from '../../db/repositories/index.ts';
import { actorLabel, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { storeAttachment } from './attachment-files.ts';
import { isHandlerOf } from './get-request.ts';
import { requireRequest } from './request-access.ts';
import { toAttachmentView } from './request-view.ts';

/** Files kept with the request: the applicant's material and the disclosed information (第四十五条 归档). */
export async function uploadRequestAttachment(
  deps: AppDeps,
  input: {
    actor: Actor;
    requestId: string;
    kind: 'applicant_file' | 'disclosed_information';
    fileName: string;
    content: Buffer;
    visibleToApplicant: boolean;
    note?: string | undefined;
  },
): Promise<AttachmentView> {
  const { actor } = input;
  requirePermission(actor, 'case.handle');
  return inTransaction(deps.db, async (repos) => {
    const record = await requireRequest(repos, actor, input.requestId);
    if (!isHandlerOf(actor, record.agencyId))
      throw new DomainError('forbidden', '只有本机关的承办人、审核人可以上传材料');
    const id = await storeAttachment(repos, {
      requestId: record.id,
      agencyId: record.agencyId,
      kind: input.kind,
      file: { fileName: input.fileName, content: input.content },
      visibleToApplicant: input.visibleToApplicant,
      note: input.note ?? null,
      uploadedBy: actor.staffId,
    });
    await repos.auditLog.append({
      actorStaffId: actor.staffId,
      actorLabel: actorLabel(actor),
      agencyId: record.agencyId,
      action: 'disclosure_request.attachment_added',
      entityType: 'request_attachment',
      entityId: id,
      newValue: {
        requestId: record.id,
        kind: input.kind,
        fileName: input.fileName,
        bytes: input.content.byteLength,
      },
    });
    const row = (await repos.disclosureRequests.listAttachments(record.id)).find((a) => a.id === id)!;
    return toAttachmentView(row);
  });
}

export async function getRequestAttachment(
  deps: AppDeps,
  input: { actor: Actor; requestId: string; attachmentId: string },
): Promise<{ fileName: string; mediaType: string; content: Buffer }> {
  requirePermission(input.actor, 'case.read');
  const repos = createRepositories(deps.db);
  const record = await requireRequest(repos, input.actor, input.requestId);
  const attachment = await repos.disclosureRequests.findAttachment(record.id, input.attachmentId);
  if (!attachment) throw new DomainError('not_found', '未找到该文件');
  return { fileName: attachment.fileName, mediaType: attachment.mediaType, content: attachment.content };
}
