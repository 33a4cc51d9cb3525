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
import { DisclosureRequestIntakeSchema } from '../../contract/disclosure-request.ts';
import { listCells, type ReportTables, readCell } from '../../core/annual-report/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { Actor } from '../../core/staff/index.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { recordAdministrativeFee } from '../catalogue/administrative-fees.ts';
import { computeReportSection2 } from '../catalogue/compute-report-section2.ts';
import { computeReportSections34 } from '../disclosure-request/compute-report-sections34.ts';
import { registerRequest } from '../disclosure-request/register-request.ts';
import type { AppDeps } from '../shared/deps.ts';
import { createAnnualReport } from './create-annual-report.ts';
import { computeLedgerFigures, fillReportFromLedger } from './fill-report-from-ledger.ts';
import { getAnnualReport } from './get-annual-report.ts';
import { listAnnualReports } from './list-annual-reports.ts';
import { listReportAudit } from './list-report-audit.ts';
import { saveCompiledReport } from './save-compiled-report.ts';
import { storeParsedReport } from './store-parsed-report.ts';
import { updateReportCells } from './update-report-cells.ts';

const SEED_EXPECTED = `${SHARED_DIR}/fixtures/seed/zhangjiagang-approval-bureau-2021.expected.json`;
const FEE = 'section2.administrative_fee.amount_wan_yuan';
const LICENSING = 'section2.licensing.decisions';

function seedExpectedTables(): ReportTables {
  const { source: _s, findings: _f, notes: _n, ...tables } = JSON.parse(readFileSync(SEED_EXPECTED, 'utf8'));
  return tables as ReportTables;
}

async function refused(promise: Promise<unknown>, code: string): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  return error as DomainError;
}

/** The ledger's own figures for a year, straight from the two areas' use cases, as cell → value. */
async function ledgerCells(deps: AppDeps, actor: Actor, agencyId: string, year: number) {
  const two = await computeReportSection2(deps, { actor, agencyId, year });
  const threeFour = await computeReportSections34(deps, { actor, agencyId, year });
  const cells = new Map<string, number | null>();
  for (const [row, columns] of Object.entries(two.section2)) {
    for (const [column, value] of Object.entries(columns as Record<string, number | null>)) {
      cells.set(`section2.${row}.${column}`, value);
    }
  }
  for (const [section, rows] of [
    ['section3', threeFour.section3],
    ['section4', threeFour.section4],
  ] as const) {
    for (const [row, columns] of Object.entries(rows)) {
      for (const [column, value] of Object.entries(columns as Record<string, number | null>)) {
        cells.set(`${section}.${row}.${column}`, value);
      }
    }
  }
  return cells;
}

describe.each(ENGINES)('annual report filled from the ledger on %s', (engine) => {
  let testDb: TestDatabase;
  let deps: AppDeps;
  const actors = new Map<string, Actor>();
  const agencyIds = new Map<string, string>();
  const as = (username: string): Actor => actors.get(username)!;
  // Early January 2023: the demo's open requests lie around this day, some received in December 2022.
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

  it('the demo 2021 report is the ledger’s: 43850 licensing decisions and sections 三/四 computed, the fee typed', async () => {
    const ledger = await computeLedgerFigures(deps, {
      actor: as('spj.clerk'),
      agencyId: bureauId(),
      year: 2021,
    });
    expect(ledger.values.get(LICENSING)).toBe(43850);
    expect(ledger.values.get('section3.unavailable.not_held.natural_person')).toBe(2);
    expect(ledger.values.has(FEE)).toBe(false);
    expect(ledger.notes.join('')).toMatch(/没有登记行政事业性收费记录/);
    // The ledger agrees with the published figures wherever it computes, and computes all but the fee.
    const seed = seedExpectedTables();
    for (const [cell, value] of ledger.values) expect(readCell(seed, cell), cell).toBe(value);
    expect(ledger.values.size).toBe(listCells(seed).length - 1);

    const [summary] = await listAnnualReports(deps, { actor: as('spj.clerk'), agencyId: bureauId() });
    const view = await getAnnualReport(deps, { actor: as('spj.clerk'), reportId: summary!.id });
    expect(view.tables.section2.licensing.decisions).toBe(43850);
    for (const cell of ledger.values.keys()) expect(view.cellEntries[cell]?.origin, cell).toBe('computed');
    expect(view.cellEntries[LICENSING]).toMatchObject({
      value: 43850,
      enteredByLabel: '陈承办（spj.clerk）',
    });
    expect(view.cellEntries[FEE]?.origin).toBe('manual');
    for (const { cell, value } of listCells(seed)) expect(readCell(view.tables, cell), cell).toBe(value);
  });

  let draft: AnnualReportView;

  it('a new report starts with the ledger’s figures, each recorded as computed by its author', async () => {
    draft = await createAnnualReport(deps, { actor: as('spj.clerk'), agencyId: bureauId(), year: 2022 });
    const ledger = await ledgerCells(deps, as('spj.clerk'), bureauId(), 2022);
    // The demo requests near the clock's day reach into December 2022.
    expect(ledger.get('section3.new.total')).toBeGreaterThan(0);
    for (const [cell, value] of ledger) {
      if (cell === FEE) continue;
      expect(readCell(draft.tables, cell), cell).toBe(value);
      expect(draft.cellEntries[cell], cell).toMatchObject({
        origin: 'computed',
        enteredByLabel: '陈承办（spj.clerk）',
      });
    }
    // No fee records for 2022: left blank, not guessed.
    expect(draft.tables.section2.administrative_fee.amount_wan_yuan).toBeNull();
    expect(draft.cellEntries[FEE]).toBeUndefined();
    // 上年结转 = 2021's 结转下年度 (R6), and the ledger's figures reconcile (R1–R4).
    expect(draft.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const trail = await listReportAudit(deps, { actor: as('spj.clerk'), reportId: draft.id });
    expect(trail[0]).toMatchObject({ action: 'annual_report.created' });
    expect(trail[0]!.summary).toMatch(/^新建年度报告（草稿），\d+个单元格由台账生成$/);
  });

  it('a refresh takes in new records: a request received in December and the year’s fees', async () => {
    const before = draft.tables.section3;
    await registerRequest(deps, {
      actor: as('spj.clerk'),
      intake: DisclosureRequestIntakeSchema.parse({
        applicant: {
          type: 'natural_person',
          name: '测试申请人',
          identityDocument: { kind: 'resident_id', number: '11010519491231002X' },
          contact: { phone: '13912345678', postalAddress: '江苏省张家港市测试路1号' },
        },
        description: '张家港市某道路2022年改造工程的立项批复文件',
        formWanted: 'paper',
        delivery: 'post',
        channel: 'in_person',
        handedInOn: '2022-12-20',
      }),
    });
    await recordAdministrativeFee(deps, {
      actor: as('spj.clerk'),
      fee: { agencyId: bureauId(), year: 2022, item: '不动产登记费', amountYuan: 12_345.6 },
    });
    const result = await fillReportFromLedger(deps, {
      actor: as('spj.clerk'),
      reportId: draft.id,
      version: draft.version,
    });
    const changed = new Map(result.changed.map((c) => [c.cell, c]));
    const plusOne = (row: 'new' | 'carried_forward', column: 'natural_person' | 'total') =>
      expect(changed.get(`section3.${row}.${column}`)).toEqual({
        cell: `section3.${row}.${column}`,
        from: before[row][column],
        to: (before[row][column] ?? 0) + 1,
      });
    plusOne('new', 'natural_person');
    plusOne('new', 'total');
    plusOne('carried_forward', 'natural_person');
    plusOne('carried_forward', 'total');
    // 12,345.60 元 = 1.2346 万元 (to the 元).
    expect(changed.get(FEE)).toEqual({ cell: FEE, from: null, to: 1.2346 });
    expect(result.changed).toHaveLength(5);
    expect(result.keptManual).toEqual([]);
    expect(result.notes).toEqual([]);
    draft = result.report;
    expect(draft.version).toBeGreaterThan(1);
    expect(draft.cellEntries[FEE]).toMatchObject({ value: 1.2346, origin: 'computed' });
    expect(draft.findings.filter((f) => f.severity === 'error')).toEqual([]);

    // Nothing new: nothing written, the version stays.
    const again = await fillReportFromLedger(deps, {
      actor: as('spj.reviewer'),
      reportId: draft.id,
      version: draft.version,
    });
    expect(again.changed).toEqual([]);
    expect(again.report.version).toBe(draft.version);
    await refused(
      fillReportFromLedger(deps, { actor: as('spj.clerk'), reportId: draft.id, version: draft.version - 1 }),
      'conflict',
    );
  });

  it('a manual override of a computed cell is recorded as manual and survives a refresh unless overwriting is asked', async () => {
    draft = await updateReportCells(deps, {
      actor: as('spj.reviewer'),
      reportId: draft.id,
      version: draft.version,
      cells: [{ cell: LICENSING, value: 7 }],
    });
    expect(draft.cellEntries[LICENSING]).toMatchObject({
      value: 7,
      origin: 'manual',
      enteredByLabel: '邵审核（spj.reviewer）',
    });
    const kept = await fillReportFromLedger(deps, {
      actor: as('spj.clerk'),
      reportId: draft.id,
      version: draft.version,
    });
    expect(kept.keptManual).toEqual([{ cell: LICENSING, value: 7, ledger: 0 }]);
    expect(kept.changed).toEqual([]);
    expect(kept.report.tables.section2.licensing.decisions).toBe(7);
    expect(kept.report.cellEntries[LICENSING]?.origin).toBe('manual');

    const overwritten = await fillReportFromLedger(deps, {
      actor: as('spj.clerk'),
      reportId: draft.id,
      version: kept.report.version,
      overwriteManual: true,
    });
    expect(overwritten.changed).toEqual([{ cell: LICENSING, from: 7, to: 0 }]);
    draft = overwritten.report;
    expect(draft.tables.section2.licensing.decisions).toBe(0);
    expect(draft.cellEntries[LICENSING]).toMatchObject({
      origin: 'computed',
      enteredByLabel: '陈承办（spj.clerk）',
    });

    const trail = await listReportAudit(deps, { actor: as('spj.clerk'), reportId: draft.id });
    expect(trail.slice(0, 3).map((e) => e.action)).toEqual([
      'annual_report.filled_from_ledger',
      'annual_report.cells_updated',
      'annual_report.filled_from_ledger',
    ]);
    expect(trail[0]!.summary).toBe('从台账取数：更新1个单元格');
  });

  it('refuses another agency’s clerk, the supervising office, a published report and a compiled one', async () => {
    await refused(
      fillReportFromLedger(deps, { actor: as('tq.clerk'), reportId: draft.id, version: draft.version }),
      'not_found',
    );
    await refused(
      fillReportFromLedger(deps, { actor: as('zjg.supervisor'), reportId: draft.id, version: draft.version }),
      'forbidden',
    );
    const [published] = await listAnnualReports(deps, { actor: as('spj.clerk'), agencyId: bureauId() }).then(
      (list) => list.filter((r) => r.year === 2021),
    );
    await refused(
      fillReportFromLedger(deps, { actor: as('spj.clerk'), reportId: published!.id, version: 1 }),
      'report_locked',
    );
    const compiled = await saveCompiledReport(deps, {
      actor: as('zjg.supervisor'),
      agencyId: as('zjg.supervisor').agencyId,
      year: 2022,
      agencyIds: [bureauId()],
    });
    await refused(
      fillReportFromLedger(deps, {
        actor: as('zjg.supervisor'),
        reportId: compiled.id,
        version: compiled.version,
      }),
      'invalid_state',
    );
    // Nothing was written by the refusals.
    const unchanged = await getAnnualReport(deps, { actor: as('spj.clerk'), reportId: draft.id });
    expect(unchanged.version).toBe(draft.version);
  });

  it('keeps 上年结转 equal to last year’s 结转下年度 when last year’s report disagrees with the ledger, and says so', async () => {
    const seed = seedExpectedTables();
    const carried = { ...seed.section3.carried_forward, natural_person: 1, total: 1 };
    await storeParsedReport(deps, {
      actor: as('zjg.supervisor'),
      agencyId: townId(),
      year: 2021,
      tables: {
        ...seed,
        agency: '张家港市塘桥镇人民政府',
        section3: {
          ...seed.section3,
          new: { ...seed.section3.new, natural_person: 3, total: 3 },
          carried_forward: carried,
        },
      },
      prose: { preamble: '', overview: '', problems: '', otherMatters: '' },
      provenance: { fileName: '塘桥镇2021年报.html', publishedOn: '2022-03-20' },
    });
    const town = await createAnnualReport(deps, { actor: as('tq.clerk'), agencyId: townId(), year: 2022 });
    expect(town.tables.section3.carried_over.natural_person).toBe(1);
    expect(town.cellEntries['section3.carried_over.natural_person']).toMatchObject({
      origin: 'prefilled',
      enteredByLabel: '系统预填（2021年度报告“结转下年度继续办理”）',
    });
    expect(town.cellEntries['section3.carried_over.commercial_enterprise']?.origin).toBe('computed');
    expect(town.findings.filter((f) => f.rule === 'R6')).toEqual([]);
    const refreshed = await fillReportFromLedger(deps, {
      actor: as('tq.clerk'),
      reportId: town.id,
      version: town.version,
    });
    expect(refreshed.changed).toEqual([]);
    expect(refreshed.notes.join('\n')).toContain(
      '上年结转按2021年度报告的“结转下年度继续办理”填写（规则R6）',
    );
    expect(refreshed.notes.join('\n')).toContain('自然人：上年报告1，台账0');
  });
});
