import type { AnnualReportView } from '../../contract/annual-report-api.ts';
import {
  draftOverviewSentences,
  emptyReportTables,
  overviewFactsFromTables,
  type ReportProse,
} from '../../core/annual-report/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { localDateInChina, yearOf } from '../../core/shared/local-date.ts';
import type { Actor } from '../../core/staff/index.ts';
import {
  createRepositories,
  inTransaction,
  isUniqueViolation,
  type Repositories,
} from '../../db/repositories/index.ts';
import { actorLabel, requireAgencyInScope, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { computeLedgerFigures, mergeLedgerFigures } from './fill-report-from-ledger.ts';
import { accessTo } from './report-access.ts';
import { toReportView } from './report-view.ts';

/** The first year reported in the 2021 format (国办公开办函〔2021〕30号); earlier years are imported. */
export const FIRST_AUTHORED_YEAR = 2021;

/**
 * Starts an agency's report for a year with the figures the ledger computes (sections 二, 三, 四 from
 * the catalogue, decisions, fee records, requests and review cases; each such cell recorded as
 * `computed` by the actor). Cells the ledger cannot compute start blank (a blank is "not yet
 * entered", never a guessed 0). 上年结转 equals last year's 结转下年度继续办理 (rule R6): the request
 * fold gives that by construction, and when the system holds last year's report with other figures,
 * last year's stand (see mergeLedgerFigures). Section 一 starts from the draft sentences of the figures.
 */
export async function createAnnualReport(
  deps: AppDeps,
  input: { actor: Actor; agencyId: string; year: number },
): Promise<AnnualReportView> {
  const { actor, agencyId, year } = input;
  requirePermission(actor, 'report.edit');
  const thisYear = yearOf(localDateInChina(deps.clock.now()));
  if (year < FIRST_AUTHORED_YEAR) {
    throw new DomainError(
      'validation_failed',
      `系统按2021年新格式编写${FIRST_AUTHORED_YEAR}年度及以后的年度报告；更早年度的报告请导入已发布的报告文件`,
    );
  }
  if (year > thisYear) throw new DomainError('validation_failed', `${year}年度尚未开始，不能编写其年度报告`);
  // The checks first, then the ledger (read outside the write), then the report in one transaction.
  await checkCreatable(createRepositories(deps.db), actor, agencyId, year);
  const figures = await computeLedgerFigures(deps, { actor, agencyId, year });
  try {
    return await inTransaction(deps.db, async (repos) => {
      const { agency, access } = await checkCreatable(repos, actor, agencyId, year);
      const previous = await repos.annualReports.findByAgencyAndYear(agencyId, year - 1);
      const merged = mergeLedgerFigures({
        tables: emptyReportTables(agency.name, year, null),
        figures,
        latestOrigins: new Map(),
        previous,
        overwriteManual: false,
        enteredBy: actor.staffId,
        enteredByLabel: actorLabel(actor),
      });
      const tables = merged.tables;
      const prose: ReportProse = {
        preamble: '',
        overview: draftOverviewSentences(overviewFactsFromTables(tables)),
        problems: '',
        otherMatters: '',
      };
      const report = await repos.annualReports.insert({
        agencyId,
        year,
        formatVersion: '2021',
        status: 'draft',
        source: 'authored',
        tables,
        prose,
        provenance: null,
        returnReason: null,
        submittedAt: null,
        submittedBy: null,
        returnedAt: null,
        returnedBy: null,
        acceptedAt: null,
        acceptedBy: null,
        publishedAt: null,
        publishedBy: null,
        publishedOn: null,
        createdBy: actor.staffId,
      });
      await repos.annualReports.appendCellEntries(report.id, agencyId, merged.entries);
      await repos.auditLog.append({
        actorStaffId: actor.staffId,
        actorLabel: actorLabel(actor),
        agencyId,
        action: 'annual_report.created',
        entityType: 'annual_report',
        entityId: report.id,
        newValue: {
          year,
          status: report.status,
          computedCells: merged.entries.filter((e) => e.origin === 'computed').length,
          prefilledCells: merged.entries.filter((e) => e.origin === 'prefilled').map((e) => e.cellId),
          notes: merged.notes,
        },
      });
      return toReportView(repos, actor, report, agency, access);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('duplicate', `该机关${year}年度的年度报告已存在`);
    throw error;
  }
}

/** In scope, the actor's own agency, and no report for the year yet. */
async function checkCreatable(repos: Repositories, actor: Actor, agencyId: string, year: number) {
  await requireAgencyInScope(repos, actor, agencyId);
  const agency = await repos.agencies.findById(agencyId);
  if (!agency) throw new DomainError('not_found');
  const access = await accessTo(repos, actor, agency);
  if (!access.isOwn) throw new DomainError('forbidden', '只有本机关人员可以编写本机关的年度报告');
  if (await repos.annualReports.findByAgencyAndYear(agencyId, year)) {
    throw new DomainError('duplicate', `${agency.name}${year}年度的年度报告已存在`);
  }
  return { agency, access };
}
