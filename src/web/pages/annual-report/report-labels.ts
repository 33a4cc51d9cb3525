import { REPORT_STATUS_LABELS, type ReportStatus } from '../../../core/annual-report/model.ts';

export { REPORT_STATUS_LABELS };

export const REPORT_STATUS_COLORS: Record<ReportStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  accepted: 'cyan',
  published: 'success',
};

/** 2022-01-28T01:00:00Z → 2022-01-28 09:00 (China time). */
export function formatInstant(iso: string | null): string {
  if (!iso) return '—';
  const china = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  return china.toISOString().slice(0, 16).replace('T', ' ');
}
