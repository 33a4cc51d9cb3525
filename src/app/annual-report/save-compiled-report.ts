import type { AnnualReportView } from '../../contract/annual-report-api.ts';
import { listCells } from '../../core/annual-report/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { hasPermission } from '../../core/staff/index.ts';
import { inTransaction } from '../../db/repositories/index.ts';
import { actorLabel, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { type CompileInput, compileInScope } from './compile-annual-reports.ts';
import { draftProseFor } from './export-compiled-report.ts';
import { accessTo } from './report-access.ts';
import { toReportView } from './report-view.ts';

/**
 * Keeps the compiled tables as the compiling agency's own report for the year (a government's report
 * is the 汇总 of its departments and towns): a new draft, or the tables of its existing draft replaced.
 * Each cell the compilation changes is recorded as compiled, by whom and when. The prose stays the
 * author's; the report then follows the ordinary workflow.
 */
export async function saveCompiledReport(deps: AppDeps, input: CompileInput): Promise<AnnualReportView> {
  const { actor } = input;
  requirePermission(actor, 'report.compile');
  if (!hasPermission(actor.roles, 'report.edit')) throw new DomainError('forbidden');
  return inTransaction(deps.db, async (repos) => {
    const { scope, chosen, tables, ownReport } = await compileInScope(repos, input);
    const agency = scope.compiler;
    const access = await accessTo(repos, actor, agency);
    if (!access.isOwn) throw new DomainError('forbidden', '只有本机关人员可以保存本机关的年度报告');
    if (ownReport && ownReport.status !== 'draft' && ownReport.status !== 'returned') {
      throw new DomainError('report_locked');
    }
    const provenance = {
      compiledFrom: chosen.map(({ agency: a, report }) => ({
        agencyId: a.id,
        agencyName: a.name,
        reportId: report.id,
        reportVersion: report.version,
        status: report.status,
      })),
    };
    const before = new Map(ownReport ? listCells(ownReport.tables).map((c) => [c.cell, c.value]) : []);
    const changed = listCells(tables).filter((c) => !ownReport || before.get(c.cell) !== c.value);
    const report = ownReport
      ? await repos.annualReports.update(ownReport.id, ownReport.version, {
          tables,
          source: 'compiled',
          provenance,
        })
      : await repos.annualReports.insert({
          agencyId: agency.id,
          year: input.year,
          formatVersion: tables.formatVersion,
          status: 'draft',
          source: 'compiled',
          tables,
          prose: draftProseFor(tables),
          provenance,
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
    if (!report) throw new DomainError('conflict');
    const label = `${actorLabel(actor)}（汇总${chosen.length}个机关的报告）`;
    await repos.annualReports.appendCellEntries(
      report.id,
      agency.id,
      changed.map((c) => ({
        cellId: c.cell,
        value: c.value,
        origin: 'compiled' as const,
        enteredBy: actor.staffId,
        enteredByLabel: label,
      })),
    );
    await repos.auditLog.append({
      actorStaffId: actor.staffId,
      actorLabel: actorLabel(actor),
      agencyId: agency.id,
      action: 'annual_report.compiled',
      entityType: 'annual_report',
      entityId: report.id,
      newValue: { agencyCount: chosen.length, ...provenance, changedCells: changed.length },
    });
    return toReportView(repos, actor, report, agency, access);
  });
}
