import type { ReportExportFormat } from '../../contract/annual-report-api.ts';
import type { Actor } from '../../core/staff/index.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { type RenderedReport, type ReportFormat, renderReport } from '../../export/index.ts';
import { requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { loadReportFor } from './report-access.ts';
import { toReportModel } from './report-view.ts';

// The contract lists the formats for the console; it must be exactly the renderers' list.
const _sameFormats: [ReportExportFormat] extends [ReportFormat]
  ? [ReportFormat] extends [ReportExportFormat]
    ? true
    : false
  : false = true;
void _sameFormats;

/** A stored report as a file (DOCX, XLSX, HTML, vivid HTML, JSON, text), rendered from its model. */
export async function exportAnnualReport(
  deps: AppDeps,
  input: { actor: Actor; reportId: string; format: ReportExportFormat },
): Promise<RenderedReport> {
  requirePermission(input.actor, 'report.read');
  const repos = createRepositories(deps.db);
  const { report, agency } = await loadReportFor(repos, input.actor, input.reportId);
  const previous = await repos.annualReports.findByAgencyAndYear(agency.id, report.year - 1);
  return renderReport(toReportModel(report, agency), input.format, {
    ...(previous ? { previous: previous.tables } : {}),
  });
}
