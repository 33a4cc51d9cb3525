import { readFileSync } from 'node:fs';
import { listCells, type ReportProse, type ReportTables } from '../../core/annual-report/index.ts';
import type { Actor } from '../../core/staff/index.ts';
import { createRepositories, inTransaction } from '../../db/repositories/index.ts';
import { computeLedgerFigures } from '../annual-report/fill-report-from-ledger.ts';
import { actorLabel } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import type { DemoContext } from './demo-seeders.ts';

interface SeedReport {
  publishedOn: string;
  tables: ReportTables;
  prose: ReportProse;
}

/**
 * The seed report (张家港市行政审批局 2021), figures and prose as published, copied into the repository:
 * the product never reads the shared fixtures at run time.
 */
export function loadDemoReport2021(): SeedReport {
  const url = new URL('./reports/zhangjiagang-2021-report.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as SeedReport;
}

const SEED_ACTOR = '系统初始化（演示数据）';
/** The demo's story of the report, in China time: entered, submitted, accepted, published in time. */
const ENTERED_AT = new Date('2022-01-10T09:30:00+08:00');
const SUBMITTED_AT = new Date('2022-01-20T10:00:00+08:00');
const ACCEPTED_AT = new Date('2022-01-25T15:00:00+08:00');
const PUBLISHED_AT = new Date('2022-01-28T09:00:00+08:00');

/**
 * Gives 张家港市行政审批局 its published 2021 report, so a new user sees a complete, reconciled one.
 * Runs after the catalogue and request seeders: every cell the ledger computes for 2021 with the
 * published figure is recorded as `computed` (taken from the ledger by the clerk), the rest as typed
 * by the clerk. The figures are the published ones whatever the ledger says; a cell on which the two
 * disagree is the clerk's (a test checks that they agree everywhere the ledger computes).
 */
export async function seedDemoAnnualReport(deps: AppDeps, context: DemoContext): Promise<void> {
  const agencyId = context.agencyIdByKey.get('approval_bureau');
  const clerk = context.staffIdByUsername.get('spj.clerk');
  if (!agencyId || !clerk) return;
  const staff = (username: string) => context.staffIdByUsername.get(username) ?? null;
  const seed = loadDemoReport2021();
  const clerkRecord = await createRepositories(deps.db).staff.findById(clerk);
  if (!clerkRecord) return;
  const clerkActor: Actor = {
    staffId: clerkRecord.id,
    username: clerkRecord.username,
    displayName: clerkRecord.displayName,
    agencyId: clerkRecord.agencyId,
    roles: clerkRecord.roles,
  };
  const ledger = await computeLedgerFigures(deps, { actor: clerkActor, agencyId, year: seed.tables.year });
  await inTransaction(deps.db, async (repos) => {
    const report = await repos.annualReports.insert({
      agencyId,
      year: seed.tables.year,
      formatVersion: seed.tables.formatVersion,
      status: 'published',
      source: 'authored',
      tables: seed.tables,
      prose: seed.prose,
      provenance: null,
      returnReason: null,
      submittedAt: SUBMITTED_AT,
      submittedBy: staff('spj.reviewer'),
      returnedAt: null,
      returnedBy: null,
      acceptedAt: ACCEPTED_AT,
      acceptedBy: staff('zjg.supervisor'),
      publishedAt: PUBLISHED_AT,
      publishedBy: staff('spj.admin'),
      publishedOn: seed.publishedOn,
      createdBy: clerk,
    });
    await repos.annualReports.appendCellEntries(
      report.id,
      agencyId,
      listCells(seed.tables).map(({ cell, value }) => ({
        cellId: cell,
        value,
        origin: ledger.values.get(cell) === value ? ('computed' as const) : ('manual' as const),
        enteredBy: clerk,
        enteredByLabel: actorLabel(clerkActor),
        enteredAt: ENTERED_AT,
      })),
    );
    await repos.auditLog.append({
      actorStaffId: null,
      actorLabel: SEED_ACTOR,
      agencyId,
      action: 'annual_report.seeded',
      entityType: 'annual_report',
      entityId: report.id,
      newValue: { year: report.year, status: report.status, publishedOn: report.publishedOn },
    });
  });
}
