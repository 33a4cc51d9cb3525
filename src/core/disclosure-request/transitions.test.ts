import { describe, expect, it } from 'vitest';
import type { LocalDate } from '../shared/local-date.ts';
import { STAFF_ROLES, type StaffRole } from '../staff/index.ts';
import { computeDeadline } from './deadline.ts';
import { OFFICIAL_2025_2026 } from './test-calendars.ts';
import {
  ACTION_RULES,
  type ActionContext,
  applyAction,
  availableActions,
  foldRequest,
  INITIAL_REQUEST_STATE,
  REQUEST_ACTION_TYPES,
  REQUEST_STATUSES,
  type RequestAction,
  type RequestActionType,
  type RequestState,
  type RequestStatus,
  TRANSITIONS,
} from './transitions.ts';

const ctx = (today: LocalDate, roles: StaffRole[] = ['clerk', 'reviewer']): ActionContext => ({
  roles,
  actorId: 'staff-1',
  today,
  calendar: OFFICIAL_2025_2026,
});

/** Applies actions in order (each on its own `today`), failing the test on any refusal. */
function play(
  steps: Array<[RequestAction, LocalDate]>,
  from: RequestState = INITIAL_REQUEST_STATE,
): RequestState {
  let state = from;
  for (const [action, today] of steps) {
    const result = applyAction(state, action, ctx(today));
    if (!result.ok) throw new Error(`${action.type} refused: ${result.error.message}`);
    state = result.value.state;
  }
  return state;
}

const RECEIVE: [RequestAction, LocalDate] = [
  { type: 'receive', channel: 'in_person', handedInOn: '2025-09-26' },
  '2025-09-26',
];
const received = () => play([RECEIVE]);

/** One reachable state per status. */
const SAMPLE_STATES: Record<RequestStatus, () => RequestState> = {
  not_received: () => INITIAL_REQUEST_STATE,
  awaiting_reply: received,
  awaiting_correction: () =>
    play([
      RECEIVE,
      [{ type: 'request_correction', items: ['请明确信息名称'], correctBy: '2025-10-20' }, '2025-09-30'],
    ]),
  third_party_consultation: () =>
    play([RECEIVE, [{ type: 'start_third_party_consultation', parties: ['某公司'] }, '2025-09-30']]),
  agency_consultation: () =>
    play([RECEIVE, [{ type: 'start_agency_consultation', agencies: ['某局'] }, '2025-09-30']]),
  awaiting_fee_payment: () =>
    play([RECEIVE, [{ type: 'issue_fee_notice', amountYuan: 500, method: 'per_piece' }, '2025-09-30']]),
  replied: () => play([RECEIVE, [{ type: 'reply', outcome: 'disclosed' }, '2025-10-09']]),
  withdrawn: () => play([RECEIVE, [{ type: 'withdraw', reason: '申请人已通过其他途径获取' }, '2025-10-09']]),
  lapsed: () =>
    play([
      RECEIVE,
      [{ type: 'request_correction', items: ['请明确信息名称'], correctBy: '2025-10-20' }, '2025-09-30'],
      [{ type: 'correction_lapse' }, '2025-10-21'],
    ]),
};

/** A well-formed action of each type (the state decides whether it is allowed). */
const SAMPLE_ACTIONS: Record<RequestActionType, RequestAction> = {
  receive: { type: 'receive', channel: 'in_person', handedInOn: '2025-09-26' },
  request_correction: { type: 'request_correction', items: ['请明确信息名称'], correctBy: '2025-10-20' },
  receive_correction: { type: 'receive_correction' },
  correction_lapse: { type: 'correction_lapse' },
  start_third_party_consultation: { type: 'start_third_party_consultation', parties: ['某公司'] },
  end_third_party_consultation: { type: 'end_third_party_consultation', result: 'consented' },
  start_agency_consultation: { type: 'start_agency_consultation', agencies: ['某局'] },
  end_agency_consultation: { type: 'end_agency_consultation', result: 'consented' },
  request_extension: { type: 'request_extension', workdays: 10, reason: '检索量大' },
  approve_extension: { type: 'approve_extension' },
  refuse_extension: { type: 'refuse_extension', reason: '无需延期' },
  issue_fee_notice: { type: 'issue_fee_notice', amountYuan: 500, method: 'per_piece' },
  record_fee_payment: { type: 'record_fee_payment', amountYuan: 500 },
  fee_lapse: { type: 'fee_lapse' },
  reply: { type: 'reply', outcome: 'disclosed' },
  withdraw: { type: 'withdraw' },
  reopen: {
    type: 'reopen',
    reviewCase: { id: 'rc-1', kind: 'reconsideration', result: 'corrected', decidedOn: '2025-11-20' },
  },
};

describe('the transition table', () => {
  const pairs = REQUEST_STATUSES.flatMap((status) =>
    REQUEST_ACTION_TYPES.filter((action) => TRANSITIONS[status][action] === undefined).map(
      (action) => [status, action] as const,
    ),
  );
  it.each(pairs)('in state %s, %s is refused with invalid_state', (status, action) => {
    const result = applyAction(SAMPLE_STATES[status](), SAMPLE_ACTIONS[action], ctx('2025-12-31'));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_state');
      expect(result.error.message).toMatch(/状态，不能/);
    }
  });

  const roleCases = REQUEST_ACTION_TYPES.flatMap((action) =>
    STAFF_ROLES.filter((role) => !ACTION_RULES[action].roles.includes(role)).map(
      (role) => [action, role] as const,
    ),
  );
  it.each(roleCases)('%s is refused for role %s with forbidden', (action, role) => {
    const status = REQUEST_STATUSES.find((s) => TRANSITIONS[s][action] !== undefined)!;
    const result = applyAction(SAMPLE_STATES[status](), SAMPLE_ACTIONS[action], ctx('2025-10-09', [role]));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('forbidden');
  });

  it('tells a supervisor that cases are read-only', () => {
    const result = applyAction(received(), SAMPLE_ACTIONS.reply, ctx('2025-10-09', ['supervisor']));
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('只能查阅') },
    });
  });

  it('refuses a person with no role at all', () => {
    const result = applyAction(received(), SAMPLE_ACTIONS.reply, ctx('2025-10-09', []));
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  const allowed = REQUEST_STATUSES.flatMap((status) =>
    REQUEST_ACTION_TYPES.filter((action) => TRANSITIONS[status][action] !== undefined).map(
      (action) => [status, action, TRANSITIONS[status][action]!] as const,
    ),
  );
  it.each(allowed)('in state %s, %s leads to %s', (status, action, next) => {
    // Each allowed pair is exercised from its sample state on a day where its guards are met.
    const today: Record<string, LocalDate> = {
      correction_lapse: '2025-10-21',
      reopen: '2025-11-20',
      fee_lapse: '2025-12-31',
      end_third_party_consultation: '2025-10-09',
      end_agency_consultation: '2025-10-09',
    };
    let state = SAMPLE_STATES[status]();
    if (action === 'approve_extension' || action === 'refuse_extension') {
      state = play([[SAMPLE_ACTIONS.request_extension, '2025-10-09']], state);
    }
    const result = applyAction(
      state,
      SAMPLE_ACTIONS[action],
      ctx(today[action] ?? '2025-10-09', ['clerk', 'reviewer']),
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.state.status).toBe(next);
    expect(result.value.events).toHaveLength(1);
    expect(result.value.events[0]!.kind).toBe(ACTION_RULES[action].event);
  });

  it('offers only the actions of the state and the roles', () => {
    expect(availableActions(received(), ['supervisor'])).toEqual([]);
    expect(availableActions(received(), ['clerk'])).not.toContain('approve_extension');
    expect(availableActions(received(), ['reviewer'])).toContain('approve_extension');
    expect(availableActions(SAMPLE_STATES.withdrawn(), ['clerk', 'reviewer'])).toEqual([]);
  });
});

type Guard = {
  name: string;
  state: () => RequestState;
  action: RequestAction;
  today: LocalDate;
  roles?: StaffRole[];
  code: 'invalid_state' | 'validation_failed' | 'forbidden' | 'calendar_year_missing' | null;
  message?: RegExp;
};

const withCorrection = (receivedOnDay: LocalDate = '2025-10-10') =>
  play([
    RECEIVE,
    [{ type: 'request_correction', items: ['请明确信息名称'], correctBy: '2025-10-20' }, '2025-09-30'],
    [{ type: 'receive_correction' }, receivedOnDay],
  ]);
const withExtensionRequest = () => play([[SAMPLE_ACTIONS.request_extension, '2025-10-09']], received());
const withFee = () => SAMPLE_STATES.awaiting_fee_payment();

const guards: Guard[] = [
  // 第三十条: one notice, within 7 workdays (limit for 9/26 is 10/13)
  {
    name: 'correction notice on the 7th workday (10/13)',
    state: received,
    action: { ...SAMPLE_ACTIONS.request_correction, correctBy: '2025-10-30' } as RequestAction,
    today: '2025-10-13',
    code: null,
  },
  {
    name: 'correction notice on the 8th workday (10/14)',
    state: received,
    action: { ...SAMPLE_ACTIONS.request_correction, correctBy: '2025-10-30' } as RequestAction,
    today: '2025-10-14',
    code: 'invalid_state',
    message: /7个工作日内.*2025-10-13/,
  },
  {
    name: 'a second correction notice',
    state: () => withCorrection(),
    action: { ...SAMPLE_ACTIONS.request_correction, correctBy: '2025-10-30' } as RequestAction,
    today: '2025-10-13',
    code: 'invalid_state',
    message: /一次性告知/,
  },
  {
    name: 'a correction notice without items',
    state: received,
    action: { type: 'request_correction', items: ['  '], correctBy: '2025-10-20' },
    today: '2025-09-30',
    code: 'validation_failed',
  },
  {
    name: 'a correction deadline before the notice',
    state: received,
    action: { type: 'request_correction', items: ['x'], correctBy: '2025-09-29' },
    today: '2025-09-30',
    code: 'validation_failed',
  },
  {
    name: 'a late correction without a reason',
    state: SAMPLE_STATES.awaiting_correction,
    action: { type: 'receive_correction' },
    today: '2025-10-21',
    code: 'invalid_state',
    message: /补正期限（2025-10-20）已过/,
  },
  {
    name: 'a late correction with a good reason',
    state: SAMPLE_STATES.awaiting_correction,
    action: { type: 'receive_correction', lateReason: '申请人住院' },
    today: '2025-10-21',
    code: null,
  },
  {
    name: 'lapse before the correction deadline',
    state: SAMPLE_STATES.awaiting_correction,
    action: { type: 'correction_lapse' },
    today: '2025-10-20',
    code: 'invalid_state',
  },
  // 第三十二条: silence only after 15 workdays (9/30 + 15 = 10/28)
  {
    name: 'third party silent before its 15 workdays are over',
    state: SAMPLE_STATES.third_party_consultation,
    action: { type: 'end_third_party_consultation', result: 'no_reply' },
    today: '2025-10-28',
    code: 'invalid_state',
    message: /2025-10-28 届满/,
  },
  {
    name: 'third party silent after its 15 workdays',
    state: SAMPLE_STATES.third_party_consultation,
    action: { type: 'end_third_party_consultation', result: 'no_reply' },
    today: '2025-10-29',
    code: null,
  },
  {
    name: 'consultation without parties',
    state: received,
    action: { type: 'start_third_party_consultation', parties: [] },
    today: '2025-10-09',
    code: 'validation_failed',
  },
  // 第三十三条第二款: once, ≤ 20 workdays, decided by the head of the office before the due date
  {
    name: 'extension of 21 workdays',
    state: received,
    action: { type: 'request_extension', workdays: 21, reason: 'x' },
    today: '2025-10-09',
    code: 'validation_failed',
  },
  {
    name: 'extension of 0 workdays',
    state: received,
    action: { type: 'request_extension', workdays: 0, reason: 'x' },
    today: '2025-10-09',
    code: 'validation_failed',
  },
  {
    name: 'extension without a reason',
    state: received,
    action: { type: 'request_extension', workdays: 5, reason: ' ' },
    today: '2025-10-09',
    code: 'validation_failed',
  },
  {
    name: 'extension asked after the due date (10/30)',
    state: received,
    action: SAMPLE_ACTIONS.request_extension,
    today: '2025-10-31',
    code: 'invalid_state',
  },
  {
    name: 'a second pending extension request',
    state: withExtensionRequest,
    action: SAMPLE_ACTIONS.request_extension,
    today: '2025-10-10',
    code: 'invalid_state',
  },
  {
    name: 'a second extension after one was granted',
    state: () => play([[SAMPLE_ACTIONS.approve_extension, '2025-10-10']], withExtensionRequest()),
    action: SAMPLE_ACTIONS.request_extension,
    today: '2025-10-13',
    code: 'invalid_state',
    message: /只能一次/,
  },
  {
    name: 'a clerk approving an extension',
    state: withExtensionRequest,
    action: SAMPLE_ACTIONS.approve_extension,
    today: '2025-10-10',
    roles: ['clerk'],
    code: 'forbidden',
    message: /审核人/,
  },
  {
    name: 'approving more than was asked',
    state: withExtensionRequest,
    action: { type: 'approve_extension', workdays: 15 },
    today: '2025-10-10',
    code: 'validation_failed',
  },
  {
    name: 'approving after the due date',
    state: withExtensionRequest,
    action: SAMPLE_ACTIONS.approve_extension,
    today: '2025-10-31',
    code: 'invalid_state',
  },
  {
    name: 'approving without a request',
    state: received,
    action: SAMPLE_ACTIONS.approve_extension,
    today: '2025-10-10',
    code: 'invalid_state',
  },
  // 109号
  {
    name: 'a fee notice of 0 yuan',
    state: received,
    action: { type: 'issue_fee_notice', amountYuan: 0, method: 'per_page' },
    today: '2025-10-09',
    code: 'validation_failed',
  },
  {
    name: 'a fee notice after the due date',
    state: received,
    action: SAMPLE_ACTIONS.issue_fee_notice,
    today: '2025-10-31',
    code: 'invalid_state',
  },
  {
    name: 'a second fee notice on the same clock',
    state: () => play([[SAMPLE_ACTIONS.record_fee_payment, '2025-10-09']], withFee()),
    action: SAMPLE_ACTIONS.issue_fee_notice,
    today: '2025-10-10',
    code: 'invalid_state',
  },
  {
    name: 'a payment of the wrong amount',
    state: withFee,
    action: { type: 'record_fee_payment', amountYuan: 400 },
    today: '2025-10-09',
    code: 'validation_failed',
  },
  {
    // notice served 9/30, pay within 20 workdays from 10/9: 10/9 … 11/4 (the 20th)
    name: 'a payment after the payment period',
    state: withFee,
    action: SAMPLE_ACTIONS.record_fee_payment,
    today: '2025-11-05',
    code: 'invalid_state',
  },
  {
    name: 'a payment on the last day of the payment period',
    state: withFee,
    action: SAMPLE_ACTIONS.record_fee_payment,
    today: '2025-11-04',
    code: null,
  },
  {
    name: 'a fee lapse on the last day of the payment period',
    state: withFee,
    action: { type: 'fee_lapse' },
    today: '2025-11-04',
    code: 'invalid_state',
  },
  // replies
  {
    name: 'a reply coded as a correction lapse',
    state: received,
    action: { type: 'reply', outcome: 'other.correction_lapsed' },
    today: '2025-10-09',
    code: 'validation_failed',
  },
  {
    name: 'a reply with an unknown outcome',
    state: received,
    action: { type: 'reply', outcome: 'granted' as never },
    today: '2025-10-09',
    code: 'validation_failed',
  },
  {
    name: '“still unclear” without a correction',
    state: received,
    action: { type: 'reply', outcome: 'unavailable.still_unclear' },
    today: '2025-10-09',
    code: 'invalid_state',
  },
  {
    name: '“still unclear” after the correction arrived',
    state: () => withCorrection(),
    action: { type: 'reply', outcome: 'unavailable.still_unclear' },
    today: '2025-10-13',
    code: null,
  },
  // reopen
  {
    name: 'reopening after an upheld reply',
    state: SAMPLE_STATES.replied,
    action: {
      type: 'reopen',
      reviewCase: { id: 'rc-1', kind: 'reconsideration', result: 'upheld', decidedOn: '2025-11-20' },
    },
    today: '2025-11-20',
    code: 'invalid_state',
  },
  {
    name: 'reopening before the decision',
    state: SAMPLE_STATES.replied,
    action: {
      type: 'reopen',
      on: '2025-11-19',
      reviewCase: { id: 'rc-1', kind: 'litigation', result: 'corrected', decidedOn: '2025-11-20' },
    },
    today: '2025-11-20',
    code: 'validation_failed',
  },
  // dates
  {
    name: 'a step dated in the future',
    state: received,
    action: { type: 'reply', outcome: 'disclosed', on: '2025-10-10' },
    today: '2025-10-09',
    code: 'validation_failed',
  },
  {
    name: 'a step dated before the previous one',
    state: received,
    action: { type: 'reply', outcome: 'disclosed', on: '2025-09-25' },
    today: '2025-10-09',
    code: 'validation_failed',
  },
  {
    name: 'a receipt without its date',
    state: () => INITIAL_REQUEST_STATE,
    action: { type: 'receive', channel: 'online' },
    today: '2025-10-09',
    code: 'validation_failed',
  },
  {
    name: 'a guard needing a year the calendar lacks',
    state: () => play([[{ type: 'receive', channel: 'post', signedForOn: '2024-12-30' }, '2025-01-02']]),
    action: SAMPLE_ACTIONS.request_correction,
    today: '2025-01-02',
    code: 'calendar_year_missing',
  },
];

describe('statutory guards', () => {
  it.each(guards)('$name', ({ state, action, today, roles, code, message }) => {
    const result = applyAction(state(), action, ctx(today, roles));
    if (code === null) {
      if (!result.ok) throw new Error(result.error.message);
      expect(result.ok).toBe(true);
    } else {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe(code);
        if (message) expect(result.error.message).toMatch(message);
      }
    }
  });
});

describe('the event log is the truth', () => {
  const full = () =>
    play([
      RECEIVE,
      [{ type: 'request_correction', items: ['请明确信息名称'], correctBy: '2025-10-20' }, '2025-09-30'],
      [{ type: 'receive_correction' }, '2025-10-10'],
      // recorded the day after sending, once the delivery receipt is back
      [
        {
          type: 'start_third_party_consultation',
          parties: ['某公司'],
          on: '2025-10-13',
          deliveredOn: '2025-10-14',
        },
        '2025-10-14',
      ],
      [{ type: 'end_third_party_consultation', result: 'objected' }, '2025-10-20'],
      [{ type: 'request_extension', workdays: 20, reason: '涉及第三方异议' }, '2025-10-21'],
      [{ type: 'approve_extension', workdays: 10 }, '2025-10-22'],
      [{ type: 'issue_fee_notice', amountYuan: 4700, method: 'per_page' }, '2025-10-23'],
      [{ type: 'record_fee_payment', amountYuan: 4700 }, '2025-10-27'],
      [{ type: 'reply', outcome: 'partially_disclosed' }, '2025-11-20'],
    ]);

  it('foldRequest rebuilds exactly the state applyAction produced', () => {
    const state = full();
    expect(foldRequest(state.events)).toEqual(state);
    expect(state).toMatchObject({
      status: 'replied',
      outcome: 'partially_disclosed',
      closedOn: '2025-11-20',
      extension: { status: 'granted', grantedWorkdays: 10 },
      fee: { amountYuan: 4700, paidOn: '2025-10-27' },
      correction: { receivedOn: '2025-10-10' },
      firstClosure: { on: '2025-11-20', outcome: 'partially_disclosed', kind: 'replied' },
    });
    expect(state.events.map((e) => e.kind)).toEqual([
      'received',
      'correction_requested',
      'correction_received',
      'third_party_consultation_started',
      'third_party_consultation_ended',
      'extension_requested',
      'extension_granted',
      'fee_notice_issued',
      'fee_paid',
      'replied',
    ]);
    expect(state.events.every((e) => e.actorId === 'staff-1')).toBe(true);
  });

  it('the clock of the same log: restart on 10/10, consultation (10/13, 10/20], fee wait (10/23, 10/27], +10', () => {
    // Restart 10/10: 10/11 (1), 10/13 (2); excluded 10/14–10/20 (5); 10/21 (3), 10/22 (4), 10/23 (5);
    // excluded 10/24, 10/27; 10/28 (6) … 11/17 (20); 11/18 (21) … 12/1 (30 = 20 + 10).
    const status = computeDeadline(full().events, OFFICIAL_2025_2026, '2025-12-31');
    expect(status).toMatchObject({
      clockStartedOn: '2025-10-10',
      totalWorkdays: 30,
      baseDueOn: '2025-11-17',
      dueOn: '2025-12-01',
      closedLate: false,
    });
    expect(status.excludedPeriods.map((p) => [p.reason, p.excludedWorkdays])).toEqual([
      ['third_party_consultation', 5],
      ['fee_payment', 2],
    ]);
  });

  it('a reopened request keeps its first closure for the report', () => {
    const state = play([[SAMPLE_ACTIONS.reopen, '2025-11-21']], SAMPLE_STATES.replied());
    expect(state).toMatchObject({
      status: 'awaiting_reply',
      outcome: null,
      reopenCount: 1,
      firstClosure: { on: '2025-10-09', outcome: 'disclosed' },
    });
    const replied = play([[{ type: 'reply', outcome: 'partially_disclosed' }, '2025-11-28']], state);
    expect(replied.firstClosure?.outcome).toBe('disclosed');
    expect(replied.outcome).toBe('partially_disclosed');
  });

  it('a withdrawal is counted as other.other; lapses as their own rows', () => {
    expect(SAMPLE_STATES.withdrawn().outcome).toBe('other.other');
    expect(SAMPLE_STATES.lapsed().outcome).toBe('other.correction_lapsed');
    const feeLapsed = play([[{ type: 'fee_lapse' }, '2025-11-05']], SAMPLE_STATES.awaiting_fee_payment());
    expect(feeLapsed).toMatchObject({ status: 'lapsed', outcome: 'other.fee_lapsed' });
  });

  it('a corrupt log is refused when folded', () => {
    const replied = SAMPLE_STATES.replied();
    const corrupt = [...replied.events, { ...replied.events[1]!, on: '2025-10-10' }];
    expect(() => foldRequest(corrupt)).toThrow(/事件记录有误/);
  });

  it('the receipt date follows the channel rule', () => {
    const state = play([[{ type: 'receive', channel: 'post', confirmedOn: '2025-09-29' }, '2025-09-30']]);
    expect(state.receivedOn).toBe('2025-09-29');
    expect(state.events[0]).toMatchObject({
      kind: 'received',
      payload: { channel: 'post', basis: 'confirmed' },
    });
  });
});
