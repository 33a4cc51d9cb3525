import { describe, expect, it } from 'vitest';
import { createWorkdayCalendar } from '../calendar/index.ts';
import type { LocalDate } from '../shared/local-date.ts';
import { computeDeadline, type DeadlineOptions } from './deadline.ts';
import type { RequestEvent, RequestEventKind, RequestEventPayloads } from './events.ts';
import { OFFICIAL_2025_2026, weekendsOnlyCalendar } from './test-calendars.ts';

function ev<K extends RequestEventKind>(
  kind: K,
  on: LocalDate,
  payload: RequestEventPayloads[K],
): RequestEvent {
  return { kind, on, actorId: 'u1', payload } as RequestEvent;
}
const received = (on: LocalDate) => ev('received', on, { channel: 'in_person', basis: 'handed_in' });
const thirdPartyStart = (on: LocalDate, deliveredOn: LocalDate | null = null) =>
  ev('third_party_consultation_started', on, { parties: ['某公司'], deliveredOn });
const thirdPartyEnd = (on: LocalDate) => ev('third_party_consultation_ended', on, { result: 'consented' });
const agencyStart = (on: LocalDate) =>
  ev('agency_consultation_started', on, { agencies: ['某局'], deliveredOn: null });
const agencyEnd = (on: LocalDate) => ev('agency_consultation_ended', on, { result: 'no_reply' });

interface Vector {
  name: string;
  events: RequestEvent[];
  today: LocalDate;
  options?: DeadlineOptions;
  expected: Partial<ReturnType<typeof computeDeadline>>;
}

const vectors: Vector[] = [
  {
    name: '2025-09-26 (Fri) before National Day: make-up Sun 9/28 and Sat 10/11 count, 10/1–8 do not',
    events: [received('2025-09-26')],
    today: '2025-09-26',
    expected: {
      phase: 'running',
      dueOn: '2025-10-30',
      baseDueOn: '2025-10-30',
      elapsedWorkdays: 0,
      remainingWorkdays: 20,
      overdue: false,
      paused: false,
    },
  },
  {
    name: 'on 2025-10-09 four workdays are behind (9/28, 9/29, 9/30, 10/9), 16 left',
    events: [received('2025-09-26')],
    today: '2025-10-09',
    expected: { elapsedWorkdays: 4, remainingWorkdays: 16, dueOn: '2025-10-30' },
  },
  {
    name: 'the due date itself is not overdue',
    events: [received('2025-09-26')],
    today: '2025-10-30',
    expected: { elapsedWorkdays: 20, remainingWorkdays: 0, overdue: false },
  },
  {
    name: 'two workdays past the due date (10/31, 11/3)',
    events: [received('2025-09-26')],
    today: '2025-11-03',
    expected: { overdue: true, overdueWorkdays: 2, remainingWorkdays: -2, dueOn: '2025-10-30' },
  },
  {
    name: 'third-party consultation over the holiday: (9/30, 10/13] removes 10/9, 10/10, 10/11, 10/13',
    events: [received('2025-09-26'), thirdPartyStart('2025-09-30'), thirdPartyEnd('2025-10-13')],
    today: '2025-10-13',
    expected: {
      phase: 'running',
      dueOn: '2025-11-05',
      elapsedWorkdays: 3,
      remainingWorkdays: 17,
      paused: false,
    },
  },
  {
    name: 'consultation still open: paused, remaining frozen, provisional due date',
    events: [received('2025-09-26'), thirdPartyStart('2025-10-13')],
    today: '2025-10-16',
    expected: {
      phase: 'paused',
      paused: true,
      pauseReason: 'third_party_consultation',
      pausedSince: '2025-10-13',
      pauseLatestEndOn: '2025-11-03',
      elapsedWorkdays: 7,
      remainingWorkdays: 13,
      dueOn: '2025-11-04',
    },
  },
  {
    name: 'agency consultation over the 2026 Spring Festival: (2/12, 2/25] removes 2/13, 2/14 (make-up), 2/24, 2/25',
    events: [received('2026-02-06'), agencyStart('2026-02-12'), agencyEnd('2026-02-25')],
    today: '2026-02-26',
    expected: { dueOn: '2026-03-18', baseDueOn: '2026-03-18', elapsedWorkdays: 5 },
  },
  {
    name: 'Spring Festival 2026 without pause: make-up Sat 2/14 and 2/28 count',
    events: [received('2026-02-06')],
    today: '2026-02-06',
    expected: { dueOn: '2026-03-12' },
  },
  {
    name: 'across New Year 2026: 1/1–3 skipped, make-up Sun 1/4 counts',
    events: [received('2025-12-19')],
    today: '2025-12-19',
    expected: { dueOn: '2026-01-19' },
  },
  {
    name: 'extension of 15 workdays granted after a pause: 20 + 15 counted around the same exclusion',
    events: [
      received('2025-09-26'),
      thirdPartyStart('2025-09-30'),
      thirdPartyEnd('2025-10-13'),
      ev('extension_requested', '2025-10-20', { workdays: 15, reason: '涉及大量档案检索' }),
      ev('extension_granted', '2025-10-20', { workdays: 15 }),
    ],
    today: '2025-10-20',
    expected: {
      extended: true,
      extensionWorkdays: 15,
      totalWorkdays: 35,
      baseDueOn: '2025-11-05',
      dueOn: '2025-11-26',
    },
  },
  {
    name: 'a requested but not granted extension changes nothing',
    events: [
      received('2025-09-26'),
      ev('extension_requested', '2025-10-20', { workdays: 15, reason: '检索量大' }),
    ],
    today: '2025-10-20',
    expected: { extended: false, totalWorkdays: 20, dueOn: '2025-10-30' },
  },
  {
    name: 'correction restarts the clock: corrected application on Fri 10/10, day 1 is make-up Sat 10/11',
    events: [
      received('2025-09-26'),
      ev('correction_requested', '2025-09-30', { items: ['请明确信息名称'], correctBy: '2025-10-20' }),
      ev('correction_received', '2025-10-10', { lateReason: null }),
    ],
    today: '2025-10-13',
    expected: {
      phase: 'running',
      clockStartedOn: '2025-10-10',
      clockStartReason: 'correction_received',
      dueOn: '2025-11-06',
      elapsedWorkdays: 2,
      receivedOn: '2025-09-26',
    },
  },
  {
    name: 'while waiting for the correction no period runs',
    events: [
      received('2025-09-26'),
      ev('correction_requested', '2025-09-30', { items: ['请明确信息名称'], correctBy: '2025-10-20' }),
    ],
    today: '2025-10-13',
    expected: {
      phase: 'stopped_for_correction',
      paused: true,
      dueOn: null,
      remainingWorkdays: null,
      clockStartedOn: null,
      correctionDueOn: '2025-10-20',
    },
  },
  {
    name: 'fee wait excluded by default: (11/5, 11/12] removes five workdays',
    events: [
      received('2025-11-03'),
      ev('fee_notice_issued', '2025-11-05', { amountYuan: 500, method: 'per_piece', payBy: '2025-12-03' }),
      ev('fee_paid', '2025-11-12', { amountYuan: 500 }),
    ],
    today: '2025-11-12',
    expected: { dueOn: '2025-12-08', elapsedWorkdays: 2 },
  },
  {
    name: 'fee wait counted when the agency chose so',
    events: [
      received('2025-11-03'),
      ev('fee_notice_issued', '2025-11-05', { amountYuan: 500, method: 'per_piece', payBy: '2025-12-03' }),
      ev('fee_paid', '2025-11-12', { amountYuan: 500 }),
    ],
    today: '2025-11-12',
    options: { feeWait: 'counted' },
    expected: { dueOn: '2025-12-01', elapsedWorkdays: 7, excludedPeriods: [] },
  },
  {
    name: 'a consultation left open past its 15 workdays stops being excluded on 11/25',
    events: [received('2025-11-03'), thirdPartyStart('2025-11-04')],
    today: '2025-12-10',
    expected: {
      phase: 'running',
      paused: false,
      elapsedWorkdays: 12,
      remainingWorkdays: 8,
      dueOn: '2025-12-22',
    },
  },
  {
    name: 'without the cap the open consultation keeps the clock paused through today',
    events: [received('2025-11-03'), thirdPartyStart('2025-11-04')],
    today: '2025-12-10',
    options: { capPauses: false },
    expected: {
      phase: 'paused',
      paused: true,
      elapsedWorkdays: 1,
      remainingWorkdays: 19,
      dueOn: '2026-01-07',
    },
  },
  {
    name: 'the 15 workdays run from the delivery of the letter when it is recorded',
    events: [received('2025-11-03'), thirdPartyStart('2025-11-04', '2025-11-07')],
    today: '2025-11-26',
    expected: { phase: 'paused', pauseLatestEndOn: '2025-11-28' },
  },
  {
    name: 'a consultation started and ended the same day excludes nothing',
    events: [received('2025-09-26'), thirdPartyStart('2025-10-13'), thirdPartyEnd('2025-10-13')],
    today: '2025-10-14',
    expected: { dueOn: '2025-10-30' },
  },
  {
    name: 'replied on the due date: closed in time; figures frozen at the closing day',
    events: [received('2025-09-26'), ev('replied', '2025-10-30', { outcome: 'disclosed' })],
    today: '2025-12-31',
    expected: {
      phase: 'closed',
      closedOn: '2025-10-30',
      closedLate: false,
      overdue: false,
      asOf: '2025-10-30',
    },
  },
  {
    name: 'replied one workday late',
    events: [received('2025-09-26'), ev('replied', '2025-10-31', { outcome: 'disclosed' })],
    today: '2025-12-31',
    expected: { phase: 'closed', closedLate: true, overdue: false, remainingWorkdays: -1 },
  },
  {
    name: 'reopened after a corrected reconsideration: a new clock of 15 workdays from 12/1',
    events: [
      received('2025-09-26'),
      ev('replied', '2025-10-20', { outcome: 'unavailable.not_held' }),
      ev('reopened', '2025-12-01', { cause: 'reconsideration', reviewCaseId: 'r1', replyWithinWorkdays: 15 }),
    ],
    today: '2025-12-02',
    expected: {
      phase: 'running',
      clockStartedOn: '2025-12-01',
      clockStartReason: 'reopened',
      totalWorkdays: 15,
      dueOn: '2025-12-22',
      closedOn: null,
    },
  },
  {
    name: 'lapsed while waiting for the correction: closed, no period',
    events: [
      received('2025-09-26'),
      ev('correction_requested', '2025-09-30', { items: ['请明确信息名称'], correctBy: '2025-10-20' }),
      ev('correction_lapsed', '2025-10-21', {}),
    ],
    today: '2025-10-22',
    expected: { phase: 'closed', closedOn: '2025-10-21', dueOn: null, overdue: false },
  },
  {
    name: 'a period reaching a year without a holiday notice is not guessed',
    events: [received('2026-12-10')],
    today: '2026-12-10',
    expected: { missingCalendarYear: 2027, dueOn: null, remainingWorkdays: null },
  },
  {
    name: 'looking back: on 2025-10-20 the reply of 10/31 had not happened and the request was running',
    events: [received('2025-09-26'), ev('replied', '2025-10-31', { outcome: 'disclosed' })],
    today: '2025-10-20',
    expected: { phase: 'running', closedOn: null, elapsedWorkdays: 12, remainingWorkdays: 8 },
  },
  {
    name: 'nothing received yet',
    events: [],
    today: '2025-10-10',
    expected: { phase: 'not_received', dueOn: null },
  },
];

describe('computeDeadline on the official 2025/2026 calendar', () => {
  it.each(vectors)('$name', ({ events, today, options, expected }) => {
    const status = computeDeadline(events, OFFICIAL_2025_2026, today, options);
    expect(status).toMatchObject(expected);
  });
});

describe('computeDeadline on explicit synthetic calendars', () => {
  // 2030: weekends only, plus a made-up holiday week and a make-up Saturday, so the counting
  // conventions are visible on an otherwise plain calendar.
  const calendar = createWorkdayCalendar(
    [2030],
    [
      { date: '2030-03-11', kind: 'holiday', name: '测试节' },
      { date: '2030-03-12', kind: 'holiday', name: '测试节' },
      { date: '2030-03-16', kind: 'makeup_workday', name: '测试节' },
    ],
  );
  const cases: Array<[string, RequestEvent[], LocalDate, LocalDate]> = [
    // Fri 3/1 → 3/4–8 (5), 3/13–15 (8), Sat 3/16 (9), 3/18–22 (14), 3/25–29 (19), 4/1 (20)
    ['received on a Friday', [received('2030-03-01')], '2030-03-01', '2030-04-01'],
    // received on a Sunday: day 1 is Monday
    ['received on a Sunday', [received('2030-03-03')], '2030-03-03', '2030-04-01'],
    // received on a holiday (3/11): day 1 is 3/13; 3/13–15 (3), 3/16 (4), 3/18–22 (9), 3/25–29 (14), 4/1–5 (19), 4/8 (20)
    ['received on a holiday', [received('2030-03-11')], '2030-03-11', '2030-04-08'],
    // pause (3/15, 3/18] removes make-up Sat 3/16 and Mon 3/18
    [
      'pause over a make-up Saturday',
      [received('2030-03-01'), thirdPartyStart('2030-03-15'), thirdPartyEnd('2030-03-18')],
      '2030-03-18',
      '2030-04-03',
    ],
  ];
  it.each(cases)('%s', (_name, events, today, dueOn) => {
    expect(computeDeadline(events, calendar, today).dueOn).toBe(dueOn);
  });

  it('on a weekends-only calendar the period is 20 workdays = 4 weeks', () => {
    expect(computeDeadline([received('2030-01-07')], weekendsOnlyCalendar(2030), '2030-01-07').dueOn).toBe(
      '2030-02-04',
    );
  });
});
