import type { AnnualReportView } from '../../contract/annual-report-api.ts';
import type { ReportProse } from '../../core/annual-report/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { Actor } from '../../core/staff/index.ts';
import { inTransaction } from '../../db/repositories/index.ts';
import { actorLabel, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { loadReportFor, requireAction } from './report-access.ts';
import { toReportView } from './report-view.ts';

/** Replaces the prose fields given (开头段落, 一, 五, 六) of a draft; the others stay as they are. */
export async function updateReportProse(
  deps: AppDeps,
  input: { actor: Actor; reportId: string; version: number; prose: Partial<ReportProse> },
): Promise<AnnualReportView> {
  const { actor } = input;
  requirePermission(actor, 'report.edit');
  return inTransaction(deps.db, async (repos) => {
    const { report, agency, access } = await loadReportFor(repos, actor, input.reportId);
    requireAction(actor, report, agency, access, 'edit');
    if (report.version !== input.version) throw new DomainError('conflict');
    const before: Partial<ReportProse> = {};
    const after: Partial<ReportProse> = {};
    for (const field of ['preamble', 'overview', 'problems', 'otherMatters'] as const) {
      const next = input.prose[field];
      if (next === undefined || next === report.prose[field]) continue;
      before[field] = report.prose[field];
      after[field] = next;
    }
    if (Object.keys(after).length === 0) return toReportView(repos, actor, report, agency, access);
    const updated = await repos.annualReports.update(report.id, input.version, {
      prose: { ...report.prose, ...after },
    });
    if (!updated) throw new DomainError('conflict');
    await repos.auditLog.append({
      actorStaffId: actor.staffId,
      actorLabel: actorLabel(actor),
      agencyId: agency.id,
      action: 'annual_report.prose_updated',
      entityType: 'annual_report',
      entityId: report.id,
      oldValue: before,
      newValue: { ...after, version: updated.version },
    });
    return toReportView(repos, actor, updated, agency, access);
  });
}
