import type { AnnualReportView } from '../../contract/annual-report-api.ts';
import {
  draftOverviewSentences,
  emptyReportTables,
  overviewFactsFromTables,
  type ReportProse,
  SECTION3_COLUMNS,
  section3Cell,
} from '../../core/annual-report/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { localDateInChina, yearOf } from '../../core/shared/local-date.ts';
import type { Actor } from '../../core/staff/index.ts';
import type { NewCellEntry } from '../../db/repositories/annual-report.repository.ts';
import { inTransaction, isUniqueViolation } from '../../db/repositories/index.ts';
import { actorLabel, requireAgencyInScope, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { accessTo } from './report-access.ts';
import { toReportView } from './report-view.ts';

/** The first year reported in the 2021 format (国办公开办函〔2021〕30号); earlier years are imported. */
export const FIRST_AUTHORED_YEAR = 2021;

/**
 * Starts an agency's report for a year. Cells start blank (a blank is "not yet entered", never a
 * guessed 0), except 上年结转, which is last year's 结转下年度继续办理 when the system has last year's
 * report (rule R6 demands they match). Section 一 starts from the draft sentences of the figures.
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
  try {
    return await inTransaction(deps.db, async (repos) => {
      await requireAgencyInScope(repos, actor, agencyId);
      const agency = await repos.agencies.findById(agencyId);
      if (!agency) throw new DomainError('not_found');
      const access = await accessTo(repos, actor, agency);
      if (!access.isOwn) throw new DomainError('forbidden', '只有本机关人员可以编写本机关的年度报告');
      if (await repos.annualReports.findByAgencyAndYear(agencyId, year)) {
        throw new DomainError('duplicate', `${agency.name}${year}年度的年度报告已存在`);
      }

      const tables = emptyReportTables(agency.name, year, null);
      const previous = await repos.annualReports.findByAgencyAndYear(agencyId, year - 1);
      const prefilled: NewCellEntry[] = [];
      if (previous) {
        for (const column of SECTION3_COLUMNS) {
          const value = previous.tables.section3.carried_forward[column];
          if (value === null) continue;
          tables.section3.carried_over[column] = value;
          prefilled.push({
            cellId: section3Cell('carried_over', column),
            value,
            origin: 'prefilled',
            enteredBy: actor.staffId,
            enteredByLabel: `系统预填（${year - 1}年度报告“结转下年度继续办理”）`,
          });
        }
      }
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
      await repos.annualReports.appendCellEntries(report.id, agencyId, prefilled);
      await repos.auditLog.append({
        actorStaffId: actor.staffId,
        actorLabel: actorLabel(actor),
        agencyId,
        action: 'annual_report.created',
        entityType: 'annual_report',
        entityId: report.id,
        newValue: { year, status: report.status, prefilledCells: prefilled.map((e) => e.cellId) },
      });
      return toReportView(repos, actor, report, agency, access);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('duplicate', `该机关${year}年度的年度报告已存在`);
    throw error;
  }
}
