import { createHash } from 'node:crypto';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { Actor } from '../../core/staff/index.ts';
import type { EntryAttachmentInfo } from '../../db/repositories/catalogue.repository.ts';
import { createRepositories, inTransaction } from '../../db/repositories/index.ts';
import { actorLabel } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { loadEntryForActor } from './entry-access.ts';

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** What a catalogue attachment may be: documents and images people open without special software. */
const MEDIA_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  ofd: 'application/ofd',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  wps: 'application/vnd.ms-works',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  txt: 'text/plain; charset=utf-8',
  zip: 'application/zip',
};

export function mediaTypeOf(fileName: string): string | null {
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  return MEDIA_TYPES[extension] ?? null;
}

/** Attachments belong to the text under review: added and removed on drafts only. */
export async function addEntryAttachment(
  deps: AppDeps,
  input: { actor: Actor; entryId: string; fileName: string; content: Buffer },
): Promise<EntryAttachmentInfo> {
  const { actor } = input;
  const fileName = input.fileName.replace(/[\\/:*?"<>|\r\n]/g, '_').slice(0, 200);
  const mediaType = mediaTypeOf(fileName);
  if (!mediaType)
    throw new DomainError('validation_failed', '附件应为 PDF、OFD、Word、Excel、WPS、图片、文本或 ZIP 文件');
  if (input.content.length === 0) throw new DomainError('validation_failed', '附件为空');
  if (input.content.length > MAX_ATTACHMENT_BYTES)
    throw new DomainError('validation_failed', '附件不能超过 20 MB');
  return inTransaction(deps.db, async (repos) => {
    const entry = await loadEntryForActor(repos, actor, input.entryId, 'catalogue.edit');
    if (entry.status !== 'draft') throw new DomainError('invalid_state', '只有草稿可以添加附件');
    const attachment = await repos.catalogue.insertAttachment({
      agencyId: entry.agencyId,
      entryId: entry.id,
      fileName,
      mediaType,
      content: input.content,
      sha256: createHash('sha256').update(input.content).digest('hex'),
      createdBy: actor.staffId,
    });
    await repos.auditLog.append({
      actorStaffId: actor.staffId,
      actorLabel: actorLabel(actor),
      agencyId: entry.agencyId,
      action: 'catalogue_entry.attachment_added',
      entityType: 'catalogue_entry',
      entityId: entry.id,
      newValue: attachment,
    });
    return attachment;
  });
}

export async function removeEntryAttachment(
  deps: AppDeps,
  input: { actor: Actor; entryId: string; attachmentId: string },
): Promise<void> {
  const { actor } = input;
  await inTransaction(deps.db, async (repos) => {
    const entry = await loadEntryForActor(repos, actor, input.entryId, 'catalogue.edit');
    if (entry.status !== 'draft') throw new DomainError('invalid_state', '只有草稿可以删除附件');
    const attachment = await repos.catalogue.findAttachment(entry.id, input.attachmentId);
    if (!attachment) throw new DomainError('not_found', '附件不存在');
    await repos.catalogue.deleteAttachment(entry.id, input.attachmentId);
    await repos.auditLog.append({
      actorStaffId: actor.staffId,
      actorLabel: actorLabel(actor),
      agencyId: entry.agencyId,
      action: 'catalogue_entry.attachment_removed',
      entityType: 'catalogue_entry',
      entityId: entry.id,
      oldValue: { id: attachment.id, fileName: attachment.fileName, sha256: attachment.sha256 },
    });
  });
}

/** Staff read any attachment of an entry in scope (drafts included). */
export async function getEntryAttachment(
  deps: AppDeps,
  input: { actor: Actor; entryId: string; attachmentId: string },
) {
  const repos = createRepositories(deps.db);
  const entry = await loadEntryForActor(repos, input.actor, input.entryId, 'catalogue.read');
  const attachment = await repos.catalogue.findAttachment(entry.id, input.attachmentId);
  if (!attachment) throw new DomainError('not_found', '附件不存在');
  return attachment;
}
