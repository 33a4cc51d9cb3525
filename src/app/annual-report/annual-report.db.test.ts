import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  ENGINES,
  fixedClock,
  type TestDatabase,
} from '../../../test/helpers/database.ts';
import { actorsByUsername } from '../../../test/helpers/fixtures.ts';
import { SHARED_DIR } from '../../../test/helpers/shared-fixtures.ts';
import type { AnnualReportView } from '../../contract/annual-report-api.ts';
import {
  diffTables,
  listCells,
  type ReportTables,
  type RuleId,
  SECTION3_COLUMNS,
} from '../../core/annual-report/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { Actor } from '../../core/staff/index.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import type { AppDeps } from '../shared/deps.ts';
import { acceptAnnualReport } from './accept-annual-report.ts';
import { buildReportFile } from './build-report-file.ts';
import { compileAnnualReports } from './compile-annual-reports.ts';
import { createAnnualReport } from './create-annual-report.ts';
import { getAnnualReport } from './get-annual-report.ts';
import { getCompilationOverview } from './get-compilation-overview.ts';
import { listAnnualReports } from './list-annual-reports.ts';
import { listReportAudit } from './list-report-audit.ts';
import { listReportsForReview } from './list-reports-for-review.ts';
import { publishAnnualReport } from './publish-annual-report.ts';
import { returnAnnualReport } from './return-annual-report.ts';
import { saveCompiledReport } from './save-compiled-report.ts';
import { storeParsedReport } from './store-parsed-report.ts';
import { submitAnnualReport } from './submit-annual-report.ts';
import { updateReportCells } from './update-report-cells.ts';
import { updateReportProse } from './update-report-prose.ts';

const SEED_EXPECTED = `${SHARED_DIR}/fixtures/seed/zhangjiagang-approval-bureau-2021.expected.json`;

function seedExpectedTables(): ReportTables {
  const raw = JSON.parse(readFileSync(SEED_EXPECTED, 'utf8')) as Record<string, unknown>;
  const { source: _s, findings: _f, notes: _n, ...tables } = raw;
  return tables as unknown as ReportTables;
}

/** Rejects with a DomainError of that code (and, when given, a message matching). */
async function refused(promise: Promise<unknown>, code: string, message?: RegExp): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  if (message) expect((error as DomainError).message).toMatch(message);
  return error as DomainError;
}

/** Every cell of the report set to 0, in one save. */
function zeroCells(view: AnnualReportView) {
  return listCells(view.tables).map(({ cell }) => ({ cell, value: 0 }));
}

describe.each(ENGINES)('annual report use cases on %s', (engine) => {
  let testDb: TestDatabase;
  let deps: AppDeps;
  const actors = new Map<string, Actor>();
  const agencyIds = new Map<string, string>();
  const as = (username: string): Actor => {
    const actor = actors.get(username);
    if (!actor) throw new Error(`no demo account ${username}`);
    return actor;
  };
  const clock = fixedClock('2023-01-10T02:00:00Z');

  beforeAll(async () => {
    testDb = await createTestDatabase(engine, { demo: true, clock });
    deps = testDb.deps;
    const repos = createRepositories(deps.db);
    for (const [username, actor] of await actorsByUsername(deps.db)) actors.set(username, actor);
    for (const agency of await repos.agencies.listAll()) agencyIds.set(agency.name, agency.id);
  });
  afterAll(async () => testDb?.close());

  const bureauId = () => agencyIds.get('张家港市行政审批局')!;
  const townId = () => agencyIds.get('张家港市塘桥镇人民政府')!;

  it('seeds the bureau’s published 2021 report with exactly the seed’s figures, each cell from the ledger or typed by the clerk', async () => {
    const [summary] = await listAnnualReports(deps, { actor: as('spj.clerk'), agencyId: bureauId() });
    expect(summary).toMatchObject({
      year: 2021,
      status: 'published',
      errorCount: 0,
      publishedOn: '2022-01-28',
    });
    const file = await buildReportFile(deps, { agency: '11320582014000028G', year: 2021, format: 'json' });
    const exported = JSON.parse(file.bytes.toString('utf8')) as ReportTables;
    expect(diffTables(exported, seedExpectedTables())).toEqual([]);
    expect(exported).toEqual(seedExpectedTables());

    const view = await getAnnualReport(deps, { actor: as('spj.clerk'), reportId: summary!.id });
    expect(view.findings).toEqual([]);
    expect(view.prose.overview).toContain('（一）建立健全工作机制');
    expect(view.prose.otherMatters).toContain('信息公开收费情况');
    for (const { cell } of listCells(view.tables)) {
      expect(view.cellEntries[cell], cell).toMatchObject({
        // No fee records in the demo ledger: the fee is the one figure the clerk typed.
        origin: cell === 'section2.administrative_fee.amount_wan_yuan' ? 'manual' : 'computed',
        enteredByLabel: '陈承办（spj.clerk）',
      });
    }
    expect(view.allowedActions).toEqual([]);
  });

  let draft: AnnualReportView;

  it('creates the 2022 report with the ledger’s figures, 上年结转 equal to 2021’s 结转下年度, and a drafted section 一', async () => {
    draft = await createAnnualReport(deps, { actor: as('spj.clerk'), agencyId: bureauId(), year: 2022 });
    expect(draft).toMatchObject({ status: 'draft', source: 'authored', year: 2022, deadline: '2023-01-31' });
    expect(draft.previous?.year).toBe(2021);
    for (const column of SECTION3_COLUMNS) expect(draft.tables.section3.carried_over[column]).toBe(0);
    expect(draft.findings.filter((f) => f.rule === 'R6')).toEqual([]);
    // Computed from the ledger (the demo requests near the clock's day), not left blank.
    expect(draft.tables.section3.new.natural_person).toEqual(expect.any(Number));
    expect(draft.cellEntries['section3.carried_over.total']?.origin).toBe('computed');
    // No fee records: the one cell the ledger cannot compute stays blank.
    expect(draft.tables.section2.administrative_fee.amount_wan_yuan).toBeNull();
    expect(draft.prose.overview).toMatch(/^2022年，张家港市行政审批局认真贯彻落实/);
    expect(draft.allowedActions).toEqual(['edit']);
    await refused(
      createAnnualReport(deps, { actor: as('spj.reviewer'), agencyId: bureauId(), year: 2022 }),
      'duplicate',
    );
    await refused(
      createAnnualReport(deps, { actor: as('spj.clerk'), agencyId: bureauId(), year: 2024 }),
      'validation_failed',
      /尚未开始/,
    );
  });

  it('refuses to submit a report with blank cells, naming them', async () => {
    await refused(
      submitAnnualReport(deps, { actor: as('spj.reviewer'), reportId: draft.id, version: draft.version }),
      'report_has_errors',
      /尚有\d+个单元格未填写/,
    );
  });

  it('records who entered each cell and refuses a stale version', async () => {
    draft = await updateReportCells(deps, {
      actor: as('spj.clerk'),
      reportId: draft.id,
      version: draft.version,
      cells: zeroCells(draft),
    });
    expect(draft.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(draft.cellEntries['section3.new.natural_person']).toMatchObject({
      value: 0,
      origin: 'manual',
      enteredByLabel: '陈承办（spj.clerk）',
    });
    await refused(
      updateReportCells(deps, {
        actor: as('spj.clerk'),
        reportId: draft.id,
        version: draft.version - 1,
        cells: [{ cell: 'section3.new.total', value: 1 }],
      }),
      'conflict',
    );
    await refused(
      updateReportCells(deps, {
        actor: as('spj.clerk'),
        reportId: draft.id,
        version: draft.version,
        cells: [{ cell: 'section3.nonsense.total', value: 1 }],
      }),
      'validation_failed',
    );
  });

  // Each case breaks exactly one rule; the submission is refused and names it.
  const breaches: [RuleId, Record<string, number>][] = [
    ['R1', { 'section3.new.natural_person': 1, 'section3.new.total': 1 }],
    ['R2', { 'section3.new.total': 1, 'section3.carried_forward.total': 1 }],
    ['R3', { 'section3.disclosed.natural_person': 1, 'section3.disclosed.total': 1 }],
    ['R4', { 'section4.reconsideration.total': 1 }],
    ['R5', { 'section2.licensing.decisions': -3 }],
    [
      'R6',
      {
        'section3.carried_over.natural_person': 1,
        'section3.carried_over.total': 1,
        'section3.carried_forward.natural_person': 1,
        'section3.carried_forward.total': 1,
      },
    ],
  ];

  it.each(breaches)(
    'refuses to submit with an error-level breach of %s, and lists it in Chinese',
    async (rule, cells) => {
      const entries = Object.entries(cells).map(([cell, value]) => ({ cell, value }));
      draft = await updateReportCells(deps, {
        actor: as('spj.clerk'),
        reportId: draft.id,
        version: draft.version,
        cells: entries,
      });
      expect(new Set(draft.findings.filter((f) => f.severity === 'error').map((f) => f.rule))).toEqual(
        new Set([rule]),
      );
      const error = await refused(
        submitAnnualReport(deps, { actor: as('spj.reviewer'), reportId: draft.id, version: draft.version }),
        'report_has_errors',
        new RegExp(`不能报送：【${rule}】`),
      );
      expect(((error.details?.findings ?? []) as { rule: string }[]).every((f) => f.rule === rule)).toBe(
        true,
      );
      draft = await updateReportCells(deps, {
        actor: as('spj.clerk'),
        reportId: draft.id,
        version: draft.version,
        cells: entries.map(({ cell }) => ({ cell, value: 0 })),
      });
    },
  );

  it('moves the report draft → submitted → returned → submitted → accepted → published, locked once submitted', async () => {
    draft = await updateReportProse(deps, {
      actor: as('spj.clerk'),
      reportId: draft.id,
      version: draft.version,
      prose: { problems: '时效性有待提高。', otherMatters: '本年度没有收取信息处理费。' },
    });
    expect(draft.prose.problems).toBe('时效性有待提高。');
    // A clerk edits but does not submit.
    await refused(
      submitAnnualReport(deps, { actor: as('spj.clerk'), reportId: draft.id, version: draft.version }),
      'forbidden',
    );
    let view = await submitAnnualReport(deps, {
      actor: as('spj.reviewer'),
      reportId: draft.id,
      version: draft.version,
    });
    expect(view).toMatchObject({ status: 'submitted', submittedByLabel: '邵审核（spj.reviewer）' });
    expect(view.allowedActions).toEqual([]);
    await refused(
      updateReportCells(deps, {
        actor: as('spj.clerk'),
        reportId: view.id,
        version: view.version,
        cells: [{ cell: 'section2.licensing.decisions', value: 5 }],
      }),
      'report_locked',
    );
    // The bureau cannot review itself; the supervisor of 张家港市 can.
    await refused(
      acceptAnnualReport(deps, { actor: as('spj.reviewer'), reportId: view.id, version: view.version }),
      'forbidden',
    );
    expect((await listReportsForReview(deps, { actor: as('zjg.supervisor') })).map((r) => r.id)).toEqual([
      view.id,
    ]);
    const supervisorView = await getAnnualReport(deps, { actor: as('zjg.supervisor'), reportId: view.id });
    expect(supervisorView.allowedActions).toEqual(['return', 'accept']);
    view = await returnAnnualReport(deps, {
      actor: as('zjg.supervisor'),
      reportId: view.id,
      version: view.version,
      reason: '第五部分请写明改进措施',
    });
    expect(view).toMatchObject({ status: 'returned', returnReason: '第五部分请写明改进措施' });
    view = await updateReportProse(deps, {
      actor: as('spj.clerk'),
      reportId: view.id,
      version: view.version,
      prose: { problems: '时效性有待提高。2023年将建立信息发布联动机制。' },
    });
    view = await submitAnnualReport(deps, {
      actor: as('spj.admin'),
      reportId: view.id,
      version: view.version,
    });
    await refused(
      publishAnnualReport(deps, { actor: as('spj.admin'), reportId: view.id, version: view.version }),
      'invalid_state',
      /审核通过后/,
    );
    view = await acceptAnnualReport(deps, {
      actor: as('zjg.supervisor'),
      reportId: view.id,
      version: view.version,
    });
    expect(view.status).toBe('accepted');
    await refused(
      publishAnnualReport(deps, { actor: as('spj.clerk'), reportId: view.id, version: view.version }),
      'forbidden',
    );
    view = await publishAnnualReport(deps, {
      actor: as('spj.admin'),
      reportId: view.id,
      version: view.version,
    });
    expect(view).toMatchObject({ status: 'published', publishedOn: '2023-01-10', allowedActions: [] });
    await refused(
      updateReportProse(deps, {
        actor: as('spj.admin'),
        reportId: view.id,
        version: view.version,
        prose: { problems: 'x' },
      }),
      'report_locked',
    );
    await refused(
      returnAnnualReport(deps, {
        actor: as('zjg.supervisor'),
        reportId: view.id,
        version: view.version,
        reason: '再看看',
      }),
      'invalid_state',
    );

    const trail = await listReportAudit(deps, { actor: as('spj.clerk'), reportId: view.id });
    expect(trail.map((e) => e.action).reverse()).toEqual([
      'annual_report.created',
      'annual_report.cells_updated',
      ...breaches.flatMap(() => ['annual_report.cells_updated', 'annual_report.cells_updated']),
      'annual_report.prose_updated',
      'annual_report.submitted',
      'annual_report.returned',
      'annual_report.prose_updated',
      'annual_report.submitted',
      'annual_report.accepted',
      'annual_report.published',
    ]);
    expect(trail.find((e) => e.action === 'annual_report.returned')).toMatchObject({
      actorLabel: '周政公（zjg.supervisor）',
      reason: '第五部分请写明改进措施',
    });
  });

  it('keeps other agencies’ reports out of reach', async () => {
    await refused(getAnnualReport(deps, { actor: as('tq.clerk'), reportId: draft.id }), 'not_found');
    await refused(listAnnualReports(deps, { actor: as('tq.clerk'), agencyId: bureauId() }), 'not_found');
    await refused(
      createAnnualReport(deps, { actor: as('tq.clerk'), agencyId: bureauId(), year: 2022 }),
      'not_found',
    );
  });

  it('lets a top agency (no supervisor) publish straight from draft after the same check', async () => {
    const suzhou = agencyIds.get('苏州市人民政府')!;
    let view = await createAnnualReport(deps, { actor: as('admin'), agencyId: suzhou, year: 2022 });
    expect(view.hasSupervisor).toBe(false);
    await refused(
      submitAnnualReport(deps, { actor: as('admin'), reportId: view.id, version: view.version }),
      'invalid_state',
      /没有上级机关/,
    );
    await refused(
      publishAnnualReport(deps, { actor: as('admin'), reportId: view.id, version: view.version }),
      'report_has_errors',
    );
    view = await updateReportCells(deps, {
      actor: as('admin'),
      reportId: view.id,
      version: view.version,
      cells: zeroCells(view),
    });
    view = await publishAnnualReport(deps, {
      actor: as('admin'),
      reportId: view.id,
      version: view.version,
      publishedOn: '2023-01-05',
    });
    expect(view).toMatchObject({ status: 'published', publishedOn: '2023-01-05' });
  });

  it('compiles two agencies’ reports into their cell-wise sum, checked by the same rules', async () => {
    let town = await createAnnualReport(deps, { actor: as('tq.clerk'), agencyId: townId(), year: 2022 });
    // Distinct figures in every cell of the town's report.
    let next = 1;
    town = await updateReportCells(deps, {
      actor: as('tq.clerk'),
      reportId: town.id,
      version: town.version,
      cells: listCells(town.tables).map(({ cell }) => ({ cell, value: next++ })),
    });
    const bureau = (await listAnnualReports(deps, { actor: as('spj.clerk'), agencyId: bureauId() })).find(
      (r) => r.year === 2022,
    )!;
    const bureauView = await getAnnualReport(deps, { actor: as('spj.clerk'), reportId: bureau.id });
    const compiled = await compileAnnualReports(deps, {
      actor: as('zjg.supervisor'),
      agencyId: as('zjg.supervisor').agencyId,
      year: 2022,
      agencyIds: [bureauId(), townId()],
    });
    expect(compiled.included.map((i) => i.agencyName).sort()).toEqual(
      ['张家港市塘桥镇人民政府', '张家港市行政审批局'].sort(),
    );
    const a = new Map(listCells(bureauView.tables).map((c) => [c.cell, c.value]));
    const b = new Map(listCells(town.tables).map((c) => [c.cell, c.value]));
    const cells = listCells(compiled.tables);
    expect(cells.length).toBe(a.size);
    for (const { cell, value } of cells)
      expect(value, cell).toBe((a.get(cell) ?? NaN) + (b.get(cell) ?? NaN));
    // The town's figures break R1–R4, so the compiled report does too: the same rules ran on it.
    const errorRules = (findings: { rule: string; severity: string }[]) =>
      new Set(findings.filter((f) => f.severity === 'error').map((f) => f.rule));
    expect(errorRules(compiled.findings)).toEqual(new Set(['R1', 'R2', 'R3', 'R4']));
    expect(errorRules(town.findings)).toEqual(errorRules(compiled.findings));

    await refused(
      compileAnnualReports(deps, {
        actor: as('zjg.supervisor'),
        agencyId: as('zjg.supervisor').agencyId,
        year: 2022,
        agencyIds: [agencyIds.get('苏州市人民政府')!],
      }),
      'validation_failed',
      /不在/,
    );
    await refused(
      compileAnnualReports(deps, {
        actor: as('spj.admin'),
        agencyId: bureauId(),
        year: 2022,
        agencyIds: [townId()],
      }),
      'forbidden',
    );

    const saved = await saveCompiledReport(deps, {
      actor: as('zjg.supervisor'),
      agencyId: as('zjg.supervisor').agencyId,
      year: 2022,
      agencyIds: [bureauId(), townId()],
    });
    expect(saved).toMatchObject({ source: 'compiled', status: 'draft', agencyName: '张家港市人民政府' });
    expect(diffTables(saved.tables, compiled.tables)).toEqual([]);
    expect(saved.cellEntries['section3.new.total']).toMatchObject({ origin: 'compiled' });
  });

  it('shows the supervisor every agency below it with status, breaches and timeliness', async () => {
    const overview = await getCompilationOverview(deps, {
      actor: as('zjg.supervisor'),
      agencyId: as('zjg.supervisor').agencyId,
      year: 2021,
    });
    expect(overview.today).toBe('2023-01-10');
    expect(overview.rows[0]).toMatchObject({ agencyName: '张家港市人民政府', depth: 0, report: null });
    const bureau = overview.rows.find((r) => r.agencyName === '张家港市行政审批局')!;
    expect(bureau).toMatchObject({
      depth: 1,
      deadline: '2022-01-31',
      publishedOn: '2022-01-28',
      timeliness: 'on_time',
      report: { status: 'published', errorCount: 0 },
    });
    const town = overview.rows.find((r) => r.agencyName === '张家港市塘桥镇人民政府')!;
    expect(town).toMatchObject({ deadline: '2022-03-31', report: null, timeliness: 'overdue' });
    expect(overview.rows.map((r) => r.agencyName)).toHaveLength(5);
  });

  it('stores a parsed report as published, gives R6 its previous year, and never overwrites an authored one', async () => {
    const tables = seedExpectedTables();
    const year2020 = {
      ...tables,
      year: 2020,
      section3: {
        ...tables.section3,
        carried_forward: { ...tables.section3.carried_forward, natural_person: 1, total: 1 },
      },
    };
    const stored = await storeParsedReport(deps, {
      actor: as('zjg.supervisor'),
      agencyId: townId(),
      year: 2020,
      tables: year2020,
      prose: { preamble: '', overview: '', problems: '', otherMatters: '' },
      provenance: { fileName: '塘桥镇2020年报.pdf', publishedOn: '2021-03-20' },
    });
    expect(stored).toMatchObject({ status: 'published', source: 'parsed', publishedOn: '2021-03-20' });
    await refused(
      storeParsedReport(deps, {
        actor: as('spj.clerk'),
        agencyId: bureauId(),
        year: 2021,
        tables,
        prose: { preamble: '', overview: '', problems: '', otherMatters: '' },
        provenance: { fileName: 'x.html' },
      }),
      'duplicate',
      /不能用导入的报告覆盖/,
    );
    // The town's 2021 report now starts with 上年结转 = 2020's 结转下年度.
    const town2021 = await createAnnualReport(deps, {
      actor: as('tq.clerk'),
      agencyId: townId(),
      year: 2021,
    });
    expect(town2021.tables.section3.carried_over.natural_person).toBe(1);
    expect(town2021.previous?.year).toBe(2020);
  });
});
