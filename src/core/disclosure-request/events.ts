import type { OutcomeCode } from '../annual-report/cells.ts';
import type { ProcessingFeeMethod } from '../fees/index.ts';
import type { LocalDate } from '../shared/local-date.ts';

/**
 * The event log of one disclosure request (依申请公开). It is append-only and it is the only truth:
 * the request's state (foldRequest), its deadline (computeDeadline), its 计时说明 and its place in the
 * annual report are all folds over these events. Each event carries the date it took effect (`on`,
 * a civil date in China), which is not necessarily the day it was keyed in.
 *
 * The set of kinds is closed; a new kind means a new migration of every fold, never a free string.
 */

/** 申请渠道 (条例第二十九条、第三十一条). */
export const CHANNELS = ['in_person', 'post', 'online', 'fax', 'email', 'oral'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Which fact fixed the receipt date (第三十一条): handed in, signed for, or confirmed with the applicant. */
export const RECEIPT_BASES = ['handed_in', 'signed_for', 'confirmed'] as const;
export type ReceiptBasis = (typeof RECEIPT_BASES)[number];

/** How a consultation ended; silence of a consulted agency counts as consent (第三十四条). */
export const CONSULTATION_RESULTS = ['consented', 'objected', 'no_reply'] as const;
export type ConsultationResult = (typeof CONSULTATION_RESULTS)[number];

/** What made a replied request be handled again. */
export const REOPEN_CAUSES = ['reconsideration', 'litigation'] as const;
export type ReopenCause = (typeof REOPEN_CAUSES)[number];

export interface RequestEventPayloads {
  /** The application was received; `on` is the receipt date fixed by 第三十一条. Starts the clock. */
  received: { channel: Channel; basis: ReceiptBasis };
  /** The one 补正告知书 (第三十条): what to correct and by when. Stops the clock. */
  correction_requested: { items: string[]; correctBy: LocalDate };
  /** The corrected application arrived; the answer period starts again from here (第三十条). */
  correction_received: { lateReason: string | null };
  /** No correction by the deadline without good reason: 视为放弃申请 (第三十条). Closes the request. */
  correction_lapsed: Record<string, never>;
  /** Written consultation of third parties sent (第三十二条). `deliveredOn`: when they received it, if known. */
  third_party_consultation_started: { parties: string[]; deliveredOn: LocalDate | null };
  /** The third parties answered, or their 15 workdays ran out (第三十二条). */
  third_party_consultation_ended: { result: ConsultationResult };
  /** Consultation of co-producing agencies sent (第三十四条). */
  agency_consultation_started: { agencies: string[]; deliveredOn: LocalDate | null };
  /** The consulted agencies answered, or stayed silent for 15 workdays (= consent, 第三十四条). */
  agency_consultation_ended: { result: ConsultationResult };
  /** The handler asks for a longer answer period (第三十三条第二款). */
  extension_requested: { workdays: number; reason: string };
  /** The head of the disclosure office agreed; the applicant is told the same day (第三十三条第二款). */
  extension_granted: { workdays: number };
  /** The head of the disclosure office refused the extension. */
  extension_refused: { reason: string };
  /** 收费通知 served on the applicant (`on` = the day it reached them) (109号). */
  fee_notice_issued: { amountYuan: number; method: ProcessingFeeMethod; payBy: LocalDate };
  /** The fee was paid (`on` = the payment date). */
  fee_paid: { amountYuan: number };
  /** Not paid within the payment period: 视为放弃申请 (109号 as implemented locally). Closes the request. */
  fee_lapsed: Record<string, never>;
  /** The reply (答复书) with exactly one outcome, the report row it is counted in (第三十六条). */
  replied: { outcome: OutcomeCode };
  /** The applicant withdrew the application. Closes the request. */
  withdrawn: { reason: string | null };
  /** A reconsideration or court decision corrected the reply: a new reply is due, on a new clock. */
  reopened: { cause: ReopenCause; reviewCaseId: string; replyWithinWorkdays: number };
}

export type RequestEventKind = keyof RequestEventPayloads;

export const REQUEST_EVENT_KINDS = [
  'received',
  'correction_requested',
  'correction_received',
  'correction_lapsed',
  'third_party_consultation_started',
  'third_party_consultation_ended',
  'agency_consultation_started',
  'agency_consultation_ended',
  'extension_requested',
  'extension_granted',
  'extension_refused',
  'fee_notice_issued',
  'fee_paid',
  'fee_lapsed',
  'replied',
  'withdrawn',
  'reopened',
] as const satisfies readonly RequestEventKind[];

export type RequestEventOf<K extends RequestEventKind> = {
  kind: K;
  /** The day the event took effect. */
  on: LocalDate;
  /** The staff member who recorded it (null for events recorded by the system). */
  actorId: string | null;
  payload: RequestEventPayloads[K];
};

export type RequestEvent = { [K in RequestEventKind]: RequestEventOf<K> }[RequestEventKind];

export const CHANNEL_LABELS: Record<Channel, string> = {
  in_person: '当面提交',
  post: '邮寄',
  online: '互联网（在线平台）',
  fax: '传真',
  email: '电子邮件',
  oral: '口头提出（代为填写）',
};

export const CONSULTATION_RESULT_LABELS: Record<ConsultationResult, string> = {
  consented: '同意公开',
  objected: '不同意公开',
  no_reply: '逾期未提出意见',
};

export const REOPEN_CAUSE_LABELS: Record<ReopenCause, string> = {
  reconsideration: '行政复议决定',
  litigation: '人民法院裁判',
};

export const REQUEST_EVENT_KIND_LABELS: Record<RequestEventKind, string> = {
  received: '收到申请',
  correction_requested: '告知补正',
  correction_received: '收到补正申请',
  correction_lapsed: '逾期未补正，视为放弃申请',
  third_party_consultation_started: '书面征求第三方意见',
  third_party_consultation_ended: '第三方意见征求结束',
  agency_consultation_started: '征求其他机关意见',
  agency_consultation_ended: '其他机关意见征求结束',
  extension_requested: '申请延期答复',
  extension_granted: '同意延期答复并告知申请人',
  extension_refused: '不同意延期答复',
  fee_notice_issued: '送达收费通知',
  fee_paid: '缴纳信息处理费',
  fee_lapsed: '逾期未缴费，视为放弃申请',
  replied: '作出答复',
  withdrawn: '申请人撤回申请',
  reopened: '重新答复（复议、诉讼结果纠正）',
};
