import { z } from 'zod';
import type {
  ApplicantType,
  OutcomeCode,
  Section3,
  Section3Column,
  Section3Row,
  Section4,
  Section4Block,
  Section4Column,
} from '../core/annual-report/cells.ts';
import type {
  Channel,
  ClockExplanation,
  DeadlineStatus,
  DeliveryMethod,
  IdentityDocumentKind,
  InformationForm,
  PossibleRepeat,
  ProactiveDisclosureProposal,
  RequestActionType,
  RequestEventKind,
  RequestStatus,
} from '../core/disclosure-request/index.ts';
import type { ProcessingFeeQuote } from '../core/fees/index.ts';
import type { LitigationRoute, ReviewKind, ReviewResult, ReviewSubject } from '../core/review/index.ts';
import { LocalDateSchema } from './calendar.ts';
import { RequestActionSchema, ReviewCaseInputSchema } from './disclosure-request.ts';

/**
 * The disclosure-request API as the console and the portal use it: inputs as zod schemas (messages in
 * Chinese), outputs as view types. Personal data in views is masked (证件号码, 电话); the full values
 * come only from the audited identity endpoint, for the handlers of the agency.
 */

/** Files: the database refuses anything over 10 MB; the portal accepts 3 files of 5 MB at most. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_PORTAL_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_PORTAL_FILES = 3;
export const ATTACHMENT_EXTENSIONS = [
  'pdf',
  'ofd',
  'jpg',
  'jpeg',
  'png',
  'doc',
  'docx',
  'xls',
  'xlsx',
  'txt',
  'zip',
] as const;

export const ATTACHMENT_KINDS = ['applicant_file', 'disclosed_information', 'issued_letter'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];
export const ATTACHMENT_KIND_LABELS: Record<AttachmentKind, string> = {
  applicant_file: '申请人提交的材料',
  disclosed_information: '公开的政府信息',
  issued_letter: '已出具的文书',
};

/** What a fee was computed from: pages (按量) or pieces (按件), never both (109号第三条). */
export const FeeBasisSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('per_page'), pages: z.number().int().min(0) }),
  z.object({ method: z.literal('per_piece'), pieces: z.number().int().min(1) }),
]);

export const ActOnRequestSchema = z.object({
  /** The version the clerk saw: a request changed meanwhile by someone else is refused (conflict). */
  expectedVersion: z.number().int().positive(),
  action: RequestActionSchema,
  /** For a fee notice: what the amount was computed from; the server checks the amount against it. */
  feeBasis: FeeBasisSchema.optional(),
});
export type ActOnRequestInput = z.infer<typeof ActOnRequestSchema>;

export const ConfirmReceiptSchema = z.object({
  expectedVersion: z.number().int().positive(),
  /** 第三十一条第三项: the day both sides confirmed (default today). */
  confirmedOn: LocalDateSchema.optional(),
});

export const AssignRequestSchema = z.object({
  expectedVersion: z.number().int().positive(),
  assignedStaffId: z.uuid('承办人无效').optional(),
  pieces: z.number().int().min(1, '件数至少为 1').max(1000).optional(),
});

export const RequestListQuerySchema = z.object({
  agencyId: z.uuid().optional(),
  status: z.string().max(200).optional(),
  open: z.enum(['true', 'false']).optional(),
  mine: z.enum(['true', 'false']).optional(),
  search: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const AttachmentUploadSchema = z.object({
  kind: z.enum(['applicant_file', 'disclosed_information'], { message: '请选择材料类别' }),
  fileName: z.string().trim().min(1, '缺少文件名').max(200, '文件名过长'),
  mediaType: z.string().max(200).default('application/octet-stream'),
  contentBase64: z
    .string()
    .min(1, '文件内容为空')
    .max(Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 8, '文件超过 10 MB'),
  visibleToApplicant: z.boolean().default(false),
  note: z.string().trim().max(200).optional(),
});

export const LETTER_KINDS = [
  'receipt',
  'correction_notice',
  'extension_notice',
  'fee_notice',
  'third_party_consultation',
  'reply',
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];
export const LETTER_KIND_LABELS: Record<LetterKind, string> = {
  receipt: '申请登记回执',
  correction_notice: '补正申请告知书',
  extension_notice: '延长答复期限告知书',
  fee_notice: '收费通知书',
  third_party_consultation: '第三方意见征询函',
  reply: '政府信息公开申请答复书',
};

export const LetterDraftSchema = z.object({
  kind: z.enum(LETTER_KINDS, { message: '请选择文书类别' }),
  /** For a reply drafted before the reply is recorded. */
  outcome: z.string().optional(),
  /** For a fee notice: what the amount was computed from, to print the tier breakdown. */
  feeBasis: FeeBasisSchema.optional(),
});

export const LetterUpdateSchema = z.object({
  expectedVersion: z.number().int().positive(),
  title: z.string().trim().min(2, '请填写标题').max(100),
  body: z.string().trim().min(10, '正文过短').max(20_000, '正文过长'),
});

export const LetterIssueSchema = z.object({ expectedVersion: z.number().int().positive() });

export const FeeQuoteQuerySchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('per_page'), pages: z.coerce.number().int().min(0, '页数不能为负') }),
  z.object({
    method: z.literal('per_piece'),
    pieces: z.coerce.number().int().min(1, '件数至少为 1').optional(),
  }),
]);

export const ReportFeedQuerySchema = z.object({
  agencyId: z.uuid('机关无效'),
  year: z.coerce.number().int().min(2019).max(2100),
});

export const DrillDownQuerySchema = ReportFeedQuerySchema.extend({
  section: z.enum(['3', '4']),
  row: z.string().min(1).max(60),
  column: z.string().min(1).max(40),
});

export const DashboardQuerySchema = z.object({
  agencyId: z.uuid().optional(),
  dueSoonWorkdays: z.coerce.number().int().min(1).max(20).default(5),
});

export const AcknowledgeDueDateChangesSchema = z.object({
  ids: z.array(z.number().int().positive()).min(1).max(1000),
});

const { requestId: _requestId, ...reviewCaseFields } = ReviewCaseInputSchema.shape;
/** A review case registered on a request (the request is the route's). */
export const ReviewCaseBodySchema = z.object(reviewCaseFields);

export const ReviewDecisionBodySchema = z.object({
  expectedVersion: z.number().int().positive(),
  result: z.enum(['upheld', 'corrected', 'other'], { message: '请选择审理结果' }),
  decidedOn: LocalDateSchema,
});

/** The applicant's lookup on the portal: the code on the receipt and the secret shown once. */
export const PublicLookupSchema = z.object({
  trackingCode: z.string().trim().toUpperCase().min(6, '请填写受理编号').max(40, '受理编号无效'),
  secret: z.string().trim().toUpperCase().min(6, '请填写查询码').max(40, '查询码无效'),
});

// ── Views ───────────────────────────────────────────────────────────────────────────────────────────

export interface RequestSummaryView {
  id: string;
  agencyId: string;
  agencyName: string;
  trackingCode: string;
  applicantType: ApplicantType;
  applicantName: string;
  description: string;
  channel: Channel;
  status: RequestStatus;
  statusLabel: string;
  receivedOn: string | null;
  submittedAt: string | null;
  dueOn: string | null;
  paused: boolean;
  outcome: OutcomeCode | null;
  outcomeLabel: string | null;
  closedOn: string | null;
  assignedStaffId: string | null;
  assignedStaffName: string | null;
  hasRepeatHints: boolean;
  version: number;
}

export interface RequestEventView {
  seq: number;
  kind: RequestEventKind;
  label: string;
  on: string;
  actorName: string | null;
  recordedAt: string;
  /** The payload in words (补正事项, 延长天数, 办理结果 …). */
  detail: string;
}

export interface AttachmentView {
  id: string;
  kind: AttachmentKind;
  kindLabel: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  visibleToApplicant: boolean;
  note: string | null;
  uploadedAt: string;
  uploadedByName: string | null;
}

export interface LetterView {
  id: string;
  kind: LetterKind;
  kindLabel: string;
  templateKey: string;
  templateVersion: string;
  title: string;
  body: string;
  status: 'draft' | 'issued';
  attachmentId: string | null;
  createdAt: string;
  issuedAt: string | null;
  createdByName: string | null;
  issuedByName: string | null;
  version: number;
}

export interface ReviewCaseView {
  id: string;
  requestId: string;
  trackingCode: string;
  kind: ReviewKind;
  kindLabel: string;
  route: LitigationRoute | null;
  routeLabel: string | null;
  reconsiderationCaseId: string | null;
  subject: ReviewSubject;
  subjectLabel: string;
  body: string;
  caseNumber: string | null;
  receivedOn: string;
  decidedOn: string | null;
  result: ReviewResult | null;
  statusLabel: string;
  countedInReport: boolean;
  contestedEventSeq: number | null;
  requiresNewReply: boolean;
  version: number;
}

export interface RequestDetailView extends RequestSummaryView {
  applicant: {
    type: ApplicantType;
    typeLabel: string;
    name: string;
    identityDocumentKind: IdentityDocumentKind;
    identityDocumentLabel: string;
    /** Masked: 3205**********1234. */
    identityNumber: string;
    contactPerson: string | null;
    /** Masked: 138****5678. */
    phone: string;
    email: string | null;
    postalAddress: string | null;
    postalCode: string | null;
  };
  documentNumber: string | null;
  formWanted: InformationForm;
  formWantedLabel: string;
  delivery: DeliveryMethod;
  deliveryLabel: string;
  needsAssistance: boolean;
  pieces: number;
  channelLabel: string;
  note: string | null;
  repeatHints: (PossibleRepeat & { earlierTrackingCode: string | null })[];
  deadline: DeadlineStatus;
  events: RequestEventView[];
  /** What the actor may do now (the transition table's answer for their roles). */
  availableActions: { type: RequestActionType; label: string }[];
  /** The amount of the fee notice of the current clock, when one was served. */
  feeAmountYuan: number | null;
  canConfirmReceipt: boolean;
  canHandle: boolean;
  canRevealIdentity: boolean;
  attachments: AttachmentView[];
  letters: LetterView[];
  reviewCases: ReviewCaseView[];
  /** Reply events a review case can contest. */
  replyEvents: { seq: number; on: string; outcomeLabel: string }[];
}

export interface RequestListView {
  rows: RequestSummaryView[];
  total: number;
}

export interface ClockExplanationView {
  trackingCode: string;
  agencyName: string;
  explanation: ClockExplanation;
  text: string;
}

export interface DashboardItemView {
  id: string;
  trackingCode: string;
  agencyId: string;
  agencyName: string;
  applicantName: string;
  description: string;
  assignedStaffId: string | null;
  assignedStaffName: string | null;
  status: RequestStatus;
  statusLabel: string;
  receivedOn: string | null;
  dueOn: string | null;
  remainingWorkdays: number | null;
  paused: boolean;
  pauseLabel: string | null;
  overdue: boolean;
}

export interface DashboardCounts {
  open: number;
  running: number;
  paused: number;
  awaitingCorrection: number;
  unconfirmed: number;
  dueSoon: number;
  overdue: number;
  extensionAwaitingApproval: number;
}

export interface DashboardView {
  today: string;
  dueSoonWorkdays: number;
  totals: DashboardCounts;
  byAgency: ({ agencyId: string; agencyName: string } & DashboardCounts)[];
  byClerk: ({ staffId: string | null; staffName: string; agencyName: string } & DashboardCounts)[];
  overdue: DashboardItemView[];
  dueSoon: DashboardItemView[];
  unconfirmed: DashboardItemView[];
  awaitingApproval: DashboardItemView[];
  dueDateChanges: DueDateChangeView[];
  /** Open requests whose figures need a calendar year that is not loaded. */
  missingCalendarYears: number[];
}

export interface DueDateChangeView {
  id: number;
  requestId: string;
  trackingCode: string;
  agencyName: string;
  assignedStaffName: string | null;
  calendarYear: number;
  oldDueOn: string | null;
  newDueOn: string | null;
  changedAt: string;
  acknowledgedAt: string | null;
}

export interface FeeQuoteView {
  quote: ProcessingFeeQuote;
  earlierPiecesThisMonth: number | null;
}

export interface ReportSections34View {
  agencyId: string;
  agencyName: string;
  year: number;
  section3: Section3;
  section4: Section4;
  drillDown: {
    section3: Record<Section3Row, Record<Section3Column, string[]>>;
    section4: Record<Section4Block, Record<Section4Column, string[]>>;
  };
}

export interface DrillDownView {
  section: '3' | '4';
  row: string;
  column: string;
  label: string;
  requests: RequestSummaryView[];
  reviewCases: ReviewCaseView[];
}

export interface ProactiveProposalView extends ProactiveDisclosureProposal {
  requests: { id: string; trackingCode: string; description: string; receivedOn: string | null }[];
}

/** What the applicant sees on the portal: no staff names, no personal data beyond a masked name. */
export interface PublicRequestStatusView {
  trackingCode: string;
  agencyName: string;
  applicantName: string;
  submittedAt: string | null;
  receivedOn: string | null;
  status: RequestStatus;
  statusLabel: string;
  dueOn: string | null;
  remainingWorkdays: number | null;
  paused: boolean;
  phaseLabel: string;
  overdue: boolean;
  outcomeLabel: string | null;
  closedOn: string | null;
  events: { on: string; label: string }[];
  explanationText: string | null;
  documents: { id: string; fileName: string; kindLabel: string; sizeBytes: number }[];
}

export interface SubmittedApplicationView {
  trackingCode: string;
  /** Shown once; only its hash is kept. */
  secret: string;
  agencyName: string;
  submittedAt: string;
  repeatHintCount: number;
}
