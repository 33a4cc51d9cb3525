import { createHash } from 'node:crypto';
import {
  ATTACHMENT_EXTENSIONS,
  type AttachmentKind,
  MAX_ATTACHMENT_BYTES,
} from '../../contract/disclosure-request-api.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { Repositories } from '../../db/repositories/index.ts';

export interface AttachmentFile {
  fileName: string;
  content: Buffer;
}

/** The media type is decided here from the extension, never taken from the uploader. */
const MEDIA_TYPES: Record<(typeof ATTACHMENT_EXTENSIONS)[number], string> = {
  pdf: 'application/pdf',
  ofd: 'application/ofd',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  txt: 'text/plain; charset=utf-8',
  zip: 'application/zip',
};

/** A file name safe to store and to send back: no path, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const cleaned = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '').trim();
  return cleaned.slice(-200) || '附件';
}

export function checkAttachment(
  file: AttachmentFile,
  maxBytes = MAX_ATTACHMENT_BYTES,
): {
  fileName: string;
  mediaType: string;
} {
  const fileName = cleanFileName(file.fileName);
  const extension = fileName.includes('.') ? fileName.split('.').pop()!.toLowerCase() : '';
  if (!(ATTACHMENT_EXTENSIONS as readonly string[]).includes(extension)) {
    throw new DomainError(
      'validation_failed',
      `附件“${fileName}”的格式不支持；可上传 ${ATTACHMENT_EXTENSIONS.join('、')} 格式的文件`,
    );
  }
  if (file.content.byteLength === 0) throw new DomainError('validation_failed', `附件“${fileName}”是空文件`);
  if (file.content.byteLength > maxBytes) {
    throw new DomainError(
      'validation_failed',
      `附件“${fileName}”超过 ${Math.round(maxBytes / 1024 / 1024)} MB，请压缩或分开提交`,
    );
  }
  return { fileName, mediaType: MEDIA_TYPES[extension as keyof typeof MEDIA_TYPES] };
}

export async function storeAttachment(
  repos: Repositories,
  input: {
    requestId: string;
    agencyId: string;
    kind: AttachmentKind;
    file: AttachmentFile;
    visibleToApplicant: boolean;
    note: string | null;
    uploadedBy: string | null;
    mediaType?: string;
  },
): Promise<string> {
  const checked =
    input.kind === 'issued_letter'
      ? { fileName: cleanFileName(input.file.fileName), mediaType: input.mediaType ?? MEDIA_TYPES.docx }
      : checkAttachment(input.file);
  return repos.disclosureRequests.insertAttachment({
    requestId: input.requestId,
    agencyId: input.agencyId,
    kind: input.kind,
    fileName: checked.fileName,
    mediaType: checked.mediaType,
    sha256: createHash('sha256').update(input.file.content).digest('hex'),
    content: input.file.content,
    visibleToApplicant: input.visibleToApplicant,
    note: input.note,
    uploadedBy: input.uploadedBy,
  });
}
