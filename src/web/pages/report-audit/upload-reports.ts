import { MAX_UPLOAD_FILE_BYTES, type ReportAnalysis } from '../../../contract/report-audit.ts';
import { ApiError } from '../../api/client.ts';

export function formatSize(bytes: number): string {
  const mb = 1024 * 1024;
  if (bytes >= mb) return `${Number((bytes / mb).toFixed(bytes < 100 * mb ? 2 : 0))} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Refused in the browser, before a byte is sent. */
export function tooLarge(file: File): string | null {
  if (file.size <= MAX_UPLOAD_FILE_BYTES) return null;
  return `文件“${file.name}”大小为${formatSize(file.size)}，超过单个文件${formatSize(MAX_UPLOAD_FILE_BYTES)}的上限`;
}

/**
 * One file (a report, or a ZIP of reports) to the audit endpoint as multipart/form-data, with the
 * session's CSRF header (the JSON client in api/client.ts only sends JSON bodies).
 */
export async function uploadReport(file: File, csrfToken: string): Promise<ReportAnalysis> {
  const form = new FormData();
  form.append('file', file, file.name);
  const response = await fetch('/api/report-audit/analyses', {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
    headers: { accept: 'application/json', 'x-csrf-token': csrfToken },
  });
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!response.ok) {
    const error = (data as { error?: { code: string; message: string } } | undefined)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'internal_error',
      error?.message ?? `上传失败（${response.status}）`,
    );
  }
  return data as ReportAnalysis;
}
