/**
 * 办理看板 over 100,000 open disclosure requests, beside its baselines: the plain SELECT of the same
 * rows (what any dashboard has to pay), and the full refold of every request from its event log (what
 * the row cache saves). The requests are seeded in bulk, already folded, as a real intake leaves them:
 * most running, some paused for a consultation, some awaiting correction.
 * Run: npx tsx bench/disclosure-dashboard.bench.ts   (BENCH_REQUESTS=20000 for a quicker run;
 * DATABASE_URL=postgres://… to measure on PostgreSQL)
 */

import { loadWorkdayCalendar } from '../src/app/calendar/load-workday-calendar.ts';
import {
  computeDisclosureDashboard,
  needsRefold,
  summariseDashboard,
} from '../src/app/disclosure-request/compute-disclosure-dashboard.ts';
import { foldCache } from '../src/app/disclosure-request/request-fold.ts';
import { openSystem } from '../src/bootstrap.ts';
import { addWorkdays, isWorkday, type WorkdayCalendar } from '../src/core/calendar/index.ts';
import { computeDeadline, type RequestEvent } from '../src/core/disclosure-request/index.ts';
import { addDays, type LocalDate } from '../src/core/shared/local-date.ts';
import type { Actor } from '../src/core/staff/index.ts';
import type { DisclosureRequestFields } from '../src/db/repositories/disclosure-request.repository.ts';
import { createRepositories } from '../src/db/repositories/index.ts';

const TOTAL = Number(process.env.BENCH_REQUESTS ?? 100_000);
const TODAY: LocalDate = '2026-11-27';
const ROWS_PER_INSERT = 1000;
const RUNS = 3;

const system = await openSystem({
  dataDir: 'memory://',
  demo: true,
  clock: { now: () => new Date(`${TODAY}T02:00:00Z`) },
  ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
});

function workdaysBefore(calendar: WorkdayCalendar, date: LocalDate, n: number): LocalDate {
  let day = date;
  for (let counted = 0; counted < n; ) {
    day = addDays(day, -1);
    if (isWorkday(calendar, day)) counted++;
  }
  return day;
}

async function median(label: string, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await work();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const ms = times[Math.floor(RUNS / 2)]!;
  console.log(`${label.padEnd(58)} ${ms.toFixed(0).padStart(7)} ms   (median of ${RUNS})`);
  return ms;
}

try {
  const repos = createRepositories(system.database.db);
  const calendar = await loadWorkdayCalendar(system.database.db);
  const agencies = await repos.agencies.listAll();
  const bureau = agencies.find((a) => a.name === '张家港市行政审批局')!;
  const town = agencies.find((a) => a.name === '张家港市塘桥镇人民政府')!;
  const staff = await repos.staff.listInScope({ kind: 'all' });
  const id = (username: string) => staff.find((s) => s.username === username)!.id;
  const supervisor = staff.find((s) => s.username === 'zjg.supervisor')!;
  const actor: Actor = {
    staffId: supervisor.id,
    username: supervisor.username,
    displayName: supervisor.displayName,
    agencyId: supervisor.agencyId,
    roles: supervisor.roles,
  };
  const handlers = [id('spj.clerk'), id('spj.reviewer'), null];
  const receiptDays = Array.from({ length: 30 }, (_, i) => workdaysBefore(calendar, TODAY, i));

  // ── Seed ──────────────────────────────────────────────────────────────────────────────────────
  const t0 = performance.now();
  for (let start = 0; start < TOTAL; start += ROWS_PER_INSERT) {
    const rows: (DisclosureRequestFields & ReturnType<typeof foldCache>['cache'])[] = [];
    const logs: RequestEvent[][] = [];
    for (let i = start; i < Math.min(TOTAL, start + ROWS_PER_INSERT); i++) {
      const receivedOn = receiptDays[i % receiptDays.length]!;
      const events: RequestEvent[] = [
        {
          kind: 'received',
          on: receivedOn,
          actorId: null,
          payload: { channel: 'in_person', basis: 'handed_in' },
        },
      ];
      if (i % 10 === 1 && receivedOn < TODAY) {
        events.push({
          kind: 'third_party_consultation_started',
          on: addDays(receivedOn, 1) > TODAY ? TODAY : addDays(receivedOn, 1),
          actorId: null,
          payload: { parties: ['某公司'], deliveredOn: null },
        });
      } else if (i % 20 === 3 && receivedOn < TODAY) {
        events.push({
          kind: 'correction_requested',
          on: TODAY,
          actorId: null,
          payload: { items: ['请写明文号'], correctBy: addWorkdays(calendar, TODAY, 10) },
        });
      }
      logs.push(events);
      const agencyId = i % 5 === 0 ? town.id : bureau.id;
      rows.push({
        agencyId,
        trackingCode: `BENCH-${i}`,
        lookupSecretHash: '0'.repeat(64),
        applicantType: i % 7 === 0 ? 'commercial_enterprise' : 'natural_person',
        applicantName: `申请人${i}`,
        identityDocumentKind: 'resident_id',
        identityDocumentName: null,
        identityNumber: `3205821990${String(i).padStart(8, '0')}`,
        contactPerson: null,
        phone: '13800000000',
        email: null,
        postalAddress: null,
        postalCode: null,
        description: `基准测试申请第${i}件：某项目的审批文件`,
        documentNumber: null,
        formWanted: 'paper',
        delivery: 'pick_up',
        needsAssistance: false,
        pieces: 1,
        channel: 'in_person',
        submittedAt: null,
        note: null,
        assignedStaffId: agencyId === bureau.id ? handlers[i % 3]! : id('tq.clerk'),
        repeatHints: [],
        ...foldCache(events, calendar, TODAY).cache,
      });
    }
    const ids = await repos.disclosureRequests.insertMany(rows);
    await repos.disclosureRequests.appendEventsMany(
      ids.flatMap((requestId, k) =>
        logs[k]!.map((event, seq) => ({ requestId, agencyId: rows[k]!.agencyId, seq: seq + 1, event })),
      ),
    );
    if ((start / ROWS_PER_INSERT) % 10 === 9) process.stderr.write(`  seeded ${start + ROWS_PER_INSERT}\n`);
  }
  const open = (await repos.disclosureRequests.listOpenForDashboard({ kind: 'all' })).length;
  console.log(
    `seeded ${TOTAL} open requests in ${((performance.now() - t0) / 1000).toFixed(1)} s (${system.database.engine}); ${open} open in total`,
  );

  // ── Measure ───────────────────────────────────────────────────────────────────────────────────
  const scope = { kind: 'subtree' as const, rootAgencyId: actor.agencyId };
  const baseline = await median('baseline: SELECT the open rows (no computation)', () =>
    repos.disclosureRequests.listOpenForDashboard(scope),
  );
  const dashboard = await median('dashboard use case (SELECT + judge from the cache + aggregate)', () =>
    computeDisclosureDashboard(system.deps, { actor }),
  );
  const rows = await repos.disclosureRequests.listOpenForDashboard(scope);
  const refold = rows.filter(needsRefold).map((r) => r.id);
  const refoldEvents = await repos.disclosureRequests.listEventsOf(refold);
  const paused = rows.filter((r) => r.clockPhase === 'paused').length;
  await median(
    `  of which in-memory summary (${rows.length} rows, ${paused} paused, ${refold.length} refolded)`,
    async () => summariseDashboard(rows, refoldEvents, calendar, TODAY, 5),
  );
  const full = await median('comparison: refold every request from its events', async () => {
    const all = await repos.disclosureRequests.listEventsOf(rows.map((r) => r.id));
    for (const events of all.values()) computeDeadline(events, calendar, TODAY);
  });
  const summary = await computeDisclosureDashboard(system.deps, { actor });
  console.log(
    `dashboard/baseline ${(dashboard / baseline).toFixed(2)}×; full refold/dashboard ${(full / dashboard).toFixed(2)}×; ` +
      `totals: open ${summary.totals.open}, overdue ${summary.totals.overdue}, due soon ${summary.totals.dueSoon}, paused ${summary.totals.paused}`,
  );
} finally {
  await system.close();
}
