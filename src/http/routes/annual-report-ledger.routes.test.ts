import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  ENGINES,
  fixedClock,
  type TestDatabase,
} from '../../../test/helpers/database.ts';
import { as, createTestServer, type LoggedIn, logInAs } from '../../../test/helpers/http.ts';
import { DEMO_PASSWORD } from '../../app/demo/demo-region.ts';
import type {
  AnnualReportSummary,
  AnnualReportView,
  FillFromLedgerResult,
} from '../../contract/annual-report-api.ts';

describe.each(ENGINES)('HTTP: annual report filled from the ledger on %s', (engine) => {
  let testDb: TestDatabase;
  let app: FastifyInstance;
  let clerk: LoggedIn;
  let townClerk: LoggedIn;
  let supervisor: LoggedIn;
  let draft: AnnualReportView;

  beforeAll(async () => {
    testDb = await createTestDatabase(engine, { demo: true, clock: fixedClock('2023-01-10T02:00:00Z') });
    app = await createTestServer(testDb);
    clerk = await logInAs(app, 'spj.clerk', DEMO_PASSWORD);
    townClerk = await logInAs(app, 'tq.clerk', DEMO_PASSWORD);
    supervisor = await logInAs(app, 'zjg.supervisor', DEMO_PASSWORD);
    const created = await app.inject({
      method: 'POST',
      url: '/api/annual-reports',
      headers: as(clerk),
      payload: { year: 2022 },
    });
    expect(created.statusCode).toBe(201);
    draft = created.json() as AnnualReportView;
  });
  afterAll(async () => {
    await app?.close();
    await testDb?.close();
  });

  const fill = (session: LoggedIn | null, payload: object, id = draft.id) =>
    app.inject({
      method: 'POST',
      url: `/api/annual-reports/${id}/fill-from-ledger`,
      headers: session ? as(session) : {},
      payload,
    });

  it('refuses a clerk of 塘桥镇 (another agency) as if the report did not exist, and changes nothing', async () => {
    const response = await fill(townClerk, { version: draft.version, overwriteManual: true });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.message).toBe('未找到相应记录');
    const supervising = await fill(supervisor, { version: draft.version });
    expect(supervising.statusCode).toBe(403);
    expect((await fill(null, { version: draft.version })).statusCode).toBe(401);
    const noCsrf = await app.inject({
      method: 'POST',
      url: `/api/annual-reports/${draft.id}/fill-from-ledger`,
      headers: { cookie: clerk.cookie },
      payload: { version: draft.version },
    });
    expect(noCsrf.statusCode).toBe(403);
    const read = await app.inject({ url: `/api/annual-reports/${draft.id}`, headers: as(clerk) });
    expect((read.json() as AnnualReportView).version).toBe(draft.version);
  });

  it('fills the clerk’s own draft: a manual override is kept, then replaced when asked, with the cells computed', async () => {
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/annual-reports/${draft.id}/cells`,
      headers: as(clerk),
      payload: { version: draft.version, cells: [{ cell: 'section3.new.total', value: 99 }] },
    });
    expect(patched.statusCode).toBe(200);
    const manual = patched.json() as AnnualReportView;
    expect(manual.cellEntries['section3.new.total']?.origin).toBe('manual');

    const kept = await fill(clerk, { version: manual.version });
    expect(kept.statusCode).toBe(200);
    const keptResult = kept.json() as FillFromLedgerResult;
    expect(keptResult.keptManual).toEqual([
      { cell: 'section3.new.total', value: 99, ledger: draft.tables.section3.new.total },
    ]);
    expect(keptResult.notes.join('')).toContain('行政事业性收费');

    const replaced = await fill(clerk, { version: keptResult.report.version, overwriteManual: true });
    expect(replaced.statusCode).toBe(200);
    const result = replaced.json() as FillFromLedgerResult;
    expect(result.changed).toEqual([
      { cell: 'section3.new.total', from: 99, to: draft.tables.section3.new.total },
    ]);
    expect(result.report.cellEntries['section3.new.total']).toMatchObject({
      origin: 'computed',
      enteredByLabel: '陈承办（spj.clerk）',
    });
    const stale = await fill(clerk, { version: manual.version });
    expect(stale.statusCode).toBe(409);
    const bad = await fill(clerk, { version: 'one' });
    expect(bad.statusCode).toBe(400);

    const trail = await app.inject({ url: `/api/annual-reports/${draft.id}/audit`, headers: as(clerk) });
    expect(trail.json()[0]).toMatchObject({
      action: 'annual_report.filled_from_ledger',
      actorLabel: '陈承办（spj.clerk）',
      summary: '从台账取数：更新1个单元格',
    });
  });

  it('lists the demo 2021 report whose ledger cells are marked computed', async () => {
    const list = (await app.inject({ url: '/api/annual-reports', headers: as(clerk) })).json();
    const report2021 = (list as AnnualReportSummary[]).find((r) => r.year === 2021)!;
    const view = (
      await app.inject({ url: `/api/annual-reports/${report2021.id}`, headers: as(clerk) })
    ).json() as AnnualReportView;
    expect(view.cellEntries['section2.licensing.decisions']).toMatchObject({
      value: 43850,
      origin: 'computed',
    });
    expect(view.cellEntries['section3.new.natural_person']).toMatchObject({ value: 2, origin: 'computed' });
    expect(view.cellEntries['section4.reconsideration.total']).toMatchObject({
      value: 0,
      origin: 'computed',
    });
    // Published: no refresh.
    const locked = await fill(clerk, { version: view.version }, view.id);
    expect(locked.statusCode).toBe(409);
  });
});
