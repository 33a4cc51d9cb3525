import type { ReportExportFormat } from '../../contract/annual-report-api.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { type RenderedReport, renderReport } from '../../export/index.ts';
import type { AppDeps } from '../shared/deps.ts';
import { toReportModel } from './report-view.ts';

/**
 * The operator's export (`gongkai report build`): whoever runs the CLI holds the database itself, so
 * no staff permission applies; the agency is named by code or exact name.
 */
export async function buildReportFile(
  deps: AppDeps,
  input: { agency: string; year: number; format: ReportExportFormat },
): Promise<RenderedReport> {
  const repos = createRepositories(deps.db);
  const agency = await repos.agencies.findByCodeOrName(input.agency);
  if (!agency) throw new DomainError('not_found', `未找到机关“${input.agency}”`);
  const report = await repos.annualReports.findByAgencyAndYear(agency.id, input.year);
  if (!report) throw new DomainError('not_found', `${agency.name}没有${input.year}年度的年度报告`);
  const previous = await repos.annualReports.findByAgencyAndYear(agency.id, input.year - 1);
  return renderReport(toReportModel(report, agency), input.format, {
    ...(previous ? { previous: previous.tables } : {}),
  });
}
