import type { AnnualReportView } from '../../contract/annual-report-api.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { compareDates, isLocalDate, localDateInChina } from '../../core/shared/local-date.ts';
import type { Actor } from '../../core/staff/index.ts';
import { inTransaction } from '../../db/repositories/index.ts';
import { actorLabel, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { hasSupervisor, loadReportFor, requireAction } from './report-access.ts';
import { requireReleasable, toReportView } from './report-view.ts';

/**
 * Publishes the report (条例第五十条: 向社会公布) and records the day, which the supervising office
 * compares with the 第四十九条 deadline. A published report is read-only.
 */
export async function publishAnnualReport(
  deps: AppDeps,
  input: { actor: Actor; reportId: string; version: number; publishedOn?: string | undefined },
): Promise<AnnualReportView> {
  const { actor } = input;
  requirePermission(actor, 'report.publish');
  const today = localDateInChina(deps.clock.now());
  const publishedOn = input.publishedOn ?? today;
  if (!isLocalDate(publishedOn)) throw new DomainError('validation_failed', '发布日期无效');
  if (compareDates(publishedOn, today) > 0)
    throw new DomainError('validation_failed', '发布日期不能晚于今天');
  return inTransaction(deps.db, async (repos) => {
    const { report, agency, access } = await loadReportFor(repos, actor, input.reportId);
    requireAction(actor, report, agency, access, 'publish');
    if (report.version !== input.version) throw new DomainError('conflict');
    if (compareDates(publishedOn, `${report.year + 1}-01-01`) < 0) {
      throw new DomainError(
        'validation_failed',
        `${report.year}年度报告的发布日期应在${report.year}年度结束之后`,
      );
    }
    // A top agency publishes straight from draft: the check a submission would have made is made here.
    if (!hasSupervisor(agency)) {
      const previous = await repos.annualReports.findByAgencyAndYear(agency.id, report.year - 1);
      requireReleasable(report, agency, previous, '发布');
    }
    const updated = await repos.annualReports.update(report.id, input.version, {
      status: 'published',
      publishedOn,
      publishedAt: deps.clock.now(),
      publishedBy: actor.staffId,
      returnReason: null,
    });
    if (!updated) throw new DomainError('conflict');
    await repos.auditLog.append({
      actorStaffId: actor.staffId,
      actorLabel: actorLabel(actor),
      agencyId: agency.id,
      action: 'annual_report.published',
      entityType: 'annual_report',
      entityId: report.id,
      oldValue: { status: report.status },
      newValue: { status: updated.status, publishedOn, version: updated.version },
    });
    return toReportView(repos, actor, updated, agency, access);
  });
}
