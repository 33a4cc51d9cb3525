import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  ENGINES,
  fixedClock,
  type TestDatabase,
} from '../../../test/helpers/database.ts';
import { SHARED_DIR } from '../../../test/helpers/shared-fixtures.ts';
import type { DisclosureRequestIntake } from '../../contract/disclosure-request.ts';
import { DisclosureRequestIntakeSchema } from '../../contract/disclosure-request.ts';
import { computeDeadline } from '../../core/disclosure-request/index.ts';
import type { DomainError } from '../../core/shared/domain-error.ts';
import { type Actor, agencyScopeOf } from '../../core/staff/index.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { importHolidayNotice } from '../calendar/import-holiday-notice.ts';
import { loadWorkdayCalendar } from '../calendar/load-workday-calendar.ts';
import { decideReviewCase } from '../review/decide-review-case.ts';
import { openReviewCase } from '../review/open-review-case.ts';
import { actOnRequest } from './act-on-request.ts';
import {
  computeDisclosureDashboard,
  judgeRow,
  needsRefold,
  summariseDashboard,
} from './compute-disclosure-dashboard.ts';
import { computeReportSections34, listReportDrillDown } from './compute-report-sections34.ts';
import { confirmReceipt } from './confirm-receipt.ts';
import { draftRequestLetter } from './draft-letter.ts';
import { explainRequestDeadline } from './explain-request-deadline.ts';
import { getRequest } from './get-request.ts';
import { issueRequestLetter } from './issue-letter.ts';
import { lookUpRequest } from './look-up-request.ts';
import { listProactiveDisclosureProposals } from './propose-proactive-disclosure.ts';
import { quoteRequestFee } from './quote-request-fee.ts';
import { registerRequest } from './register-request.ts';
import { revealIdentity } from './reveal-identity.ts';
import { submitApplication } from './submit-application.ts';
import { updateRequestLetter } from './update-letter.ts';

const FIXTURE = JSON.parse(
  readFileSync(`${SHARED_DIR}/fixtures/seed/zhangjiagang-approval-bureau-2021.expected.json`, 'utf8'),
) as { section3: unknown; section4: unknown };

/** 2026-11-27 10:00 in China. */
const NOW = '2026-11-27T02:00:00Z';

async function actorOf(testDb: TestDatabase, username: string): Promise<Actor> {
  const repos = createRepositories(testDb.database.db);
  const all = await repos.staff.listInScope({ kind: 'all' });
  const staff = all.find((s) => s.username === username)!;
  return {
    staffId: staff.id,
    username: staff.username,
    displayName: staff.displayName,
    agencyId: staff.agencyId,
    roles: staff.roles,
  };
}

function intake(overrides: Partial<Record<string, unknown>> = {}): DisclosureRequestIntake {
  return DisclosureRequestIntakeSchema.parse({
    applicant: {
      type: 'natural_person',
      name: '测试申请人',
      identityDocument: { kind: 'resident_id', number: '11010519491231002X' },
      contact: { phone: '13912345678', postalAddress: '江苏省张家港市测试路1号' },
    },
    description: '张家港市某道路2024年改造工程的立项批复文件',
    formWanted: 'paper',
    delivery: 'post',
    channel: 'in_person',
    handedInOn: '2026-11-27',
    ...overrides,
  });
}

const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return (error as DomainError).code ?? String(error);
  }
};

describe.each(ENGINES)('disclosure requests through the use cases on %s', (engine) => {
  let testDb: TestDatabase;
  const clock = fixedClock(NOW);
  let clerk: Actor;
  let reviewer: Actor;
  let supervisor: Actor;
  let townClerk: Actor;
  let systemAdmin: Actor;

  beforeAll(async () => {
    testDb = await createTestDatabase(engine, { demo: true, clock });
    clerk = await actorOf(testDb, 'spj.clerk');
    reviewer = await actorOf(testDb, 'spj.reviewer');
    supervisor = await actorOf(testDb, 'zjg.supervisor');
    townClerk = await actorOf(testDb, 'tq.clerk');
    systemAdmin = await actorOf(testDb, 'admin');
  });
  afterAll(async () => testDb?.close());

  const deps = () => testDb.deps;
  /** Runs `work` with the clock on a given China date (10:00). */
  async function on<T>(date: string, work: () => Promise<T>): Promise<T> {
    clock.set(`${date}T02:00:00Z`);
    try {
      return await work();
    } finally {
      clock.set(NOW);
    }
  }
  const act = (actor: Actor, requestId: string, action: Record<string, unknown>, version?: number) =>
    (async () => {
      const expectedVersion = version ?? (await getRequest(deps(), { actor: clerk, requestId })).version;
      return actOnRequest(deps(), { actor, requestId, expectedVersion, action: action as never });
    })();

  it('computes the 2021 sections 三 and 四 of the demo bureau from its records, equal to the seed', async () => {
    const feed = await computeReportSections34(deps(), {
      actor: clerk,
      agencyId: clerk.agencyId,
      year: 2021,
    });
    expect(feed.section3).toEqual(FIXTURE.section3);
    expect(feed.section4).toEqual(FIXTURE.section4);
    expect(feed.drillDown.section3['unavailable.not_held'].natural_person).toHaveLength(2);
    const cell = await listReportDrillDown(deps(), {
      actor: clerk,
      agencyId: clerk.agencyId,
      year: 2021,
      section: '3',
      row: 'unavailable.not_held',
      column: 'natural_person',
    });
    expect(cell.requests.map((r) => r.receivedOn).sort()).toEqual(['2021-03-15', '2021-08-09']);
    expect(cell.requests.every((r) => r.outcome === 'unavailable.not_held')).toBe(true);
  });

  it('registers a staff intake with the receipt date of its channel and folds the clock into the cache', async () => {
    const posted = await registerRequest(deps(), {
      actor: clerk,
      intake: intake({ channel: 'post', handedInOn: undefined, signedForOn: '2026-11-25' }),
    });
    expect(posted.receivedOn).toBe('2026-11-25');
    // 20 workdays after Wed 2026-11-25: Thu 11-26 is day 1 … Wed 2026-12-23 is day 20.
    expect(posted.dueOn).toBe('2026-12-23');
    const detail = await getRequest(deps(), { actor: clerk, requestId: posted.id });
    expect(detail.status).toBe('awaiting_reply');
    expect(detail.applicant.identityNumber).toBe('1101**********002X');
    expect(detail.applicant.phone).toBe('139****5678');
    expect(detail.events.map((e) => e.kind)).toEqual(['received']);
    expect(detail.assignedStaffName).toBe(clerk.displayName);
    const full = await revealIdentity(deps(), { actor: clerk, requestId: posted.id });
    expect(full.identityNumber).toBe('11010519491231002X');
    expect(await codeOf(revealIdentity(deps(), { actor: supervisor, requestId: posted.id }))).toBe(
      'forbidden',
    );
    const audit = await sql<{
      text: string;
    }>`SELECT coalesce(new_value::text, '') AS text FROM audit_log WHERE entity_id = ${posted.id}`.execute(
      testDb.database.db,
    );
    expect(audit.rows.length).toBeGreaterThan(0);
    expect(audit.rows.some((r) => r.text.includes('11010519491231002X'))).toBe(false);
  });

  it('refuses oral or fax intake without the date 第三十一条 needs', async () => {
    expect(() => intake({ channel: 'fax', handedInOn: undefined })).toThrow(/双方确认的日期/);
  });

  it('keeps the event log append-only', async () => {
    await expect(
      sql`UPDATE request_event SET kind = 'withdrawn'`.execute(testDb.database.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM request_event`.execute(testDb.database.db)).rejects.toThrow(/append-only/);
  });

  describe('deadline vectors through the calendar loaded from the database', () => {
    it('2025 National Day: received Fri 2025-09-26, make-up Sun 9-28 and Sat 10-11 counted → 2025-10-30', async () => {
      const r = await on('2025-09-26', () =>
        registerRequest(deps(), { actor: clerk, intake: intake({ handedInOn: '2025-09-26' }) }),
      );
      expect(r.dueOn).toBe('2025-10-30');
    });

    it('2026 Spring Festival: received Fri 2026-02-06, make-up Sat 2-14 and 2-28 counted → 2026-03-12', async () => {
      const r = await on('2026-02-06', () =>
        registerRequest(deps(), { actor: clerk, intake: intake({ handedInOn: '2026-02-06' }) }),
      );
      expect(r.dueOn).toBe('2026-03-12');
    });

    it('a consultation spanning the National Day, then an extension after the pause', async () => {
      const r = await on('2025-09-22', () =>
        registerRequest(deps(), { actor: clerk, intake: intake({ handedInOn: '2025-09-22' }) }),
      );
      expect(r.dueOn).toBe('2025-10-24');
      await on('2025-09-25', () =>
        act(clerk, r.id, { type: 'start_third_party_consultation', parties: ['某公司'] }),
      );
      // Counted 9-23, 9-24, 9-25; excluded 9-26 … 10-15 (incl. make-up 9-28 and 10-11); resumed 10-16.
      const ended = await on('2025-10-15', () =>
        act(clerk, r.id, { type: 'end_third_party_consultation', result: 'consented' }),
      );
      expect(ended.dueOn).toBe('2025-11-07');
      await on('2025-11-03', () =>
        act(clerk, r.id, { type: 'request_extension', workdays: 20, reason: '检索量大' }),
      );
      const granted = await on('2025-11-03', () => act(reviewer, r.id, { type: 'approve_extension' }));
      // 20 more counted workdays after 11-07: 11-10 … 12-05.
      expect(granted.dueOn).toBe('2025-12-05');
      const explanation = await on('2025-11-03', () =>
        explainRequestDeadline(deps(), { actor: clerk, requestId: r.id }),
      );
      expect(explanation.explanation.countedDays.slice(0, 4).map((d) => d.date)).toEqual([
        '2025-09-23',
        '2025-09-24',
        '2025-09-25',
        '2025-10-16',
      ]);
      expect(explanation.explanation.excludedPeriods[0]!.excludedDays.map((d) => d.date)).toContain(
        '2025-10-11',
      );
      expect(explanation.text).toContain('国庆节');
      expect(explanation.text).toContain('延长20个工作日');
    });
  });

  it('takes a request through a correction, both consultations, an extension and a fee wait, day by day', async () => {
    const r = await on('2025-09-15', () =>
      registerRequest(deps(), { actor: clerk, intake: intake({ handedInOn: '2025-09-15' }) }),
    );
    const step = (day: string, actor: Actor, action: Record<string, unknown>) =>
      on(day, () => act(actor, r.id, { ...action, on: day }));
    await step('2025-09-17', clerk, {
      type: 'request_correction',
      items: ['请写明项目名称'],
      correctBy: '2025-09-30',
    });
    await step('2025-09-22', clerk, { type: 'receive_correction' });
    await step('2025-09-25', clerk, { type: 'start_third_party_consultation', parties: ['某公司'] });
    await step('2025-10-09', clerk, { type: 'end_third_party_consultation', result: 'consented' });
    await step('2025-10-14', clerk, {
      type: 'start_agency_consultation',
      agencies: ['张家港市自然资源和规划局'],
    });
    const during = await on('2025-10-20', () => getRequest(deps(), { actor: clerk, requestId: r.id }));
    // Paused: 7 workdays counted (9-23 … 10-14), the rest provisional from 10-21 → 2025-11-06.
    expect(during.deadline).toMatchObject({ paused: true, dueOn: '2025-11-06', remainingWorkdays: 13 });
    await step('2025-10-20', clerk, { type: 'end_agency_consultation', result: 'consented' });
    await step('2025-10-27', clerk, { type: 'request_extension', workdays: 10, reason: '需要调取档案' });
    await step('2025-10-27', reviewer, { type: 'approve_extension' });
    await step('2025-10-28', clerk, { type: 'issue_fee_notice', amountYuan: 700, method: 'per_page' });
    await step('2025-11-03', clerk, { type: 'record_fee_payment', amountYuan: 700 });
    const replied = await step('2025-11-20', clerk, { type: 'reply', outcome: 'disclosed' });
    expect(replied.status).toBe('replied');

    const { explanation: e, text } = await on('2025-11-20', () =>
      explainRequestDeadline(deps(), { actor: clerk, requestId: r.id }),
    );
    expect(e.earlierClocks).toHaveLength(1);
    expect(e.clockStart?.on).toBe('2025-09-22');
    expect(e.countedDays.map((d) => d.date)).toEqual([
      '2025-09-23',
      '2025-09-24',
      '2025-09-25', // until the third party is asked
      '2025-10-10',
      '2025-10-11',
      '2025-10-13',
      '2025-10-14', // after National Day; 10-11 is a make-up Saturday
      '2025-10-21',
      '2025-10-22',
      '2025-10-23',
      '2025-10-24',
      '2025-10-27',
      '2025-10-28', // until the fee notice
      '2025-11-04',
      '2025-11-05',
      '2025-11-06',
      '2025-11-07',
      '2025-11-10',
      '2025-11-11',
      '2025-11-12', // day 20
      '2025-11-13',
      '2025-11-14',
      '2025-11-17',
      '2025-11-18',
      '2025-11-19',
      '2025-11-20', // extension
      '2025-11-21',
      '2025-11-24',
      '2025-11-25',
      '2025-11-26', // unused after the reply
    ]);
    expect(e.countedDays.map((d) => d.n)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(e.countedDays.find((d) => d.date === '2025-10-11')).toMatchObject({ isMakeupWorkday: true });
    expect(e.countedDays.filter((d) => d.afterClosure).map((d) => d.date)).toEqual([
      '2025-11-21',
      '2025-11-24',
      '2025-11-25',
      '2025-11-26',
    ]);
    expect(e.excludedPeriods.map((p) => [p.reason, p.excludedDays.map((d) => d.date)])).toEqual([
      ['third_party_consultation', ['2025-09-26', '2025-09-28', '2025-09-29', '2025-09-30', '2025-10-09']],
      ['agency_consultation', ['2025-10-15', '2025-10-16', '2025-10-17', '2025-10-20']],
      ['fee_payment', ['2025-10-29', '2025-10-30', '2025-10-31', '2025-11-03']],
    ]);
    expect(e).toMatchObject({
      baseDueOn: '2025-11-12',
      dueOn: '2025-11-26',
      closedOn: '2025-11-20',
      closedLate: false,
    });
    expect(e.extension).toMatchObject({ workdays: 10, grantedOn: '2025-10-27' });
    expect(text).toContain('第1个工作日  2025-09-23');
    expect(text).toContain('国庆节');
    expect(text).toContain('本申请已于2025年11月20日办结，未超过答复期限');
  });

  describe('every transition refused for the wrong role or state', () => {
    const SAMPLE: Record<string, Record<string, unknown>> = {
      request_correction: { type: 'request_correction', items: ['请写明文号'], correctBy: '2026-12-10' },
      receive_correction: { type: 'receive_correction' },
      correction_lapse: { type: 'correction_lapse' },
      start_third_party_consultation: { type: 'start_third_party_consultation', parties: ['某公司'] },
      end_third_party_consultation: { type: 'end_third_party_consultation', result: 'consented' },
      start_agency_consultation: { type: 'start_agency_consultation', agencies: ['某局'] },
      end_agency_consultation: { type: 'end_agency_consultation', result: 'consented' },
      request_extension: { type: 'request_extension', workdays: 10, reason: '检索量大' },
      approve_extension: { type: 'approve_extension' },
      refuse_extension: { type: 'refuse_extension', reason: '理由不充分' },
      issue_fee_notice: { type: 'issue_fee_notice', amountYuan: 100, method: 'per_page' },
      record_fee_payment: { type: 'record_fee_payment', amountYuan: 100 },
      fee_lapse: { type: 'fee_lapse' },
      reply: { type: 'reply', outcome: 'disclosed' },
      withdraw: { type: 'withdraw' },
      reopen: { type: 'reopen', reviewCaseId: '00000000-0000-4000-8000-000000000000' },
    };
    // Which actions the table allows in each state (transitions.ts TRANSITIONS), restated here.
    const ALLOWED: Record<string, string[]> = {
      awaiting_reply: [
        'request_correction',
        'start_third_party_consultation',
        'start_agency_consultation',
        'request_extension',
        'approve_extension',
        'refuse_extension',
        'issue_fee_notice',
        'reply',
        'withdraw',
      ],
      awaiting_correction: ['receive_correction', 'correction_lapse', 'withdraw'],
      third_party_consultation: [
        'end_third_party_consultation',
        'request_extension',
        'approve_extension',
        'refuse_extension',
        'withdraw',
      ],
      agency_consultation: [
        'end_agency_consultation',
        'request_extension',
        'approve_extension',
        'refuse_extension',
        'withdraw',
      ],
      awaiting_fee_payment: [
        'record_fee_payment',
        'fee_lapse',
        'request_extension',
        'approve_extension',
        'refuse_extension',
        'withdraw',
      ],
      replied: ['reopen'],
      withdrawn: [],
      lapsed: ['reopen'],
    };
    const byState: Record<string, string> = {};

    beforeAll(async () => {
      const make = async (steps: Record<string, unknown>[], day = '2026-11-20') => {
        const r = await on(day, () =>
          registerRequest(deps(), { actor: clerk, intake: intake({ handedInOn: day }) }),
        );
        for (const step of steps) await act(clerk, r.id, step);
        return r.id;
      };
      byState.awaiting_reply = await make([]);
      byState.awaiting_correction = await make([SAMPLE.request_correction!]);
      byState.third_party_consultation = await make([SAMPLE.start_third_party_consultation!]);
      byState.agency_consultation = await make([SAMPLE.start_agency_consultation!]);
      byState.awaiting_fee_payment = await make([SAMPLE.issue_fee_notice!]);
      byState.replied = await make([SAMPLE.reply!]);
      byState.withdrawn = await make([SAMPLE.withdraw!]);
      // 视为放弃: the correction period ran out.
      const lapsed = await make([
        { ...SAMPLE.request_correction!, on: '2026-11-20', correctBy: '2026-11-24' },
      ]);
      await act(clerk, lapsed, { type: 'correction_lapse' });
      byState.lapsed = lapsed;
    });

    it('refuses every action the table does not allow in each state, with invalid_state', async () => {
      const refused: string[] = [];
      for (const [state, requestId] of Object.entries(byState)) {
        expect((await getRequest(deps(), { actor: clerk, requestId })).status).toBe(state);
        for (const [type, action] of Object.entries(SAMPLE)) {
          if (ALLOWED[state]!.includes(type)) continue;
          const actor = type === 'reopen' || type.endsWith('_extension') ? reviewer : clerk;
          const code = await codeOf(act(actor, requestId, action));
          expect(code, `${type} in ${state}`).toBe('invalid_state');
          refused.push(`${state}:${type}`);
        }
      }
      expect(refused.length).toBeGreaterThan(90);
    });

    it('refuses the reviewer-only steps to a clerk, and every step to a supervisor and a system admin', async () => {
      for (const type of ['approve_extension', 'refuse_extension'] as const) {
        expect(await codeOf(act(clerk, byState.awaiting_reply!, SAMPLE[type]!))).toBe('forbidden');
      }
      expect(await codeOf(act(clerk, byState.replied!, SAMPLE.reopen!))).not.toBe('ok');
      for (const [type, action] of Object.entries(SAMPLE)) {
        const state = Object.keys(ALLOWED).find((s) => ALLOWED[s]!.includes(type)) ?? 'awaiting_reply';
        expect(await codeOf(act(supervisor, byState[state]!, action)), `supervisor ${type}`).toBe(
          'forbidden',
        );
        expect(await codeOf(act(systemAdmin, byState[state]!, action)), `admin ${type}`).toBe('forbidden');
      }
    });

    it('keeps another agency’s clerk out: not found, whatever the action', async () => {
      expect(await codeOf(getRequest(deps(), { actor: townClerk, requestId: byState.awaiting_reply! }))).toBe(
        'not_found',
      );
      expect(await codeOf(act(townClerk, byState.awaiting_reply!, SAMPLE.reply!, 1))).toBe('not_found');
    });
  });

  it('lets exactly one of two clerks acting at the same moment win; the other gets a conflict', async () => {
    const r = await registerRequest(deps(), { actor: clerk, intake: intake() });
    const { version } = await getRequest(deps(), { actor: clerk, requestId: r.id });
    const results = await Promise.allSettled([
      act(clerk, r.id, { type: 'reply', outcome: 'disclosed' }, version),
      act(reviewer, r.id, { type: 'withdraw', reason: '申请人电话撤回' }, version),
    ]);
    const won = results.filter((x) => x.status === 'fulfilled');
    const lost = results.filter((x): x is PromiseRejectedResult => x.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason.code).toBe('conflict');
    expect(lost[0]!.reason.message).toMatch(/已被他人办理.*请刷新/);
    const detail = await getRequest(deps(), { actor: clerk, requestId: r.id });
    expect(detail.events).toHaveLength(2);
    expect(detail.version).toBe(version + 1);
  });

  it('loses the race on the event sequence too, when both loaded the log before either wrote', async () => {
    // Without an expected version both writers load the same log; the unique (request_id, seq) index
    // or the version check stops the second one.
    const r = await registerRequest(deps(), { actor: clerk, intake: intake() });
    const results = await Promise.allSettled([
      actOnRequest(deps(), {
        actor: clerk,
        requestId: r.id,
        expectedVersion: 2,
        action: { type: 'reply', outcome: 'disclosed' },
      }),
      actOnRequest(deps(), {
        actor: clerk,
        requestId: r.id,
        expectedVersion: 2,
        action: { type: 'request_extension', workdays: 5, reason: '需要检索' },
      }),
    ]);
    expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((x): x is PromiseRejectedResult => x.status === 'rejected')!;
    expect(rejected.reason.code).toBe('conflict');
  });

  it('moves cached due dates when an admin changes the calendar, and tells the staff which moved', async () => {
    const r = await registerRequest(deps(), { actor: clerk, intake: intake() });
    expect(r.dueOn).toBe('2026-12-25');
    const repos = createRepositories(testDb.database.db);
    const days2026 = await repos.calendar.listDays(2026);
    const notice = (extra: { date: string; name: string }[]) =>
      JSON.stringify({
        year: 2026,
        holidays: [...days2026.filter((d) => d.kind === 'holiday'), ...extra],
        makeupWorkdays: days2026.filter((d) => d.kind === 'makeup_workday'),
      });
    const result = await importHolidayNotice(deps(), {
      actor: systemAdmin,
      fileName: '2026.json',
      content: notice([{ date: '2026-12-01', name: '测试假日' }]),
      year: 2026,
    });
    expect(result.changedDates).toEqual(['2026-12-01']);
    expect(result.movedDueDates).toBeGreaterThan(0);
    const detail = await getRequest(deps(), { actor: clerk, requestId: r.id });
    expect(detail.dueOn).toBe('2026-12-28');
    const dashboard = await computeDisclosureDashboard(deps(), { actor: clerk });
    const change = dashboard.dueDateChanges.find((c) => c.requestId === r.id)!;
    expect(change).toMatchObject({ oldDueOn: '2026-12-25', newDueOn: '2026-12-28', calendarYear: 2026 });
    // Restore the official arrangement: the due date moves back.
    await importHolidayNotice(deps(), {
      actor: systemAdmin,
      fileName: '2026.json',
      content: notice([]),
      year: 2026,
    });
    expect((await getRequest(deps(), { actor: clerk, requestId: r.id })).dueOn).toBe('2026-12-25');
  });

  it('computes the dashboard per agency and per clerk; cache-based figures equal the fold', async () => {
    const dashboard = await computeDisclosureDashboard(deps(), { actor: supervisor });
    expect(dashboard.byAgency.map((a) => a.agencyName)).toEqual(
      expect.arrayContaining(['张家港市行政审批局', '张家港市塘桥镇人民政府']),
    );
    expect(dashboard.totals.overdue).toBeGreaterThan(0);
    expect(dashboard.totals.unconfirmed).toBeGreaterThan(0);
    const own = await computeDisclosureDashboard(deps(), { actor: townClerk });
    expect(own.byAgency.map((a) => a.agencyName)).toEqual(['张家港市塘桥镇人民政府']);

    const repos = createRepositories(testDb.database.db);
    const rows = await repos.disclosureRequests.listOpenForDashboard(
      agencyScopeOf(clerk.roles, clerk.agencyId),
    );
    const calendar = await loadWorkdayCalendar(testDb.database.db);
    const eventsOf = await repos.disclosureRequests.listEventsOf(rows.map((r) => r.id));
    expect(rows.some((r) => r.clockPhase === 'paused')).toBe(true);
    // The cache was written on 2026-11-27; judge it then and on later days, against the fold.
    let compared = 0;
    for (const day of ['2026-11-27', '2026-12-01', '2026-12-09', '2026-12-18']) {
      for (const row of rows.filter((r) => r.clockPhase === 'running' || r.clockPhase === 'paused')) {
        const fold = computeDeadline(eventsOf.get(row.id)!, calendar, day);
        if (fold.missingCalendarYear) continue;
        const judged = judgeRow(row, needsRefold(row) ? eventsOf.get(row.id) : undefined, calendar, day);
        expect(
          {
            dueOn: judged.dueOn,
            remaining: judged.remaining,
            overdue: judged.overdue,
            paused: judged.paused,
          },
          `${row.trackingCode} on ${day}`,
        ).toEqual({
          dueOn: fold.dueOn,
          remaining: fold.remainingWorkdays,
          overdue: fold.overdue,
          paused: fold.paused,
        });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(10);
    const fromCache = summariseDashboard(rows, new Map(), calendar, '2026-12-01', 5);
    const fromFold = summariseDashboard(rows, eventsOf, calendar, '2026-12-01', 5);
    expect(fromCache.totals).toEqual(fromFold.totals);
  });

  it('takes a public application to a reply: submit, confirm (第三十一条第三项), look up, reply letter', async () => {
    const submitted = await on('2026-11-21', () =>
      submitApplication(deps(), {
        agencyCode: '11320582014000028G',
        application: intake(),
        files: [{ fileName: '身份证复印件.pdf', content: Buffer.from('%PDF-1.4 test') }],
      }),
    );
    expect(submitted.trackingCode).toMatch(/^Y20261121-[0-9A-Z]{6}$/);
    const before = await lookUpRequest(deps(), {
      trackingCode: submitted.trackingCode,
      secret: submitted.secret,
    });
    expect(before.statusLabel).toBe('已提交，等待行政机关确认收到');
    expect(before.applicantName).toBe('测****');
    expect(
      await codeOf(lookUpRequest(deps(), { trackingCode: submitted.trackingCode, secret: 'AAAA-BBBB-CCCC' })),
    ).toBe('not_found');

    const list = await createRepositories(testDb.database.db).disclosureRequests.findByTrackingCode(
      submitted.trackingCode,
    );
    // Saturday 11-21 submitted; confirmed Monday 11-23: that day is the receipt date.
    const confirmed = await on('2026-11-23', () =>
      confirmReceipt(deps(), { actor: clerk, requestId: list!.id, expectedVersion: list!.version }),
    );
    expect(confirmed.receivedOn).toBe('2026-11-23');
    expect(confirmed.dueOn).toBe('2026-12-21');
    await act(clerk, list!.id, { type: 'reply', outcome: 'unavailable.not_held' });
    const letter = await draftRequestLetter(deps(), { actor: clerk, requestId: list!.id, kind: 'reply' });
    expect(letter.templateKey).toBe('reply.unavailable');
    expect(letter.body).toContain('第三十六条第（四）项');
    expect(letter.body).toContain('60日内向张家港市人民政府申请行政复议');
    expect(letter.body).toContain('6个月内');
    expect(
      await codeOf(
        issueRequestLetter(deps(), {
          actor: clerk,
          requestId: list!.id,
          letterId: letter.id,
          expectedVersion: 1,
        }),
      ),
    ).toBe('validation_failed');
    const edited = await updateRequestLetter(deps(), {
      actor: clerk,
      requestId: list!.id,
      letterId: letter.id,
      expectedVersion: letter.version,
      title: letter.title,
      body: letter.body.replace(/\n（请填写[^）]*）/, ''),
    });
    const issued = await issueRequestLetter(deps(), {
      actor: clerk,
      requestId: list!.id,
      letterId: letter.id,
      expectedVersion: edited.version,
    });
    expect(issued.status).toBe('issued');
    const after = await lookUpRequest(deps(), {
      trackingCode: submitted.trackingCode,
      secret: submitted.secret,
    });
    expect(after.statusLabel).toBe('已答复');
    expect(after.outcomeLabel).toBe('无法提供—本机关不掌握相关政府信息');
    expect(after.documents).toHaveLength(1);
    expect(after.explanationText).toContain('计时说明');
    const attachment = await createRepositories(testDb.database.db).disclosureRequests.findAttachment(
      list!.id,
      issued.attachmentId!,
    );
    const xml = await (await JSZip.loadAsync(attachment!.content)).file('word/document.xml')!.async('string');
    expect(xml).toContain('政府信息公开申请答复书');
    expect(xml).toContain('本机关不掌握');
    expect(xml).toContain(submitted.trackingCode);
    const footer = Object.keys((await JSZip.loadAsync(attachment!.content)).files).find((f) =>
      /^word\/footer\d+\.xml$/.test(f),
    )!;
    expect(await (await JSZip.loadAsync(attachment!.content)).file(footer)!.async('string')).toContain(
      '2026.1',
    );
  });

  it('quotes the fee with the applicant’s earlier pieces of the month and checks the notice against it', async () => {
    const first = await on('2026-11-10', () =>
      registerRequest(deps(), { actor: clerk, intake: intake({ handedInOn: '2026-11-10' }), pieces: 10 }),
    );
    const second = await on('2026-11-12', () =>
      registerRequest(deps(), { actor: clerk, intake: intake({ handedInOn: '2026-11-12' }), pieces: 5 }),
    );
    expect(first.id).not.toBe(second.id);
    const quote = await quoteRequestFee(deps(), {
      actor: clerk,
      requestId: second.id,
      basis: { method: 'per_piece' },
    });
    expect(quote.earlierPiecesThisMonth).toBeGreaterThanOrEqual(10);
    const perPage = await quoteRequestFee(deps(), {
      actor: clerk,
      requestId: second.id,
      basis: { method: 'per_page', pages: 250 },
    });
    expect(perPage.quote.amountYuan).toBe(4700);
    const version = (await getRequest(deps(), { actor: clerk, requestId: second.id })).version;
    expect(
      await codeOf(
        actOnRequest(deps(), {
          actor: clerk,
          requestId: second.id,
          expectedVersion: version,
          action: { type: 'issue_fee_notice', amountYuan: 4600, method: 'per_page' },
          feeBasis: { method: 'per_page', pages: 250 },
        }),
      ),
    ).toBe('validation_failed');
    const issued = await actOnRequest(deps(), {
      actor: clerk,
      requestId: second.id,
      expectedVersion: version,
      action: { type: 'issue_fee_notice', amountYuan: 4700, method: 'per_page' },
      feeBasis: { method: 'per_page', pages: 250 },
    });
    expect(issued.status).toBe('awaiting_fee_payment');
  });

  it('reopens a request corrected on reconsideration, with a new clock, and counts the case in section 四', async () => {
    const r = await on('2026-10-09', () =>
      registerRequest(deps(), { actor: clerk, intake: intake({ handedInOn: '2026-10-09' }) }),
    );
    await on('2026-10-20', () =>
      act(clerk, r.id, { type: 'reply', outcome: 'withheld.process_information' }),
    );
    const opened = await on('2026-11-02', () =>
      openReviewCase(deps(), {
        actor: clerk,
        requestId: r.id,
        kind: 'reconsideration',
        body: '张家港市人民政府',
        receivedOn: '2026-11-02',
      }),
    );
    expect(opened.contestedEventSeq).toBe(2);
    expect(
      await codeOf(
        openReviewCase(deps(), {
          actor: supervisor,
          requestId: r.id,
          kind: 'reconsideration',
          body: '张家港市人民政府',
          receivedOn: '2026-11-02',
        }),
      ),
    ).toBe('forbidden');
    const decided = await on('2026-11-20', () =>
      decideReviewCase(deps(), {
        actor: reviewer,
        reviewCaseId: opened.id,
        expectedVersion: opened.version,
        result: 'corrected',
        decidedOn: '2026-11-20',
      }),
    );
    expect(decided.reopened).toBe(true);
    const detail = await getRequest(deps(), { actor: clerk, requestId: r.id });
    expect(detail.status).toBe('awaiting_reply');
    expect(detail.deadline.clockStartReason).toBe('reopened');
    // New clock from Fri 2026-11-20: 20 workdays → Fri 2026-12-18.
    expect(detail.dueOn).toBe('2026-12-18');
    const feed = await computeReportSections34(deps(), {
      actor: clerk,
      agencyId: clerk.agencyId,
      year: 2026,
    });
    expect(feed.section4.reconsideration.corrected).toBeGreaterThanOrEqual(1);
    expect(feed.drillDown.section4.reconsideration.corrected).toContain(opened.id);
    // The first reply stays counted in section 三 of its year; the new reply does not count again.
    expect(feed.drillDown.section3['withheld.process_information'].natural_person).toContain(r.id);
  });

  it('proposes information asked for by three applicants for proactive disclosure (第四十四条)', async () => {
    const proposals = await listProactiveDisclosureProposals(deps(), {
      actor: clerk,
      agencyId: clerk.agencyId,
    });
    const budget = proposals.find((p) => p.representativeDescription.includes('预算'));
    expect(budget?.applicantCount).toBe(3);
  });
});
