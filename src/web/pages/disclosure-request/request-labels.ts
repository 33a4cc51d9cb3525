/** Label maps of the request area, from the one place each is defined (core). */
export {
  APPLICANT_TYPE_LABELS,
  APPLICANT_TYPES,
  OUTCOME_CODES,
  OUTCOME_GROUPS,
  outcomeLabel,
  SECTION3_COLUMNS,
  SECTION3_ROW_LABELS,
  SECTION3_ROWS,
  SECTION4_BLOCK_LABELS,
  SECTION4_BLOCKS,
  SECTION4_COLUMN_LABELS,
  SECTION4_COLUMNS,
} from '../../../core/annual-report/cells.ts';
export {
  DELIVERY_METHOD_LABELS,
  DELIVERY_METHODS,
  IDENTITY_DOCUMENT_KIND_LABELS,
  IDENTITY_DOCUMENT_KINDS,
  INFORMATION_FORM_LABELS,
  INFORMATION_FORMS,
} from '../../../core/disclosure-request/application.ts';
export {
  CLOCK_PHASE_LABELS,
  PAUSE_REASON_LABELS,
} from '../../../core/disclosure-request/deadline.ts';
export {
  CHANNEL_LABELS,
  CHANNELS,
  CONSULTATION_RESULT_LABELS,
} from '../../../core/disclosure-request/events.ts';
export { REQUEST_STATUS_LABELS } from '../../../core/disclosure-request/transitions.ts';
export { PROCESSING_FEE_METHOD_LABELS } from '../../../core/fees/processing-fee.ts';
export {
  LITIGATION_ROUTE_LABELS,
  REVIEW_KIND_LABELS,
  REVIEW_RESULT_LABELS,
} from '../../../core/review/review-case.ts';

export const STATUS_COLORS: Record<string, string> = {
  not_received: 'purple',
  awaiting_reply: 'blue',
  awaiting_correction: 'gold',
  third_party_consultation: 'cyan',
  agency_consultation: 'cyan',
  awaiting_fee_payment: 'orange',
  replied: 'green',
  withdrawn: 'default',
  lapsed: 'default',
};

export function chineseDate(date: string | null | undefined): string {
  if (!date) return '—';
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

/** Today in China (statutory dates are civil dates there, whatever the browser's time zone). */
export function chinaToday(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}
