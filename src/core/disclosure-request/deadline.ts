import { addWorkdays, firstDayOfPeriod, isWorkday, type WorkdayCalendar } from '../calendar/index.ts';
import { isDomainError } from '../shared/domain-error.ts';
import { addDays, type LocalDate } from '../shared/local-date.ts';
import type { Channel, ReceiptBasis, RequestEvent } from './events.ts';

/**
 * The answer clock of a disclosure request, as a pure fold over its events and the workday calendar.
 * Overdue and days-left are derived here and never stored (a stored due date is only a cache).
 *
 * Counting conventions, one rule everywhere (民法典第二百零一条, see firstDayOfPeriod):
 * - A period that starts on an event day D consists of the days after D: day 1 is the first workday
 *   after D, whatever kind of day D is. The clock started by receipt on D therefore ends on
 *   addWorkdays(D, 20) (条例第三十三条第二款).
 * - An excluded period (consultation, fee wait) that starts on S and ends on E removes the days in
 *   (S, E]: S itself still counts when it is a workday (the agency worked on the request that day and
 *   the consulted party's own 15 workdays only start the next day, 第三十二条), E does not count (the
 *   answer or payment arrived that day), counting resumes on the first workday after E. An exclusion
 *   started and ended on the same day removes nothing.
 * - An excluded period is never longer than the statutory period of whoever it waits for: 15 workdays
 *   from the day the consulted party received the letter (第三十二条、第三十四条; the sending day when the
 *   delivery day is not recorded), 20 workdays from the day the fee notice was served (109号 as
 *   implemented locally). Past that limit the clock runs again even if no end has been recorded, so a
 *   forgotten consultation can not hide an overdue request (option `capPauses`, default on).
 * - A correction notice stops the clock altogether; when the corrected application arrives on C the
 *   period starts afresh with day 1 the first workday after C (第三十条); earlier counted days and
 *   exclusions are discarded.
 * - One extension of at most 20 workdays (第三十三条第二款) lengthens the period of the clock it was
 *   granted on; excluded periods are skipped the same way before and after the original due date.
 * - A reopened request (a reconsideration or court decision corrected the reply) gets a new clock
 *   that starts on the day of reopening, for the number of workdays the decision allows (default 20).
 * - While paused, `dueOn` is provisional: the day the period would end if the pause ended today.
 * - Everything is computed as of `today`: events dated after it are ignored, so the same log answers
 *   "what did the clock show on day X" for any past X.
 */

/** 条例第三十三条第二款: 20 workdays from receipt. */
export const ANSWER_PERIOD_WORKDAYS = 20;
/** 条例第三十三条第二款: the extension is at most 20 workdays. */
export const MAX_EXTENSION_WORKDAYS = 20;
/** 条例第三十条: the correction notice goes out within 7 workdays of receipt. */
export const CORRECTION_NOTICE_WORKDAYS = 7;
/** 条例第三十二条 (third parties) and 第三十四条 (other agencies): 15 workdays to answer. */
export const CONSULTATION_WORKDAYS = 15;
/** 国办函〔2020〕109号 as implemented (四川): pay within 20 workdays from the day after the notice is served. */
export const FEE_PAYMENT_WORKDAYS = 20;

export const PAUSE_REASONS = ['third_party_consultation', 'agency_consultation', 'fee_payment'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

export const CLOCK_START_REASONS = ['received', 'correction_received', 'reopened'] as const;
export type ClockStartReason = (typeof CLOCK_START_REASONS)[number];

export const CLOCK_PHASES = [
  'not_received',
  'running',
  'paused',
  'stopped_for_correction',
  'closed',
] as const;
export type ClockPhase = (typeof CLOCK_PHASES)[number];

export interface DeadlineOptions {
  /**
   * Whether the answer period runs while a fee notice is unpaid. 109号 does not say (regulations.md §3,
   * [U]); the default treats the wait like a consultation: not counted.
   */
  feeWait?: 'paused' | 'counted';
  /** Stop excluding a pause at its statutory limit even when no end was recorded (default true). */
  capPauses?: boolean;
}

export const DEFAULT_DEADLINE_OPTIONS: Required<DeadlineOptions> = { feeWait: 'paused', capPauses: true };

interface Pause {
  reason: PauseReason;
  startedOn: LocalDate;
  /** Start of the waited-for party's own period (delivery of the letter or notice). */
  windowFrom: LocalDate;
  endedOn: LocalDate | null;
  limitWorkdays: number;
}

/** One run of the clock: from a start (receipt, corrected application, reopening) to its stop. */
export interface ClockRun {
  startedOn: LocalDate;
  reason: ClockStartReason;
  periodWorkdays: number;
  extensionWorkdays: number;
  extensionGrantedOn: LocalDate | null;
  pauses: Pause[];
  stoppedOn: LocalDate | null;
  stopReason: 'correction_requested' | 'closed' | null;
}

export interface ClockHistory {
  receivedOn: LocalDate | null;
  channel: Channel | null;
  receiptBasis: ReceiptBasis | null;
  runs: ClockRun[];
  correction: { requestedOn: LocalDate; correctBy: LocalDate; receivedOn: LocalDate | null } | null;
  awaitingCorrection: boolean;
  feePayBy: LocalDate | null;
  closed: { on: LocalDate; kind: 'replied' | 'withdrawn' | 'correction_lapsed' | 'fee_lapsed' } | null;
}

/** Reads the clock facts out of the event log (in log order). */
export function readClockHistory(
  events: readonly RequestEvent[],
  options: DeadlineOptions = {},
): ClockHistory {
  const feeWait = options.feeWait ?? DEFAULT_DEADLINE_OPTIONS.feeWait;
  const history: ClockHistory = {
    receivedOn: null,
    channel: null,
    receiptBasis: null,
    runs: [],
    correction: null,
    awaitingCorrection: false,
    feePayBy: null,
    closed: null,
  };
  const current = (): ClockRun | undefined => history.runs.at(-1);
  const start = (on: LocalDate, reason: ClockStartReason, periodWorkdays: number) => {
    history.runs.push({
      startedOn: on,
      reason,
      periodWorkdays,
      extensionWorkdays: 0,
      extensionGrantedOn: null,
      pauses: [],
      stoppedOn: null,
      stopReason: null,
    });
  };
  const openPause = (): Pause | undefined => current()?.pauses.find((p) => p.endedOn === null);
  const endPause = (on: LocalDate, reason?: PauseReason) => {
    const pause = openPause();
    if (pause && (reason === undefined || pause.reason === reason)) pause.endedOn = on;
  };
  const stop = (on: LocalDate, reason: NonNullable<ClockRun['stopReason']>) => {
    const run = current();
    if (run && run.stoppedOn === null) {
      run.stoppedOn = on;
      run.stopReason = reason;
    }
  };
  const close = (on: LocalDate, kind: NonNullable<ClockHistory['closed']>['kind']) => {
    endPause(on);
    stop(on, 'closed');
    history.closed = { on, kind };
    history.awaitingCorrection = false;
  };

  for (const event of events) {
    switch (event.kind) {
      case 'received':
        history.receivedOn = event.on;
        history.channel = event.payload.channel;
        history.receiptBasis = event.payload.basis;
        start(event.on, 'received', ANSWER_PERIOD_WORKDAYS);
        break;
      case 'correction_requested':
        history.correction = { requestedOn: event.on, correctBy: event.payload.correctBy, receivedOn: null };
        history.awaitingCorrection = true;
        endPause(event.on);
        stop(event.on, 'correction_requested');
        break;
      case 'correction_received':
        if (history.correction) history.correction.receivedOn = event.on;
        history.awaitingCorrection = false;
        // 第三十条: 答复期限自行政机关收到补正的申请之日起计算.
        start(event.on, 'correction_received', ANSWER_PERIOD_WORKDAYS);
        break;
      case 'correction_lapsed':
        close(event.on, 'correction_lapsed');
        break;
      case 'third_party_consultation_started':
      case 'agency_consultation_started':
        current()?.pauses.push({
          reason:
            event.kind === 'third_party_consultation_started'
              ? 'third_party_consultation'
              : 'agency_consultation',
          startedOn: event.on,
          windowFrom: event.payload.deliveredOn ?? event.on,
          endedOn: null,
          limitWorkdays: CONSULTATION_WORKDAYS,
        });
        break;
      case 'third_party_consultation_ended':
        endPause(event.on, 'third_party_consultation');
        break;
      case 'agency_consultation_ended':
        endPause(event.on, 'agency_consultation');
        break;
      case 'extension_granted':
        {
          const run = current();
          if (run) {
            run.extensionWorkdays = event.payload.workdays;
            run.extensionGrantedOn = event.on;
          }
        }
        break;
      case 'fee_notice_issued':
        history.feePayBy = event.payload.payBy;
        if (feeWait === 'paused') {
          current()?.pauses.push({
            reason: 'fee_payment',
            startedOn: event.on,
            windowFrom: event.on,
            endedOn: null,
            limitWorkdays: FEE_PAYMENT_WORKDAYS,
          });
        }
        break;
      case 'fee_paid':
        history.feePayBy = null;
        endPause(event.on, 'fee_payment');
        break;
      case 'fee_lapsed':
        close(event.on, 'fee_lapsed');
        break;
      case 'replied':
        close(event.on, 'replied');
        break;
      case 'withdrawn':
        close(event.on, 'withdrawn');
        break;
      case 'reopened':
        history.closed = null;
        history.feePayBy = null;
        start(event.on, 'reopened', event.payload.replyWithinWorkdays);
        break;
      case 'extension_requested':
      case 'extension_refused':
        break;
    }
  }
  return history;
}

/** A period not counted in the answer period: the days in (startedOn, excludedThrough]. */
export interface ExcludedPeriod {
  reason: PauseReason;
  startedOn: LocalDate;
  /** The recorded end (answer received, fee paid), or null while it has none. */
  endedOn: LocalDate | null;
  /** The last day excluded; equal to startedOn when nothing is excluded. */
  excludedThrough: LocalDate;
  /** The end of the waited-for party's statutory period. */
  latestEndOn: LocalDate;
  /** Still waiting as of the computation date. */
  active: boolean;
  /** The recorded or running wait went past latestEndOn, and only the days up to it are excluded. */
  capped: boolean;
  excludedWorkdays: number;
}

export interface DeadlineStatus {
  phase: ClockPhase;
  /** The day the figures are computed for: today, or the closing day of a closed request. */
  asOf: LocalDate;
  receivedOn: LocalDate | null;
  clockStartedOn: LocalDate | null;
  clockStartReason: ClockStartReason | null;
  periodWorkdays: number;
  extended: boolean;
  extensionWorkdays: number;
  totalWorkdays: number;
  /** Where the period ends without the extension (exclusions applied). */
  baseDueOn: LocalDate | null;
  /** The last day to reply (provisional while paused). */
  dueOn: LocalDate | null;
  /** Counted workdays from the clock start through asOf. */
  elapsedWorkdays: number | null;
  /** totalWorkdays − elapsedWorkdays; negative once overdue. */
  remainingWorkdays: number | null;
  paused: boolean;
  pauseReason: PauseReason | null;
  pausedSince: LocalDate | null;
  /** While paused: the day the pause stops being excluded at the latest. */
  pauseLatestEndOn: LocalDate | null;
  excludedPeriods: ExcludedPeriod[];
  overdue: boolean;
  overdueWorkdays: number;
  closedOn: LocalDate | null;
  /** A closed request that was closed after its due date. */
  closedLate: boolean | null;
  correctionDueOn: LocalDate | null;
  feePayBy: LocalDate | null;
  /** A year the calendar has no arrangement for was reached: the figures that need it are null. */
  missingCalendarYear: number | null;
  /** Things a handler should see, in Chinese. */
  warnings: string[];
}

/** Everything computeDeadline and explainDeadline share. */
export interface ClockTrace {
  status: DeadlineStatus;
  history: ClockHistory;
  run: ClockRun | null;
  /** Whether a day counts in the current run (a workday outside every excluded period). */
  isCounted: (day: LocalDate) => boolean;
}

function emptyStatus(asOf: LocalDate): DeadlineStatus {
  return {
    phase: 'not_received',
    asOf,
    receivedOn: null,
    clockStartedOn: null,
    clockStartReason: null,
    periodWorkdays: ANSWER_PERIOD_WORKDAYS,
    extended: false,
    extensionWorkdays: 0,
    totalWorkdays: ANSWER_PERIOD_WORKDAYS,
    baseDueOn: null,
    dueOn: null,
    elapsedWorkdays: null,
    remainingWorkdays: null,
    paused: false,
    pauseReason: null,
    pausedSince: null,
    pauseLatestEndOn: null,
    excludedPeriods: [],
    overdue: false,
    overdueWorkdays: 0,
    closedOn: null,
    closedLate: null,
    correctionDueOn: null,
    feePayBy: null,
    missingCalendarYear: null,
    warnings: [],
  };
}

const PAUSE_WARNING: Record<PauseReason, string> = {
  third_party_consultation:
    '第三方答复意见的15个工作日已届满（第三十二条），此后的时间计入答复期限；请及时登记征求意见结束',
  agency_consultation:
    '被征求意见机关的15个工作日已届满，逾期未提出意见视为同意公开（第三十四条），此后的时间计入答复期限',
  fee_payment: '缴费期限已届满，此后的时间计入答复期限；申请人未缴费的，应作逾期未缴费处理',
};

export function traceDeadline(
  events: readonly RequestEvent[],
  calendar: WorkdayCalendar,
  today: LocalDate,
  options: DeadlineOptions = {},
): ClockTrace {
  const capPauses = options.capPauses ?? DEFAULT_DEADLINE_OPTIONS.capPauses;
  // As of `today`: events dated later (only possible when looking back) have not happened yet.
  const history = readClockHistory(
    events.filter((event) => event.on <= today),
    options,
  );
  const status = emptyStatus(history.closed?.on ?? today);
  const run = history.runs.at(-1) ?? null;
  const never = () => false;
  if (!run || history.receivedOn === null) return { status, history, run, isCounted: never };

  status.receivedOn = history.receivedOn;
  status.clockStartedOn = run.startedOn;
  status.clockStartReason = run.reason;
  status.periodWorkdays = run.periodWorkdays;
  status.extensionWorkdays = run.extensionWorkdays;
  status.extended = run.extensionWorkdays > 0;
  status.totalWorkdays = run.periodWorkdays + run.extensionWorkdays;
  status.feePayBy = history.feePayBy;
  status.closedOn = history.closed?.on ?? null;
  const asOf = status.asOf;

  if (run.stopReason === 'correction_requested') {
    // The clock was stopped by the correction notice and never restarted: no period is running.
    status.clockStartedOn = null;
    status.clockStartReason = null;
    status.correctionDueOn = history.correction?.correctBy ?? null;
    if (history.closed) {
      status.phase = 'closed';
      return { status, history, run, isCounted: never };
    }
  }
  if (history.awaitingCorrection && history.correction) {
    status.phase = 'stopped_for_correction';
    status.paused = true;
    if (today > history.correction.correctBy) {
      status.warnings.push(
        `补正期限（${history.correction.correctBy}）已过；申请人无正当理由逾期不补正的，视为放弃申请（第三十条）`,
      );
    }
    return { status, history, run, isCounted: never };
  }

  try {
    const periods: ExcludedPeriod[] = run.pauses.map((pause) => {
      const latestEndOn = addWorkdays(calendar, pause.windowFrom, pause.limitWorkdays);
      const rawEnd = pause.endedOn ?? asOf;
      const capped = capPauses && rawEnd > latestEndOn;
      const through = capped ? latestEndOn : rawEnd;
      return {
        reason: pause.reason,
        startedOn: pause.startedOn,
        endedOn: pause.endedOn,
        excludedThrough: through,
        latestEndOn,
        active: pause.endedOn === null && history.closed === null && !capped,
        capped,
        excludedWorkdays: 0,
      };
    });
    const isExcluded = (day: LocalDate) => periods.some((p) => p.startedOn < day && day <= p.excludedThrough);
    const isCounted = (day: LocalDate) => isWorkday(calendar, day) && !isExcluded(day);
    for (const period of periods) {
      for (let day = addDays(period.startedOn, 1); day <= period.excludedThrough; day = addDays(day, 1)) {
        if (isWorkday(calendar, day)) period.excludedWorkdays++;
      }
    }
    status.excludedPeriods = periods;

    const walk = (budget: number): LocalDate => {
      if (budget <= 0) return run.startedOn;
      let counted = 0;
      for (let day = firstDayOfPeriod(run.startedOn); ; day = addDays(day, 1)) {
        if (isCounted(day) && ++counted === budget) return day;
      }
    };
    status.baseDueOn = walk(run.periodWorkdays);
    status.dueOn = walk(status.totalWorkdays);
    let elapsed = 0;
    for (let day = firstDayOfPeriod(run.startedOn); day <= asOf; day = addDays(day, 1)) {
      if (isCounted(day)) elapsed++;
    }
    status.elapsedWorkdays = elapsed;
    status.remainingWorkdays = status.totalWorkdays - elapsed;

    const active = periods.find((p) => p.active);
    for (const period of periods) {
      if (period.capped && period.endedOn === null && history.closed === null) {
        status.warnings.push(PAUSE_WARNING[period.reason]);
      }
    }
    if (history.closed) {
      status.phase = 'closed';
      status.closedLate = history.closed.on > status.dueOn;
    } else if (active) {
      status.phase = 'paused';
      status.paused = true;
      status.pauseReason = active.reason;
      status.pausedSince = active.startedOn;
      status.pauseLatestEndOn = active.latestEndOn;
    } else {
      status.phase = 'running';
    }
    if (!history.closed && elapsed > status.totalWorkdays) {
      status.overdue = true;
      status.overdueWorkdays = elapsed - status.totalWorkdays;
      status.warnings.push(
        `已超过答复期限（${status.dueOn}）${status.overdueWorkdays}个工作日（第三十三条）`,
      );
    }
    if (!history.closed && history.feePayBy && today > history.feePayBy) {
      status.warnings.push(`缴费期限（${history.feePayBy}）已过，申请人未缴费的视为放弃申请`);
    }
    return { status, history, run, isCounted };
  } catch (error) {
    if (!isDomainError(error) || error.code !== 'calendar_year_missing') throw error;
    const year = Number(error.details?.year);
    status.phase = history.closed ? 'closed' : 'running';
    status.missingCalendarYear = Number.isInteger(year) ? year : null;
    status.warnings.push(error.message);
    return { status, history, run, isCounted: never };
  }
}

/**
 * `{ dueOn, remainingWorkdays, paused, pauseReason, overdue, extended, baseDueOn, … }` for a request,
 * from its events, the calendar and today's date (never the system clock).
 */
export function computeDeadline(
  events: readonly RequestEvent[],
  calendar: WorkdayCalendar,
  today: LocalDate,
  options: DeadlineOptions = {},
): DeadlineStatus {
  return traceDeadline(events, calendar, today, options).status;
}

export const PAUSE_REASON_LABELS: Record<PauseReason, string> = {
  third_party_consultation: '征求第三方意见',
  agency_consultation: '征求其他机关意见',
  fee_payment: '等待缴纳信息处理费',
};

export const CLOCK_START_REASON_LABELS: Record<ClockStartReason, string> = {
  received: '收到申请',
  correction_received: '收到补正后的申请',
  reopened: '复议、诉讼结果纠正后重新答复',
};

export const CLOCK_PHASE_LABELS: Record<ClockPhase, string> = {
  not_received: '尚未收到申请',
  running: '计时中',
  paused: '暂停计时',
  stopped_for_correction: '等待补正（补正后重新计算）',
  closed: '已办结',
};
