import type { Timeliness } from '../../contract/annual-report-api.ts';
import type { Agency } from '../../core/agency/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { compareDates, daysBetween } from '../../core/shared/local-date.ts';
import type { Actor } from '../../core/staff/index.ts';
import type { AnnualReportRecord } from '../../db/repositories/annual-report.repository.ts';
import type { Repositories } from '../../db/repositories/index.ts';
import { requireAgencyInScope } from '../shared/authorize.ts';

export interface CompilationScope {
  compiler: Agency;
  /** The compiler first, then the agencies below it depth-first, each with its depth. */
  agencies: { agency: Agency; depth: number }[];
  /** Reports of the year and of the year before, by agency id. */
  reportOf(agencyId: string, year: number): AnnualReportRecord | undefined;
}

/** The compiling agency, every agency below it in tree order, and their reports of the year. */
export async function loadCompilationScope(
  repos: Repositories,
  actor: Actor,
  compilerId: string,
  year: number,
): Promise<CompilationScope> {
  await requireAgencyInScope(repos, actor, compilerId);
  const compiler = await repos.agencies.findById(compilerId);
  if (!compiler) throw new DomainError('not_found');
  const subtree = await repos.agencies.listInScope({ kind: 'subtree', rootAgencyId: compilerId });
  const children = new Map<string, Agency[]>();
  for (const a of subtree) {
    if (a.id === compilerId || a.parentId === null) continue;
    children.set(a.parentId, [...(children.get(a.parentId) ?? []), a]);
  }
  const agencies: { agency: Agency; depth: number }[] = [];
  const visit = (agency: Agency, depth: number) => {
    agencies.push({ agency, depth });
    for (const child of children.get(agency.id) ?? []) visit(child, depth + 1);
  };
  visit(compiler, 0);
  const reports = await repos.annualReports.listInSubtreeForYears(compilerId, [year, year - 1]);
  const byKey = new Map(reports.map((r) => [`${r.agencyId}/${r.year}`, r]));
  return { compiler, agencies, reportOf: (agencyId, y) => byKey.get(`${agencyId}/${y}`) };
}

/** The agencies chosen for a compiled report: below the compiler, each with its report of the year. */
export function chosenReports(
  scope: CompilationScope,
  agencyIds: readonly string[],
  year: number,
): { agency: Agency; report: AnnualReportRecord }[] {
  const below = new Map(
    scope.agencies.filter(({ depth }) => depth > 0).map(({ agency }) => [agency.id, agency]),
  );
  return [...new Set(agencyIds)].map((id) => {
    const agency = below.get(id);
    if (!agency) {
      throw new DomainError('validation_failed', `所选机关不在${scope.compiler.name}的下级机关范围内`);
    }
    const report = scope.reportOf(id, year);
    if (!report)
      throw new DomainError('validation_failed', `${agency.name}没有${year}年度的年度报告，不能汇总`);
    return { agency, report };
  });
}

/** Publication against the 条例第四十九条 deadline, as seen on `today`. */
export function timelinessOf(
  deadline: string,
  report: Pick<AnnualReportRecord, 'status' | 'publishedOn'> | undefined,
  today: string,
): { timeliness: Timeliness; daysLate: number | null } {
  if (report?.status === 'published') {
    if (!report.publishedOn) return { timeliness: 'unknown', daysLate: null };
    const late = daysBetween(deadline, report.publishedOn);
    return late > 0 ? { timeliness: 'late', daysLate: late } : { timeliness: 'on_time', daysLate: null };
  }
  if (compareDates(today, deadline) > 0)
    return { timeliness: 'overdue', daysLate: daysBetween(deadline, today) };
  return { timeliness: 'not_due', daysLate: null };
}
