import { classifyDay, type WorkdayCalendar } from '../calendar/index.ts';
import { isDomainError } from '../shared/domain-error.ts';
import { addDays, compareDates, type LocalDate, weekdayLabel } from '../shared/local-date.ts';
import {
  CLOCK_PHASE_LABELS,
  CLOCK_START_REASON_LABELS,
  type ClockPhase,
  type ClockRun,
  type ClockStartReason,
  DEFAULT_DEADLINE_OPTIONS,
  type DeadlineOptions,
  type ExcludedPeriod,
  PAUSE_REASON_LABELS,
  type PauseReason,
  traceDeadline,
} from './deadline.ts';
import { CHANNEL_LABELS, type Channel, type RequestEvent } from './events.ts';
import { receiptRuleText } from './receipt-date.ts';

/**
 * The 计时说明 of one request: how its answer period was counted, day by day, with the rule and the
 * article behind every step. It is built from the same trace as computeDeadline, so the explanation
 * and the figures can not disagree.
 */

export const DAY_ONE_RULE =
  '期间开始的当日不计入，自下一日开始计算（《中华人民共和国民法典》第二百零一条）；只计工作日，周末和法定节假日不计，调休上班日计入';

const START_CITATIONS: Record<ClockStartReason, string> = {
  received:
    '行政机关不能当场答复的，应当自收到申请之日起20个工作日内予以答复（《政府信息公开条例》第三十三条第二款）',
  correction_received: '答复期限自行政机关收到补正的申请之日起计算（《政府信息公开条例》第三十条）',
  reopened: '行政复议决定或者人民法院裁判纠正原答复，行政机关在其确定的期限内重新答复',
};

const EXCLUSION_CITATIONS: Record<PauseReason, string> = {
  third_party_consultation:
    '征求第三方意见所需时间不计算在答复期限内（《政府信息公开条例》第三十二条、第三十三条第三款）；第三方应当自收到征求意见书之日起15个工作日内提出意见',
  agency_consultation:
    '征求其他机关意见所需时间不计算在答复期限内（《政府信息公开条例》第三十四条、第三十三条第三款）；被征求意见机关逾期未提出意见的视为同意公开',
  fee_payment:
    '申请人自收到收费通知次日起20个工作日内缴费，等待缴费的时间按本机关设置不计入答复期限（国办函〔2020〕109号及地方实施规定）',
};

const EXTENSION_CITATION =
  '需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日（《政府信息公开条例》第三十三条第二款）';

export interface ExplainedDay {
  date: LocalDate;
  weekday: string;
}

export interface CountedDay extends ExplainedDay {
  /** 第 n 个工作日 */
  n: number;
  /** A weekend day made a workday (调休上班). */
  isMakeupWorkday: boolean;
  /** The holiday a make-up workday belongs to. */
  makeupFor: string | null;
  /** On or before the computation date. */
  passed: boolean;
  /** Counted after the due date: a day of delay. */
  beyondDue: boolean;
  /** A day of the period left unused because the request was closed before it. */
  afterClosure: boolean;
}

export interface RestDayRun {
  from: LocalDate;
  to: LocalDate;
  days: number;
  type: 'weekend' | 'holiday';
  /** The holiday's name (国庆节、中秋节…), null for an ordinary weekend. */
  name: string | null;
}

export interface ExplainedExclusion extends ExcludedPeriod {
  label: string;
  citation: string;
  /** The workdays not counted, in order. */
  excludedDays: ExplainedDay[];
}

export interface EarlierClock {
  startedOn: LocalDate;
  reason: ClockStartReason;
  stoppedOn: LocalDate | null;
  stopReason: ClockRun['stopReason'];
  note: string;
}

export interface ClockExplanation {
  today: LocalDate;
  asOf: LocalDate;
  phase: ClockPhase;
  phaseLabel: string;
  receipt: {
    receivedOn: LocalDate;
    weekday: string;
    channel: Channel;
    channelLabel: string;
    rule: string;
  } | null;
  dayOneRule: string;
  clockStart: {
    on: LocalDate;
    weekday: string;
    reason: ClockStartReason;
    label: string;
    citation: string;
  } | null;
  earlierClocks: EarlierClock[];
  periodWorkdays: number;
  extension: { workdays: number; grantedOn: LocalDate; citation: string } | null;
  totalWorkdays: number;
  countedDays: CountedDay[];
  excludedPeriods: ExplainedExclusion[];
  restDays: RestDayRun[];
  feeWait: 'paused' | 'counted';
  baseDueOn: LocalDate | null;
  dueOn: LocalDate | null;
  elapsedWorkdays: number | null;
  remainingWorkdays: number | null;
  paused: boolean;
  overdue: boolean;
  closedOn: LocalDate | null;
  closedLate: boolean | null;
  correctionDueOn: LocalDate | null;
  warnings: string[];
}

const explainedDay = (date: LocalDate): ExplainedDay => ({ date, weekday: weekdayLabel(date) });

export function explainDeadline(
  events: readonly RequestEvent[],
  calendar: WorkdayCalendar,
  today: LocalDate,
  options: DeadlineOptions = {},
): ClockExplanation {
  const { status, history, run, isCounted } = traceDeadline(events, calendar, today, options);
  const explanation: ClockExplanation = {
    today,
    asOf: status.asOf,
    phase: status.phase,
    phaseLabel: CLOCK_PHASE_LABELS[status.phase],
    receipt:
      history.receivedOn && history.channel && history.receiptBasis
        ? {
            receivedOn: history.receivedOn,
            weekday: weekdayLabel(history.receivedOn),
            channel: history.channel,
            channelLabel: CHANNEL_LABELS[history.channel],
            rule: receiptRuleText(history.channel, history.receiptBasis),
          }
        : null,
    dayOneRule: DAY_ONE_RULE,
    clockStart: null,
    earlierClocks: history.runs.slice(0, -1).map((earlier) => ({
      startedOn: earlier.startedOn,
      reason: earlier.reason,
      stoppedOn: earlier.stoppedOn,
      stopReason: earlier.stopReason,
      note:
        earlier.stopReason === 'correction_requested'
          ? `${earlier.stoppedOn} 告知补正，计时停止；收到补正后的申请重新起算，此前已计的工作日不再计入（第三十条）`
          : `${earlier.stoppedOn ?? ''} 办结；此后因复议、诉讼结果纠正重新答复，另行计时`,
    })),
    periodWorkdays: status.periodWorkdays,
    extension:
      run?.extensionGrantedOn && run.extensionWorkdays > 0
        ? { workdays: run.extensionWorkdays, grantedOn: run.extensionGrantedOn, citation: EXTENSION_CITATION }
        : null,
    totalWorkdays: status.totalWorkdays,
    countedDays: [],
    excludedPeriods: [],
    restDays: [],
    feeWait: options.feeWait ?? DEFAULT_DEADLINE_OPTIONS.feeWait,
    baseDueOn: status.baseDueOn,
    dueOn: status.dueOn,
    elapsedWorkdays: status.elapsedWorkdays,
    remainingWorkdays: status.remainingWorkdays,
    paused: status.paused,
    overdue: status.overdue,
    closedOn: status.closedOn,
    closedLate: status.closedLate,
    correctionDueOn: status.correctionDueOn,
    warnings: [...status.warnings],
  };
  if (status.clockStartedOn && status.clockStartReason) {
    explanation.clockStart = {
      on: status.clockStartedOn,
      weekday: weekdayLabel(status.clockStartedOn),
      reason: status.clockStartReason,
      label: CLOCK_START_REASON_LABELS[status.clockStartReason],
      citation: START_CITATIONS[status.clockStartReason],
    };
  }
  if (!status.clockStartedOn || !status.dueOn) return explanation;

  try {
    const end = compareDates(status.asOf, status.dueOn) > 0 ? status.asOf : status.dueOn;
    let n = 0;
    let restRun: RestDayRun | null = null;
    for (let day = addDays(status.clockStartedOn, 1); day <= end; day = addDays(day, 1)) {
      const kind = classifyDay(calendar, day);
      if (kind.type === 'weekend' || kind.type === 'holiday') {
        const type = kind.type;
        const name = kind.name ?? null;
        if (restRun && addDays(restRun.to, 1) === day && restRun.type === type && restRun.name === name) {
          restRun.to = day;
          restRun.days++;
        } else {
          restRun = { from: day, to: day, days: 1, type, name };
          explanation.restDays.push(restRun);
        }
        continue;
      }
      if (!isCounted(day)) continue;
      n++;
      explanation.countedDays.push({
        ...explainedDay(day),
        n,
        isMakeupWorkday: kind.type === 'makeup_workday',
        makeupFor: kind.type === 'makeup_workday' ? (kind.name ?? null) : null,
        passed: day <= status.asOf,
        beyondDue: day > status.dueOn,
        afterClosure: status.closedOn !== null && day > status.closedOn,
      });
    }
    explanation.excludedPeriods = status.excludedPeriods.map((period) => {
      const excludedDays: ExplainedDay[] = [];
      for (let day = addDays(period.startedOn, 1); day <= period.excludedThrough; day = addDays(day, 1)) {
        const kind = classifyDay(calendar, day);
        if (kind.type === 'workday' || kind.type === 'makeup_workday') excludedDays.push(explainedDay(day));
      }
      return {
        ...period,
        label: PAUSE_REASON_LABELS[period.reason],
        citation: EXCLUSION_CITATIONS[period.reason],
        excludedDays,
      };
    });
  } catch (error) {
    if (!isDomainError(error) || error.code !== 'calendar_year_missing') throw error;
    explanation.warnings.push(error.message);
  }
  return explanation;
}

// ── Text ────────────────────────────────────────────────────────────────────────────────────────────

const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function chineseDate(date: LocalDate): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

function dayWithWeekday(date: LocalDate): string {
  return `${chineseDate(date)}（${weekdayLabel(date)}）`;
}

function restRunText(run: RestDayRun): string {
  const span =
    run.from === run.to ? dayWithWeekday(run.from) : `${chineseDate(run.from)}至${chineseDate(run.to)}`;
  if (run.type === 'holiday') return `${span}，${run.name || '法定节假日'}放假，共${run.days}天`;
  return `${span}，周末${run.days === 1 ? '' : `，共${run.days}天`}`;
}

/** The 计时说明 as plain Chinese text, ready to print or attach to the file. */
export function renderExplanationText(explanation: ClockExplanation): string {
  const sections: string[][] = [];
  const section = (title: string, lines: string[]) => {
    if (lines.length > 0) sections.push([title, ...lines]);
  };

  const receipt = explanation.receipt;
  section(
    '收到申请',
    receipt
      ? [
          `收到申请日：${dayWithWeekday(receipt.receivedOn)}，申请渠道：${receipt.channelLabel}。`,
          `${receipt.rule}。`,
        ]
      : ['尚未收到申请。'],
  );

  const start = explanation.clockStart;
  const startLines: string[] = [];
  for (const earlier of explanation.earlierClocks) {
    startLines.push(
      `${CLOCK_START_REASON_LABELS[earlier.reason]}（${chineseDate(earlier.startedOn)}）起计时；${earlier.note}。`,
    );
  }
  if (start) {
    startLines.push(`本次计时自${dayWithWeekday(start.on)}${start.label}起算。${start.citation}。`);
    startLines.push(`${explanation.dayOneRule}。`);
    startLines.push(`答复期限：${explanation.periodWorkdays}个工作日。`);
  } else if (explanation.phase === 'stopped_for_correction') {
    startLines.push(
      `已告知申请人补正，计时停止；补正期限至${explanation.correctionDueOn ? chineseDate(explanation.correctionDueOn) : '—'}，收到补正后的申请之日起重新计算答复期限（第三十条）。`,
    );
  }
  section('起算规则', startLines);

  section(
    '计入答复期限的工作日',
    explanation.countedDays.map((day) => {
      const notes: string[] = [day.weekday];
      if (day.isMakeupWorkday) notes.push(`${day.makeupFor ?? ''}调休上班日`);
      if (day.beyondDue) notes.push('已超过答复期限');
      else if (day.afterClosure) notes.push('办结时未用');
      else if (!day.passed) notes.push('尚未到来');
      return `第${day.n}个工作日  ${day.date}（${notes.join('，')}）`;
    }),
  );

  section(
    '不计入答复期限的期间',
    explanation.excludedPeriods.map((period) => {
      const endText = period.endedOn ? `${chineseDate(period.endedOn)}结束` : '尚未结束';
      const days = period.excludedDays.map((d) => d.date).join('、');
      const cap = period.capped
        ? `；法定期限已于${chineseDate(period.latestEndOn)}届满，此后的时间计入答复期限`
        : '';
      return `${period.label}：${chineseDate(period.startedOn)}开始，${endText}；不计入${period.excludedWorkdays}个工作日${days ? `（${days}）` : ''}${cap}。${period.citation}。`;
    }),
  );

  section(
    '跳过的周末和法定节假日',
    explanation.restDays.map((run) => `${restRunText(run)}。`),
  );

  section(
    '延长答复期限',
    explanation.extension
      ? [
          `${chineseDate(explanation.extension.grantedOn)}经政府信息公开工作机构负责人同意，延长${explanation.extension.workdays}个工作日并告知申请人；原答复期限届满日为${explanation.baseDueOn ? chineseDate(explanation.baseDueOn) : '—'}。${explanation.extension.citation}。`,
        ]
      : [],
  );

  const conclusion: string[] = [];
  if (explanation.dueOn) {
    conclusion.push(
      `答复期限共${explanation.totalWorkdays}个工作日，届满日为${dayWithWeekday(explanation.dueOn)}。`,
    );
  }
  if (explanation.closedOn) {
    conclusion.push(
      `本申请已于${chineseDate(explanation.closedOn)}办结${explanation.closedLate === null ? '' : explanation.closedLate ? '，超过答复期限' : '，未超过答复期限'}。`,
    );
  } else if (explanation.elapsedWorkdays !== null && explanation.remainingWorkdays !== null) {
    const asOf = chineseDate(explanation.asOf);
    if (explanation.overdue) {
      conclusion.push(
        `截至${asOf}已计${explanation.elapsedWorkdays}个工作日，已超过答复期限${-explanation.remainingWorkdays}个工作日。`,
      );
    } else {
      conclusion.push(
        `截至${asOf}已计${explanation.elapsedWorkdays}个工作日，剩余${explanation.remainingWorkdays}个工作日${explanation.paused ? '（目前暂停计时，届满日随暂停时间顺延）' : ''}。`,
      );
    }
  }
  conclusion.push(`当前状态：${explanation.phaseLabel}。`);
  if (explanation.feeWait === 'counted') conclusion.push('本机关设置：等待缴费的时间计入答复期限。');
  section('结论', conclusion);
  section(
    '提示',
    explanation.warnings.map((w) => `${w}。`.replace(/。。$/, '。')),
  );

  const lines = [`计时说明（计算日：${chineseDate(explanation.today)}）`];
  sections.forEach(([title, ...body], index) => {
    lines.push('', `${CHINESE_NUMERALS[index] ?? String(index + 1)}、${title}`);
    for (const line of body) lines.push(`  ${line}`);
  });
  return `${lines.join('\n')}\n`;
}
