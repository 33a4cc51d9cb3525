import { OUTCOME_CODES, type OutcomeCode } from '../annual-report/cells.ts';
import { addWorkdays, type WorkdayCalendar } from '../calendar/index.ts';
import type { ProcessingFeeMethod } from '../fees/index.ts';
import { DomainError, isDomainError } from '../shared/domain-error.ts';
import { isLocalDate, type LocalDate } from '../shared/local-date.ts';
import { ok, type Result, refuse } from '../shared/result.ts';
import { STAFF_ROLE_LABELS, type StaffRole } from '../staff/index.ts';
import {
  ANSWER_PERIOD_WORKDAYS,
  CONSULTATION_WORKDAYS,
  CORRECTION_NOTICE_WORKDAYS,
  computeDeadline,
  type DeadlineOptions,
  FEE_PAYMENT_WORKDAYS,
  MAX_EXTENSION_WORKDAYS,
} from './deadline.ts';
import type {
  Channel,
  ConsultationResult,
  ReopenCause,
  RequestEvent,
  RequestEventKind,
  RequestEventOf,
  RequestEventPayloads,
} from './events.ts';
import { fixReceiptDate, type ReceiptFacts } from './receipt-date.ts';

/**
 * The life of a disclosure request as ONE transition table. Nothing else assigns a status: the event
 * log is folded through this table (foldRequest), and applyAction checks role, state and the statutory
 * guards before it appends events.
 */

export const REQUEST_STATUSES = [
  /** Before the first event; only `receive` leaves it. */
  'not_received',
  /** Received (or corrected, or reopened); the answer clock runs. */
  'awaiting_reply',
  /** 补正告知 sent; the clock is stopped until the corrected application arrives (第三十条). */
  'awaiting_correction',
  /** Waiting for third parties (第三十二条); not counted (第三十三条第三款). */
  'third_party_consultation',
  /** Waiting for co-producing agencies (第三十四条); not counted (第三十三条第三款). */
  'agency_consultation',
  /** Fee notice served, waiting for payment (109号). */
  'awaiting_fee_payment',
  /** Closed by a reply with one outcome. */
  'replied',
  /** Closed because the applicant withdrew. */
  'withdrawn',
  /** Closed because the applicant let the correction or the payment period lapse (视为放弃申请). */
  'lapsed',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const CLOSED_STATUSES: readonly RequestStatus[] = ['replied', 'withdrawn', 'lapsed'];

export const REQUEST_ACTION_TYPES = [
  'receive',
  'request_correction',
  'receive_correction',
  'correction_lapse',
  'start_third_party_consultation',
  'end_third_party_consultation',
  'start_agency_consultation',
  'end_agency_consultation',
  'request_extension',
  'approve_extension',
  'refuse_extension',
  'issue_fee_notice',
  'record_fee_payment',
  'fee_lapse',
  'reply',
  'withdraw',
  'reopen',
] as const;
export type RequestActionType = (typeof REQUEST_ACTION_TYPES)[number];

export type TransitionTable = {
  readonly [S in RequestStatus]: Partial<Record<RequestActionType, RequestStatus>>;
};

/** Extension decisions keep the state: the clock runs on while the head of the office decides. */
const EXTENSION_STEPS = <S extends RequestStatus>(state: S) =>
  ({ request_extension: state, approve_extension: state, refuse_extension: state }) as const;

export const TRANSITIONS: TransitionTable = {
  not_received: { receive: 'awaiting_reply' },
  awaiting_reply: {
    request_correction: 'awaiting_correction',
    start_third_party_consultation: 'third_party_consultation',
    start_agency_consultation: 'agency_consultation',
    ...EXTENSION_STEPS('awaiting_reply'),
    issue_fee_notice: 'awaiting_fee_payment',
    reply: 'replied',
    withdraw: 'withdrawn',
  },
  awaiting_correction: {
    receive_correction: 'awaiting_reply',
    correction_lapse: 'lapsed',
    withdraw: 'withdrawn',
  },
  third_party_consultation: {
    end_third_party_consultation: 'awaiting_reply',
    ...EXTENSION_STEPS('third_party_consultation'),
    withdraw: 'withdrawn',
  },
  agency_consultation: {
    end_agency_consultation: 'awaiting_reply',
    ...EXTENSION_STEPS('agency_consultation'),
    withdraw: 'withdrawn',
  },
  awaiting_fee_payment: {
    record_fee_payment: 'awaiting_reply',
    fee_lapse: 'lapsed',
    ...EXTENSION_STEPS('awaiting_fee_payment'),
    withdraw: 'withdrawn',
  },
  replied: { reopen: 'awaiting_reply' },
  lapsed: { reopen: 'awaiting_reply' },
  withdrawn: {},
};

const HANDLERS: readonly StaffRole[] = ['clerk', 'reviewer'];
const HEAD_OF_OFFICE: readonly StaffRole[] = ['reviewer'];

/**
 * Who may do what. Handling is for 承办人 and 审核人; decisions the statute reserves for the head of
 * the disclosure office (extensions, 第三十三条第二款) and the reopening after a review are for 审核人.
 * 政务公开主管部门 (supervisor) only reads cases; 单位管理员 and 系统管理员 administer accounts and
 * settings and do not handle cases (a person who does both holds both roles).
 */
export const ACTION_RULES: Record<
  RequestActionType,
  { roles: readonly StaffRole[]; event: RequestEventKind }
> = {
  receive: { roles: HANDLERS, event: 'received' },
  request_correction: { roles: HANDLERS, event: 'correction_requested' },
  receive_correction: { roles: HANDLERS, event: 'correction_received' },
  correction_lapse: { roles: HANDLERS, event: 'correction_lapsed' },
  start_third_party_consultation: { roles: HANDLERS, event: 'third_party_consultation_started' },
  end_third_party_consultation: { roles: HANDLERS, event: 'third_party_consultation_ended' },
  start_agency_consultation: { roles: HANDLERS, event: 'agency_consultation_started' },
  end_agency_consultation: { roles: HANDLERS, event: 'agency_consultation_ended' },
  request_extension: { roles: HANDLERS, event: 'extension_requested' },
  approve_extension: { roles: HEAD_OF_OFFICE, event: 'extension_granted' },
  refuse_extension: { roles: HEAD_OF_OFFICE, event: 'extension_refused' },
  issue_fee_notice: { roles: HANDLERS, event: 'fee_notice_issued' },
  record_fee_payment: { roles: HANDLERS, event: 'fee_paid' },
  fee_lapse: { roles: HANDLERS, event: 'fee_lapsed' },
  reply: { roles: HANDLERS, event: 'replied' },
  withdraw: { roles: HANDLERS, event: 'withdrawn' },
  reopen: { roles: HEAD_OF_OFFICE, event: 'reopened' },
};

export const ACTION_OF_EVENT = Object.fromEntries(
  REQUEST_ACTION_TYPES.map((action) => [ACTION_RULES[action].event, action]),
) as Record<RequestEventKind, RequestActionType>;

// ── Actions ─────────────────────────────────────────────────────────────────────────────────────────

/** `on`: the day the step took effect (default: today); never in the future, never before the last event. */
interface Dated {
  on?: LocalDate;
}

/** The review case that corrected the reply, as much of it as the reopening needs. */
export interface CorrectingReviewCase {
  id: string;
  kind: ReopenCause;
  result: string | null;
  decidedOn: LocalDate | null;
}

export type RequestAction =
  | ({ type: 'receive' } & ReceiptFacts)
  | ({ type: 'request_correction'; items: string[]; correctBy: LocalDate } & Dated)
  | ({ type: 'receive_correction'; lateReason?: string | null } & Dated)
  | ({ type: 'correction_lapse' } & Dated)
  | ({ type: 'start_third_party_consultation'; parties: string[]; deliveredOn?: LocalDate | null } & Dated)
  | ({ type: 'end_third_party_consultation'; result: ConsultationResult } & Dated)
  | ({ type: 'start_agency_consultation'; agencies: string[]; deliveredOn?: LocalDate | null } & Dated)
  | ({ type: 'end_agency_consultation'; result: ConsultationResult } & Dated)
  | ({ type: 'request_extension'; workdays: number; reason: string } & Dated)
  | ({ type: 'approve_extension'; workdays?: number } & Dated)
  | ({ type: 'refuse_extension'; reason: string } & Dated)
  | ({ type: 'issue_fee_notice'; amountYuan: number; method: ProcessingFeeMethod } & Dated)
  | ({ type: 'record_fee_payment'; amountYuan: number } & Dated)
  | ({ type: 'fee_lapse' } & Dated)
  | ({ type: 'reply'; outcome: OutcomeCode } & Dated)
  | ({ type: 'withdraw'; reason?: string | null } & Dated)
  | ({ type: 'reopen'; reviewCase: CorrectingReviewCase; replyWithinWorkdays?: number } & Dated);

export interface ActionContext {
  roles: readonly StaffRole[];
  actorId: string | null;
  /** Today in China; the calendar and the day are arguments, never read from the system. */
  today: LocalDate;
  calendar: WorkdayCalendar;
  deadlineOptions?: DeadlineOptions;
}

export type RequestRefusalCode =
  | 'forbidden'
  | 'invalid_state'
  | 'validation_failed'
  | 'calendar_year_missing';

export interface RequestRefusal {
  code: RequestRefusalCode;
  message: string;
  details?: Record<string, unknown>;
}

// ── State ───────────────────────────────────────────────────────────────────────────────────────────

export const EXTENSION_STATUSES = ['none', 'requested', 'granted', 'refused'] as const;
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];

export type ClosingKind = 'replied' | 'withdrawn' | 'correction_lapsed' | 'fee_lapsed';

export interface RequestState {
  status: RequestStatus;
  /** The whole log this state was folded from. */
  events: readonly RequestEvent[];
  receivedOn: LocalDate | null;
  channel: Channel | null;
  lastEventOn: LocalDate | null;
  /** The one correction notice of the request (第三十条). */
  correction: {
    requestedOn: LocalDate;
    correctBy: LocalDate;
    items: string[];
    receivedOn: LocalDate | null;
  } | null;
  consultation: {
    kind: 'third_party' | 'agency';
    startedOn: LocalDate;
    windowFrom: LocalDate;
    parties: string[];
  } | null;
  /** The extension of the current clock (one per clock, 第三十三条第二款). */
  extension: {
    status: ExtensionStatus;
    requestedWorkdays: number | null;
    grantedWorkdays: number | null;
    requestedOn: LocalDate | null;
    decidedOn: LocalDate | null;
  };
  /** The fee notice of the current clock. */
  fee: {
    noticeOn: LocalDate;
    amountYuan: number;
    method: ProcessingFeeMethod;
    payBy: LocalDate;
    paidOn: LocalDate | null;
  } | null;
  /** Outcome of the current closure, as counted in the report (withdrawal → other.other). */
  outcome: OutcomeCode | null;
  closedOn: LocalDate | null;
  closingKind: ClosingKind | null;
  /** The first closure: what the annual report counts, whatever happens after a reopening. */
  firstClosure: { on: LocalDate; outcome: OutcomeCode; kind: ClosingKind } | null;
  reopenCount: number;
}

const NO_EXTENSION: RequestState['extension'] = {
  status: 'none',
  requestedWorkdays: null,
  grantedWorkdays: null,
  requestedOn: null,
  decidedOn: null,
};

export const INITIAL_REQUEST_STATE: RequestState = {
  status: 'not_received',
  events: [],
  receivedOn: null,
  channel: null,
  lastEventOn: null,
  correction: null,
  consultation: null,
  extension: NO_EXTENSION,
  fee: null,
  outcome: null,
  closedOn: null,
  closingKind: null,
  firstClosure: null,
  reopenCount: 0,
};

/** 撤回 is counted under （六）其他处理—3.其他: it ends the handling without any of the other outcomes. */
export const WITHDRAWN_OUTCOME: OutcomeCode = 'other.other';

function closeWith(
  state: RequestState,
  on: LocalDate,
  outcome: OutcomeCode,
  kind: ClosingKind,
): RequestState {
  return {
    ...state,
    consultation: null,
    outcome,
    closedOn: on,
    closingKind: kind,
    firstClosure: state.firstClosure ?? { on, outcome, kind },
  };
}

/** Applies one event to a state; throws on an event the table does not allow (a corrupt log). */
export function evolveRequest(state: RequestState, event: RequestEvent): RequestState {
  const action = ACTION_OF_EVENT[event.kind];
  const next = TRANSITIONS[state.status][action];
  if (next === undefined) {
    throw new DomainError(
      'invalid_state',
      `事件记录有误：状态“${REQUEST_STATUS_LABELS[state.status]}”下不能出现“${action}”（${event.on}）`,
      { status: state.status, event: event.kind, on: event.on },
    );
  }
  const base: RequestState = {
    ...state,
    status: next,
    events: [...state.events, event],
    lastEventOn: event.on,
  };
  switch (event.kind) {
    case 'received':
      return { ...base, receivedOn: event.on, channel: event.payload.channel };
    case 'correction_requested':
      return {
        ...base,
        correction: {
          requestedOn: event.on,
          correctBy: event.payload.correctBy,
          items: event.payload.items,
          receivedOn: null,
        },
      };
    case 'correction_received':
      return {
        ...base,
        correction: state.correction && { ...state.correction, receivedOn: event.on },
        extension: NO_EXTENSION,
        fee: null,
      };
    case 'correction_lapsed':
      return closeWith(base, event.on, 'other.correction_lapsed', 'correction_lapsed');
    case 'third_party_consultation_started':
    case 'agency_consultation_started':
      return {
        ...base,
        consultation: {
          kind: event.kind === 'third_party_consultation_started' ? 'third_party' : 'agency',
          startedOn: event.on,
          windowFrom: event.payload.deliveredOn ?? event.on,
          parties: 'parties' in event.payload ? event.payload.parties : event.payload.agencies,
        },
      };
    case 'third_party_consultation_ended':
    case 'agency_consultation_ended':
      return { ...base, consultation: null };
    case 'extension_requested':
      return {
        ...base,
        extension: {
          ...NO_EXTENSION,
          status: 'requested',
          requestedWorkdays: event.payload.workdays,
          requestedOn: event.on,
        },
      };
    case 'extension_granted':
      return {
        ...base,
        extension: {
          ...state.extension,
          status: 'granted',
          grantedWorkdays: event.payload.workdays,
          decidedOn: event.on,
        },
      };
    case 'extension_refused':
      return { ...base, extension: { ...state.extension, status: 'refused', decidedOn: event.on } };
    case 'fee_notice_issued':
      return {
        ...base,
        fee: {
          noticeOn: event.on,
          amountYuan: event.payload.amountYuan,
          method: event.payload.method,
          payBy: event.payload.payBy,
          paidOn: null,
        },
      };
    case 'fee_paid':
      return { ...base, fee: state.fee && { ...state.fee, paidOn: event.on } };
    case 'fee_lapsed':
      return closeWith(base, event.on, 'other.fee_lapsed', 'fee_lapsed');
    case 'replied':
      return closeWith(base, event.on, event.payload.outcome, 'replied');
    case 'withdrawn':
      return closeWith(base, event.on, WITHDRAWN_OUTCOME, 'withdrawn');
    case 'reopened':
      return {
        ...base,
        outcome: null,
        closedOn: null,
        closingKind: null,
        extension: NO_EXTENSION,
        fee: null,
        reopenCount: state.reopenCount + 1,
      };
  }
}

/** Rebuilds the state from the event log, the only truth. Throws DomainError('invalid_state') on a corrupt log. */
export function foldRequest(events: readonly RequestEvent[]): RequestState {
  return events.reduce(evolveRequest, INITIAL_REQUEST_STATE);
}

export function isClosedStatus(status: RequestStatus): boolean {
  return CLOSED_STATUSES.includes(status);
}

/** The actions the table allows in a state for these roles (guards aside): what a console offers. */
export function availableActions(state: RequestState, roles: readonly StaffRole[]): RequestActionType[] {
  return REQUEST_ACTION_TYPES.filter(
    (action) =>
      TRANSITIONS[state.status][action] !== undefined &&
      ACTION_RULES[action].roles.some((r) => roles.includes(r)),
  );
}

// ── applyAction ─────────────────────────────────────────────────────────────────────────────────────

const forbidden = (message: string, details?: Record<string, unknown>) =>
  refuse<RequestRefusal>({ code: 'forbidden', message, ...(details ? { details } : {}) });
const invalidState = (message: string, details?: Record<string, unknown>) =>
  refuse<RequestRefusal>({ code: 'invalid_state', message, ...(details ? { details } : {}) });
const invalid = (message: string) => refuse<RequestRefusal>({ code: 'validation_failed', message });

const roleList = (roles: readonly StaffRole[]) => roles.map((r) => STAFF_ROLE_LABELS[r]).join('、');
const nonBlank = (values: readonly string[]) => values.map((v) => v.trim()).filter((v) => v.length > 0);

type Decision = Result<RequestEvent, RequestRefusal>;

function eventOf<K extends RequestEventKind>(
  kind: K,
  on: LocalDate,
  ctx: ActionContext,
  payload: RequestEventPayloads[K],
): RequestEvent {
  return { kind, on, actorId: ctx.actorId, payload } as RequestEventOf<K> as RequestEvent;
}

/**
 * Checks the role, the state and the statutory guards, and returns the new state with the events to
 * append. Refusals carry a Chinese message and the code 'forbidden', 'invalid_state',
 * 'validation_failed' or 'calendar_year_missing'.
 */
export function applyAction(
  state: RequestState,
  action: RequestAction,
  ctx: ActionContext,
): Result<{ state: RequestState; events: RequestEvent[] }, RequestRefusal> {
  const label = REQUEST_ACTION_LABELS[action.type];
  if (ctx.roles.includes('supervisor') && !ctx.roles.some((r) => r === 'clerk' || r === 'reviewer')) {
    return forbidden(`政务公开主管部门只能查阅申请办理情况，不能${label}`, { action: action.type });
  }
  const allowed = ACTION_RULES[action.type].roles;
  if (!allowed.some((role) => ctx.roles.includes(role))) {
    return forbidden(
      `${ctx.roles.length ? `“${roleList(ctx.roles)}”` : '当前用户'}无权${label}；此操作限${roleList(allowed)}办理`,
      { action: action.type, allowedRoles: allowed },
    );
  }
  const next = TRANSITIONS[state.status][action.type];
  if (next === undefined) {
    return invalidState(`申请当前处于“${REQUEST_STATUS_LABELS[state.status]}”状态，不能${label}`, {
      action: action.type,
      status: state.status,
    });
  }
  let decision: Decision;
  try {
    decision = decide(state, action, ctx);
  } catch (error) {
    if (isDomainError(error) && error.code === 'calendar_year_missing') {
      return refuse({ code: 'calendar_year_missing', message: error.message, details: error.details ?? {} });
    }
    throw error;
  }
  if (!decision.ok) return decision;
  const event = decision.value;
  return ok({ state: evolveRequest(state, event), events: [event] });
}

function effectiveDate(
  state: RequestState,
  action: RequestAction,
  ctx: ActionContext,
): Result<LocalDate, RequestRefusal> {
  const on = ('on' in action && action.on) || ctx.today;
  if (!isLocalDate(on)) return invalid(`日期“${on}”无效，应为 YYYY-MM-DD`);
  if (on > ctx.today) return invalid(`办理日期 ${on} 晚于今天（${ctx.today}），不能预先登记`);
  if (state.lastEventOn && on < state.lastEventOn) {
    return invalid(`办理日期 ${on} 早于上一办理环节的日期 ${state.lastEventOn}；办理记录只能按时间顺序追加`);
  }
  return ok(on);
}

function decide(state: RequestState, action: RequestAction, ctx: ActionContext): Decision {
  if (action.type === 'receive') {
    const receipt = fixReceiptDate(action);
    if (!receipt.ok) return refuse(receipt.error);
    const on = receipt.value.receivedOn;
    if (on > ctx.today) return invalid(`收到申请日 ${on} 晚于今天（${ctx.today}）`);
    return ok(eventOf('received', on, ctx, { channel: action.channel, basis: receipt.value.basis }));
  }
  const dated = effectiveDate(state, action, ctx);
  if (!dated.ok) return dated;
  const on = dated.value;
  const deadline = () => computeDeadline(state.events, ctx.calendar, on, ctx.deadlineOptions);

  switch (action.type) {
    case 'request_correction': {
      // 第三十条: 一次性告知, within 7 workdays of receipt.
      if (state.correction) {
        return invalidState(
          `补正告知已于 ${state.correction.requestedOn} 作出；补正应当一次性告知（第三十条）`,
        );
      }
      const receivedOn = state.receivedOn!;
      const limit = addWorkdays(ctx.calendar, receivedOn, CORRECTION_NOTICE_WORKDAYS);
      if (on > limit) {
        return invalidState(
          `补正告知应当自收到申请之日起${CORRECTION_NOTICE_WORKDAYS}个工作日内作出（第三十条），本申请最迟应于 ${limit} 告知，现已超过`,
          { limit },
        );
      }
      const items = nonBlank(action.items);
      if (items.length === 0) return invalid('请列明需要补正的事项（第三十条）');
      if (!isLocalDate(action.correctBy) || action.correctBy <= on) {
        return invalid('请给出晚于告知日的合理补正期限（第三十条）');
      }
      return ok(eventOf('correction_requested', on, ctx, { items, correctBy: action.correctBy }));
    }
    case 'receive_correction': {
      const correction = state.correction!;
      const lateReason = action.lateReason?.trim() || null;
      if (on > correction.correctBy && !lateReason) {
        return invalidState(
          `补正期限（${correction.correctBy}）已过；申请人有正当理由的，请填写逾期理由，否则应作逾期未补正处理（第三十条）`,
        );
      }
      return ok(eventOf('correction_received', on, ctx, { lateReason }));
    }
    case 'correction_lapse': {
      const correction = state.correction!;
      if (on <= correction.correctBy) {
        return invalidState(`补正期限（${correction.correctBy}）尚未届满，不能视为放弃申请`);
      }
      return ok(eventOf('correction_lapsed', on, ctx, {}));
    }
    case 'start_third_party_consultation':
    case 'start_agency_consultation': {
      const parties = nonBlank('parties' in action ? action.parties : action.agencies);
      if (parties.length === 0) {
        return invalid(
          action.type === 'start_third_party_consultation'
            ? '请填写被征求意见的第三方'
            : '请填写被征求意见的机关',
        );
      }
      const deliveredOn = action.deliveredOn ?? null;
      if (
        deliveredOn !== null &&
        (!isLocalDate(deliveredOn) || deliveredOn < on || deliveredOn > ctx.today)
      ) {
        return invalid('征求意见书送达日期应不早于发出日期，且不晚于今天');
      }
      return action.type === 'start_third_party_consultation'
        ? ok(eventOf('third_party_consultation_started', on, ctx, { parties, deliveredOn }))
        : ok(eventOf('agency_consultation_started', on, ctx, { agencies: parties, deliveredOn }));
    }
    case 'end_third_party_consultation':
    case 'end_agency_consultation': {
      const consultation = state.consultation!;
      if (action.result === 'no_reply') {
        // 第三十二条、第三十四条: silence is only silence once the 15 workdays are over.
        const latest = addWorkdays(ctx.calendar, consultation.windowFrom, CONSULTATION_WORKDAYS);
        if (on <= latest) {
          return invalidState(
            `被征求意见方提出意见的${CONSULTATION_WORKDAYS}个工作日至 ${latest} 届满，届满前不能按逾期未提出意见处理`,
            { latest },
          );
        }
      }
      return action.type === 'end_third_party_consultation'
        ? ok(eventOf('third_party_consultation_ended', on, ctx, { result: action.result }))
        : ok(eventOf('agency_consultation_ended', on, ctx, { result: action.result }));
    }
    case 'request_extension': {
      if (state.extension.status === 'granted') {
        return invalidState('延长答复期限只能一次（第三十三条第二款），本申请已经延期');
      }
      if (state.extension.status === 'requested') return invalidState('已有待审批的延期申请');
      if (
        !Number.isInteger(action.workdays) ||
        action.workdays < 1 ||
        action.workdays > MAX_EXTENSION_WORKDAYS
      ) {
        return invalid(`延长的期限应为 1 至 ${MAX_EXTENSION_WORKDAYS} 个工作日（第三十三条第二款）`);
      }
      const reason = action.reason.trim();
      if (!reason) return invalid('请说明需要延长答复期限的理由');
      const status = deadline();
      if (status.overdue) {
        return invalidState(`答复期限已于 ${status.dueOn} 届满，不能再延长（第三十三条第二款）`, {
          dueOn: status.dueOn,
        });
      }
      return ok(eventOf('extension_requested', on, ctx, { workdays: action.workdays, reason }));
    }
    case 'approve_extension': {
      if (state.extension.status !== 'requested') return invalidState('没有待审批的延期申请');
      const requested = state.extension.requestedWorkdays!;
      const workdays = action.workdays ?? requested;
      if (!Number.isInteger(workdays) || workdays < 1 || workdays > requested) {
        return invalid(`同意延长的期限应为 1 至 ${requested} 个工作日（不超过申请延长的期限）`);
      }
      const status = deadline();
      if (status.overdue) {
        return invalidState(
          `答复期限已于 ${status.dueOn} 届满，延期须在期限届满前决定并告知申请人（第三十三条第二款）`,
          {
            dueOn: status.dueOn,
          },
        );
      }
      return ok(eventOf('extension_granted', on, ctx, { workdays }));
    }
    case 'refuse_extension': {
      if (state.extension.status !== 'requested') return invalidState('没有待审批的延期申请');
      const reason = action.reason.trim();
      if (!reason) return invalid('请说明不同意延期的理由');
      return ok(eventOf('extension_refused', on, ctx, { reason }));
    }
    case 'issue_fee_notice': {
      if (state.fee) return invalidState(`收费通知已于 ${state.fee.noticeOn} 送达，不能重复收费`);
      if (!Number.isFinite(action.amountYuan) || action.amountYuan <= 0) {
        return invalid('收费金额应大于 0 元；不收费的无需送达收费通知');
      }
      const status = deadline();
      if (status.overdue) {
        return invalidState(`收费通知应当在答复期限内送达，本申请答复期限已于 ${status.dueOn} 届满`);
      }
      const payBy = addWorkdays(ctx.calendar, on, FEE_PAYMENT_WORKDAYS);
      return ok(
        eventOf('fee_notice_issued', on, ctx, {
          amountYuan: action.amountYuan,
          method: action.method,
          payBy,
        }),
      );
    }
    case 'record_fee_payment': {
      const fee = state.fee!;
      if (action.amountYuan !== fee.amountYuan)
        return invalid(`缴费金额应为收费通知载明的 ${fee.amountYuan} 元`);
      if (on > fee.payBy) {
        return invalidState(`缴费期限已于 ${fee.payBy} 届满，逾期未缴费的视为放弃申请`);
      }
      return ok(eventOf('fee_paid', on, ctx, { amountYuan: action.amountYuan }));
    }
    case 'fee_lapse': {
      const fee = state.fee!;
      if (on <= fee.payBy) return invalidState(`缴费期限（${fee.payBy}）尚未届满，不能视为放弃申请`);
      return ok(eventOf('fee_lapsed', on, ctx, {}));
    }
    case 'reply': {
      if (!(OUTCOME_CODES as readonly string[]).includes(action.outcome)) {
        return invalid(`办理结果“${action.outcome}”无效`);
      }
      if (action.outcome === 'other.correction_lapsed' || action.outcome === 'other.fee_lapsed') {
        return invalid('逾期未补正、逾期未缴费的，请通过相应的“视为放弃申请”操作办结，不作答复');
      }
      if (action.outcome === 'unavailable.still_unclear' && !state.correction?.receivedOn) {
        return invalidState('只有申请人补正后申请内容仍不明确的，才能以此办理结果答复（第三十条）');
      }
      return ok(eventOf('replied', on, ctx, { outcome: action.outcome }));
    }
    case 'withdraw':
      return ok(eventOf('withdrawn', on, ctx, { reason: action.reason?.trim() || null }));
    case 'reopen': {
      const review = action.reviewCase;
      if (review.result !== 'corrected') {
        return invalidState('只有行政复议或行政诉讼结果为纠正的，才需要重新答复');
      }
      if (!review.decidedOn || review.decidedOn > on) {
        return invalid('重新答复的起算日不能早于复议决定或裁判作出之日');
      }
      const within = action.replyWithinWorkdays ?? ANSWER_PERIOD_WORKDAYS;
      if (!Number.isInteger(within) || within < 1 || within > 60) {
        return invalid('重新答复的期限应为 1 至 60 个工作日');
      }
      return ok(
        eventOf('reopened', on, ctx, {
          cause: review.kind,
          reviewCaseId: review.id,
          replyWithinWorkdays: within,
        }),
      );
    }
  }
}

// ── Labels ──────────────────────────────────────────────────────────────────────────────────────────

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  not_received: '未收到',
  awaiting_reply: '办理中',
  awaiting_correction: '待补正',
  third_party_consultation: '征求第三方意见中',
  agency_consultation: '征求其他机关意见中',
  awaiting_fee_payment: '待缴费',
  replied: '已答复',
  withdrawn: '已撤回',
  lapsed: '视为放弃（已终止）',
};

export const REQUEST_ACTION_LABELS: Record<RequestActionType, string> = {
  receive: '登记收到申请',
  request_correction: '告知补正',
  receive_correction: '登记收到补正申请',
  correction_lapse: '作逾期未补正处理',
  start_third_party_consultation: '征求第三方意见',
  end_third_party_consultation: '登记第三方意见',
  start_agency_consultation: '征求其他机关意见',
  end_agency_consultation: '登记其他机关意见',
  request_extension: '申请延期答复',
  approve_extension: '同意延期答复',
  refuse_extension: '不同意延期答复',
  issue_fee_notice: '送达收费通知',
  record_fee_payment: '登记缴费',
  fee_lapse: '作逾期未缴费处理',
  reply: '作出答复',
  withdraw: '登记撤回申请',
  reopen: '重新答复',
};

export const EXTENSION_STATUS_LABELS: Record<ExtensionStatus, string> = {
  none: '未延期',
  requested: '延期待审批',
  granted: '已延期',
  refused: '不同意延期',
};

export const CLOSING_KIND_LABELS: Record<ClosingKind, string> = {
  replied: '答复',
  withdrawn: '申请人撤回',
  correction_lapsed: '逾期未补正',
  fee_lapsed: '逾期未缴费',
};
