import type { ReportAction } from '../../contract/annual-report-api.ts';
import type { Agency } from '../../core/agency/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { type Actor, hasPermission } from '../../core/staff/index.ts';
import type { AnnualReportRecord } from '../../db/repositories/annual-report.repository.ts';
import type { Repositories } from '../../db/repositories/index.ts';

/**
 * Who may do what to an agency's annual report.
 *
 * - The agency's own staff write it: clerks, reviewers and the agency admin edit a draft (or a
 *   returned report); a reviewer or the agency admin submits it to the supervising office.
 * - The supervising office checks it (条例第四十九条, 第五十条 read with the 汇总 duty of 第四十九条):
 *   a supervisor whose subtree contains the agency, or a reviewer of the agency directly above it,
 *   returns it with a reason or accepts it.
 * - The agency admin publishes it once accepted. A top agency (no parent in the system, so no one to
 *   accept) publishes straight from draft, with the same rule check as a submission.
 * - Once submitted the report is locked; once published it is read-only for good.
 */
export interface ReportAccess {
  /** The actor belongs to the report's agency (or is a system admin). */
  isOwn: boolean;
  /** The actor supervises the report's agency from above. */
  isSupervising: boolean;
}

export async function accessTo(repos: Repositories, actor: Actor, agency: Agency): Promise<ReportAccess> {
  if (actor.roles.includes('system_admin')) return { isOwn: true, isSupervising: true };
  const isOwn = actor.agencyId === agency.id;
  let isSupervising = false;
  if (!isOwn && actor.roles.includes('reviewer') && agency.parentId === actor.agencyId) isSupervising = true;
  if (!isOwn && !isSupervising && actor.roles.includes('supervisor')) {
    isSupervising = await repos.agencies.isInScope(
      { kind: 'subtree', rootAgencyId: actor.agencyId },
      agency.id,
    );
  }
  return { isOwn, isSupervising };
}

export function hasSupervisor(agency: Agency): boolean {
  return agency.parentId !== null;
}

export function allowedActions(
  actor: Actor,
  report: Pick<AnnualReportRecord, 'status'>,
  agency: Agency,
  access: ReportAccess,
): ReportAction[] {
  const can = (permission: Parameters<typeof hasPermission>[1]) => hasPermission(actor.roles, permission);
  const editable = report.status === 'draft' || report.status === 'returned';
  const supervised = hasSupervisor(agency);
  const out: ReportAction[] = [];
  if (editable && access.isOwn && can('report.edit')) out.push('edit');
  if (editable && supervised && access.isOwn && can('report.submit')) out.push('submit');
  if ((report.status === 'submitted' || report.status === 'accepted') && access.isSupervising) {
    if (can('report.review')) out.push('return');
  }
  if (report.status === 'submitted' && access.isSupervising && can('report.review')) out.push('accept');
  const publishable = report.status === 'accepted' || (!supervised && editable);
  if (publishable && access.isOwn && can('report.publish')) out.push('publish');
  return out;
}

/** Throws the refusal that fits: forbidden without the permission, invalid_state in the wrong status. */
export function requireAction(
  actor: Actor,
  report: Pick<AnnualReportRecord, 'status'>,
  agency: Agency,
  access: ReportAccess,
  action: ReportAction,
): void {
  if (allowedActions(actor, report, agency, access).includes(action)) return;
  const permission = {
    edit: 'report.edit',
    submit: 'report.submit',
    return: 'report.review',
    accept: 'report.review',
    publish: 'report.publish',
  } as const;
  if (!hasPermission(actor.roles, permission[action])) throw new DomainError('forbidden');
  const relationOk = action === 'return' || action === 'accept' ? access.isSupervising : access.isOwn;
  if (!relationOk) {
    throw new DomainError(
      'forbidden',
      action === 'return' || action === 'accept'
        ? '只有上级机关的审核人或政务公开主管部门可以审核该报告'
        : '只有本机关人员可以执行该操作',
    );
  }
  if (action === 'edit') throw new DomainError('report_locked');
  if (action === 'submit' && !hasSupervisor(agency)) {
    throw new DomainError('invalid_state', '本机关没有上级机关，审核通过后无需报送，可直接发布');
  }
  throw new DomainError('invalid_state', STATE_REFUSALS[action]);
}

const STATE_REFUSALS: Record<ReportAction, string> = {
  edit: '年度报告已报送或已发布，不能修改',
  submit: '只有草稿或被退回的报告可以报送',
  return: '只有已报送或已审核通过、尚未发布的报告可以退回',
  accept: '只有已报送的报告可以审核通过',
  publish: '报告须经上级机关审核通过后才能发布',
};

/** The report and its agency, if the actor may see it; another agency's report is "not found". */
export async function loadReportFor(
  repos: Repositories,
  actor: Actor,
  reportId: string,
): Promise<{ report: AnnualReportRecord; agency: Agency; access: ReportAccess }> {
  const report = await repos.annualReports.findById(reportId);
  if (!report) throw new DomainError('not_found');
  const agency = await repos.agencies.findById(report.agencyId);
  if (!agency) throw new DomainError('not_found');
  const access = await accessTo(repos, actor, agency);
  if (!access.isOwn && !access.isSupervising) throw new DomainError('not_found');
  return { report, agency, access };
}
