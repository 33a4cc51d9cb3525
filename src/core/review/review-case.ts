import type { Section4Block } from '../annual-report/cells.ts';
import { isLocalDate, type LocalDate } from '../shared/local-date.ts';
import { ok, type Result, refuse } from '../shared/result.ts';
import type { StaffRole } from '../staff/index.ts';

/**
 * 行政复议 and 行政诉讼 brought against the handling of a disclosure request: child cases of the
 * request, counted in section 四 of the annual report (条例第五十条第三项) and, when the result corrects
 * the agency, the reason a request is reopened for a new reply.
 */

export const REVIEW_KINDS = ['reconsideration', 'litigation'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

/** 行政诉讼: 未经复议直接起诉 / 复议后起诉, the two litigation blocks of section 四. */
export const LITIGATION_ROUTES = ['direct', 'after_reconsideration'] as const;
export type LitigationRoute = (typeof LITIGATION_ROUTES)[number];

/**
 * 结果维持 / 结果纠正 / 其他结果. `corrected` covers 撤销、变更、确认违法、责令履行 (the agency's handling
 * was wrong); `other` covers 驳回申请或起诉、撤回、终止、调解 and the like (no finding on the merits).
 */
export const REVIEW_RESULTS = ['upheld', 'corrected', 'other'] as const;
export type ReviewResult = (typeof REVIEW_RESULTS)[number];

/** 尚未审结 is derived: a case without a result is pending. */
export const REVIEW_STATUSES = ['pending', ...REVIEW_RESULTS] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** What the case challenges: the reply (or lapse decision), or the failure to reply in time. */
export const REVIEW_SUBJECTS = ['reply', 'failure_to_reply'] as const;
export type ReviewSubject = (typeof REVIEW_SUBJECTS)[number];

export interface ReviewCase {
  id: string;
  requestId: string;
  kind: ReviewKind;
  /** Litigation only; null for a reconsideration. */
  route: LitigationRoute | null;
  /** For litigation after reconsideration: the reconsideration case it follows, when it was ours. */
  reconsiderationCaseId: string | null;
  subject: ReviewSubject;
  /** 复议机关 or 人民法院. */
  body: string;
  /** 案号, when known. */
  caseNumber: string | null;
  /** The day the agency received the application copy or the statement of claim. */
  receivedOn: LocalDate;
  decidedOn: LocalDate | null;
  result: ReviewResult | null;
  /**
   * When the reconsideration body is co-defendant, only the original acting agency counts the lawsuit
   * (national disclosure office interpretation, 2016): false for the co-defendant's own record.
   */
  countedInReport: boolean;
}

export interface ReviewContext {
  roles: readonly StaffRole[];
  today: LocalDate;
}

export interface ReviewRefusal {
  code: 'forbidden' | 'invalid_state' | 'validation_failed';
  message: string;
}

const HANDLERS: readonly StaffRole[] = ['clerk', 'reviewer'];

function checkRole(ctx: ReviewContext, what: string): ReviewRefusal | null {
  if (HANDLERS.some((r) => ctx.roles.includes(r))) return null;
  if (ctx.roles.includes('supervisor')) {
    return { code: 'forbidden', message: `政务公开主管部门只能查阅复议、诉讼案件，不能${what}` };
  }
  return { code: 'forbidden', message: `只有承办人、审核人可以${what}` };
}

export interface OpenReviewCaseInput {
  id: string;
  /** The challenged request: its id and, when it was closed, the closing day. */
  request: { id: string; closedOn: LocalDate | null };
  kind: ReviewKind;
  route?: LitigationRoute | null;
  /** For `after_reconsideration`: the earlier reconsideration case, when this agency recorded it. */
  reconsiderationCase?: ReviewCase | null;
  subject?: ReviewSubject;
  body: string;
  caseNumber?: string | null;
  receivedOn: LocalDate;
  countedInReport?: boolean;
}

export function openReviewCase(
  input: OpenReviewCaseInput,
  ctx: ReviewContext,
): Result<ReviewCase, ReviewRefusal> {
  const denied = checkRole(ctx, '登记复议、诉讼案件');
  if (denied) return refuse(denied);
  const invalid = (message: string) => refuse<ReviewRefusal>({ code: 'validation_failed', message });
  const route = input.route ?? null;
  if (input.kind === 'reconsideration' && route !== null) return invalid('行政复议案件不区分起诉方式');
  if (input.kind === 'litigation' && route === null) {
    return invalid('请选择行政诉讼的起诉方式：未经复议直接起诉或复议后起诉');
  }
  const reconsideration = input.reconsiderationCase ?? null;
  if (route === 'after_reconsideration' && reconsideration) {
    if (reconsideration.kind !== 'reconsideration' || reconsideration.requestId !== input.request.id) {
      return invalid('复议后起诉关联的应为同一申请的行政复议案件');
    }
    if (!reconsideration.decidedOn || reconsideration.decidedOn > input.receivedOn) {
      return refuse({ code: 'invalid_state', message: '关联的行政复议尚未作出决定，不能登记为复议后起诉' });
    }
  }
  if (route !== 'after_reconsideration' && reconsideration)
    return invalid('只有复议后起诉才关联行政复议案件');
  if (!isLocalDate(input.receivedOn) || input.receivedOn > ctx.today) {
    return invalid('收到日期无效或晚于今天');
  }
  const subject = input.subject ?? 'reply';
  if (subject === 'reply') {
    if (!input.request.closedOn) {
      return refuse({
        code: 'invalid_state',
        message: '申请尚未办结；针对逾期未答复提起的，请选择“未按期答复”',
      });
    }
    if (input.receivedOn < input.request.closedOn) return invalid('复议、诉讼的收到日期不能早于答复日期');
  }
  const body = input.body.trim();
  if (!body) return invalid(input.kind === 'reconsideration' ? '请填写复议机关' : '请填写受理法院');
  return ok({
    id: input.id,
    requestId: input.request.id,
    kind: input.kind,
    route,
    reconsiderationCaseId: reconsideration?.id ?? null,
    subject,
    body,
    caseNumber: input.caseNumber?.trim() || null,
    receivedOn: input.receivedOn,
    decidedOn: null,
    result: null,
    countedInReport: input.countedInReport ?? true,
  });
}

export function decideReviewCase(
  reviewCase: ReviewCase,
  decision: { result: ReviewResult; decidedOn: LocalDate },
  ctx: ReviewContext,
): Result<ReviewCase, ReviewRefusal> {
  const denied = checkRole(ctx, '登记复议决定或裁判结果');
  if (denied) return refuse(denied);
  if (reviewCase.result !== null) {
    return refuse({
      code: 'invalid_state',
      message: `该案件已于 ${reviewCase.decidedOn} 审结，结果不能重复登记`,
    });
  }
  if (!(REVIEW_RESULTS as readonly string[]).includes(decision.result)) {
    return refuse({ code: 'validation_failed', message: `审理结果“${decision.result}”无效` });
  }
  if (
    !isLocalDate(decision.decidedOn) ||
    decision.decidedOn < reviewCase.receivedOn ||
    decision.decidedOn > ctx.today
  ) {
    return refuse({ code: 'validation_failed', message: '审结日期应不早于收到日期，且不晚于今天' });
  }
  return ok({ ...reviewCase, result: decision.result, decidedOn: decision.decidedOn });
}

/** The case's status on a given day: its result once decided, otherwise 尚未审结. */
export function reviewStatusOn(reviewCase: ReviewCase, date: LocalDate): ReviewStatus {
  return reviewCase.result !== null && reviewCase.decidedOn !== null && reviewCase.decidedOn <= date
    ? reviewCase.result
    : 'pending';
}

/** The block of section 四 the case is counted in. */
export function section4BlockOf(reviewCase: Pick<ReviewCase, 'kind' | 'route'>): Section4Block {
  if (reviewCase.kind === 'reconsideration') return 'reconsideration';
  return reviewCase.route === 'after_reconsideration'
    ? 'litigation_after_reconsideration'
    : 'litigation_direct';
}

/** A corrected handling calls for a new reply (transitions `reopen`). */
export function requiresNewReply(reviewCase: ReviewCase): boolean {
  return reviewCase.result === 'corrected';
}

export const REVIEW_KIND_LABELS: Record<ReviewKind, string> = {
  reconsideration: '行政复议',
  litigation: '行政诉讼',
};

export const LITIGATION_ROUTE_LABELS: Record<LitigationRoute, string> = {
  direct: '未经复议直接起诉',
  after_reconsideration: '复议后起诉',
};

export const REVIEW_RESULT_LABELS: Record<ReviewResult, string> = {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
};

export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
  pending: '尚未审结',
  ...REVIEW_RESULT_LABELS,
};

export const REVIEW_SUBJECT_LABELS: Record<ReviewSubject, string> = {
  reply: '答复（办理结果）',
  failure_to_reply: '未按期答复',
};
