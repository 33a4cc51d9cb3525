import {
  ATTACHMENT_KIND_LABELS,
  type AttachmentKind,
  type AttachmentView,
  LETTER_KIND_LABELS,
  type LetterKind,
  type LetterView,
  type RequestEventView,
  type RequestSummaryView,
  type ReviewCaseView,
} from '../../contract/disclosure-request-api.ts';
import {
  APPLICANT_TYPE_LABELS,
  type ApplicantType,
  type OutcomeCode,
  outcomeLabel,
} from '../../core/annual-report/index.ts';
import {
  type Channel,
  CONSULTATION_RESULT_LABELS,
  REOPEN_CAUSE_LABELS,
  REQUEST_EVENT_KIND_LABELS,
  REQUEST_STATUS_LABELS,
  type RequestEvent,
  type RequestStatus,
} from '../../core/disclosure-request/index.ts';
import { PROCESSING_FEE_METHOD_LABELS } from '../../core/fees/index.ts';
import {
  LITIGATION_ROUTE_LABELS,
  REVIEW_KIND_LABELS,
  REVIEW_STATUS_LABELS,
  REVIEW_SUBJECT_LABELS,
  requiresNewReply,
} from '../../core/review/index.ts';
import type {
  DisclosureRequestRecord,
  StoredRequestEvent,
} from '../../db/repositories/disclosure-request.repository.ts';
import type { ReviewCaseRecord } from '../../db/repositories/review-case.repository.ts';

const iso = (value: Date | string | null): string | null =>
  value === null ? null : value instanceof Date ? value.toISOString() : new Date(value).toISOString();

export function toSummaryView(record: DisclosureRequestRecord): RequestSummaryView {
  const outcome = record.outcome as OutcomeCode | null;
  return {
    id: record.id,
    agencyId: record.agencyId,
    agencyName: record.agencyName,
    trackingCode: record.trackingCode,
    applicantType: record.applicantType as ApplicantType,
    applicantName: record.applicantName,
    description: record.description,
    channel: record.channel as Channel,
    status: record.status as RequestStatus,
    statusLabel:
      record.status === 'not_received' && record.channel === 'online'
        ? '网上提交，待确认收到'
        : REQUEST_STATUS_LABELS[record.status as RequestStatus],
    receivedOn: record.receivedOn,
    submittedAt: iso(record.submittedAt),
    dueOn: record.dueOn,
    paused: record.paused,
    outcome,
    outcomeLabel: outcome ? outcomeLabel(outcome) : null,
    closedOn: record.closedOn,
    assignedStaffId: record.assignedStaffId,
    assignedStaffName: record.assignedStaffName,
    hasRepeatHints: Array.isArray(record.repeatHints) && record.repeatHints.length > 0,
    version: record.version,
  };
}

/** The facts an event carries, in words, for the timeline and the applicant's status page. */
export function describeEvent(event: RequestEvent, forApplicant = false): string {
  switch (event.kind) {
    case 'received':
      return '';
    case 'correction_requested':
      return `补正事项：${event.payload.items.join('；')}；补正期限至 ${event.payload.correctBy}`;
    case 'correction_received':
      return event.payload.lateReason ? `逾期理由：${event.payload.lateReason}` : '';
    case 'third_party_consultation_started':
      return forApplicant
        ? '征求第三方意见，所需时间不计入答复期限'
        : `第三方：${event.payload.parties.join('、')}${event.payload.deliveredOn ? `；送达日 ${event.payload.deliveredOn}` : ''}`;
    case 'agency_consultation_started':
      return forApplicant
        ? '征求其他机关意见，所需时间不计入答复期限'
        : `被征求意见机关：${event.payload.agencies.join('、')}${event.payload.deliveredOn ? `；送达日 ${event.payload.deliveredOn}` : ''}`;
    case 'third_party_consultation_ended':
    case 'agency_consultation_ended':
      return forApplicant ? '' : CONSULTATION_RESULT_LABELS[event.payload.result];
    case 'extension_requested':
      return forApplicant ? '' : `申请延长 ${event.payload.workdays} 个工作日：${event.payload.reason}`;
    case 'extension_granted':
      return `延长 ${event.payload.workdays} 个工作日`;
    case 'extension_refused':
      return forApplicant ? '' : event.payload.reason;
    case 'fee_notice_issued':
      return `${PROCESSING_FEE_METHOD_LABELS[event.payload.method]} ${event.payload.amountYuan} 元，缴费期限至 ${event.payload.payBy}`;
    case 'fee_paid':
      return `${event.payload.amountYuan} 元`;
    case 'replied':
      return `办理结果：${outcomeLabel(event.payload.outcome)}`;
    case 'withdrawn':
      return event.payload.reason && !forApplicant ? event.payload.reason : '';
    case 'reopened':
      return `${REOPEN_CAUSE_LABELS[event.payload.cause]}纠正原答复，${event.payload.replyWithinWorkdays} 个工作日内重新答复`;
    case 'correction_lapsed':
    case 'fee_lapsed':
      return '';
  }
}

export function toEventView(stored: StoredRequestEvent): RequestEventView {
  return {
    seq: stored.seq,
    kind: stored.event.kind,
    label: REQUEST_EVENT_KIND_LABELS[stored.event.kind],
    on: stored.event.on,
    actorName: stored.actorName,
    recordedAt: stored.recordedAt.toISOString(),
    detail: describeEvent(stored.event),
  };
}

export function toAttachmentView(row: {
  id: string;
  kind: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  visibleToApplicant: boolean;
  note: string | null;
  uploadedAt: Date;
  uploadedByName: string | null;
}): AttachmentView {
  return {
    ...row,
    kind: row.kind as AttachmentKind,
    kindLabel: ATTACHMENT_KIND_LABELS[row.kind as AttachmentKind],
    uploadedAt: row.uploadedAt.toISOString(),
  };
}

export function toLetterView(row: {
  id: string;
  kind: string;
  templateKey: string;
  templateVersion: string;
  title: string;
  body: string;
  status: string;
  attachmentId: string | null;
  createdAt: Date;
  issuedAt: Date | null;
  createdByName: string | null;
  issuedByName: string | null;
  version: number;
}): LetterView {
  return {
    ...row,
    kind: row.kind as LetterKind,
    kindLabel: LETTER_KIND_LABELS[row.kind as LetterKind] ?? row.kind,
    status: row.status as 'draft' | 'issued',
    createdAt: row.createdAt.toISOString(),
    issuedAt: iso(row.issuedAt),
  };
}

export function toReviewCaseView(record: ReviewCaseRecord): ReviewCaseView {
  const status = record.result ?? 'pending';
  return {
    id: record.id,
    requestId: record.requestId,
    trackingCode: record.trackingCode,
    kind: record.kind,
    kindLabel: REVIEW_KIND_LABELS[record.kind],
    route: record.route,
    routeLabel: record.route ? LITIGATION_ROUTE_LABELS[record.route] : null,
    reconsiderationCaseId: record.reconsiderationCaseId,
    subject: record.subject,
    subjectLabel: REVIEW_SUBJECT_LABELS[record.subject],
    body: record.body,
    caseNumber: record.caseNumber,
    receivedOn: record.receivedOn,
    decidedOn: record.decidedOn,
    result: record.result,
    statusLabel: REVIEW_STATUS_LABELS[status],
    countedInReport: record.countedInReport,
    contestedEventSeq: record.contestedEventSeq,
    requiresNewReply: requiresNewReply(record),
    version: record.version,
  };
}

export const applicantTypeLabel = (type: string) => APPLICANT_TYPE_LABELS[type as ApplicantType] ?? type;
