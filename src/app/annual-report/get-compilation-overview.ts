import type { CompilationOverview } from '../../contract/annual-report-api.ts';
import { annualReportDeadline } from '../../core/agency/index.ts';
import { localDateInChina } from '../../core/shared/local-date.ts';
import type { Actor } from '../../core/staff/index.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { loadCompilationScope, timelinessOf } from './compilation-scope.ts';
import { countFindings, findingsOf } from './report-view.ts';

/**
 * The supervising office's view of a year: every agency below it with its report's status, rule
 * breaches and publication date against the 条例第四十九条 deadline.
 */
export async function getCompilationOverview(
  deps: AppDeps,
  input: { actor: Actor; agencyId: string; year: number },
): Promise<CompilationOverview> {
  requirePermission(input.actor, 'report.compile');
  const repos = createRepositories(deps.db);
  const scope = await loadCompilationScope(repos, input.actor, input.agencyId, input.year);
  const today = localDateInChina(deps.clock.now());
  return {
    year: input.year,
    today,
    compiler: { id: scope.compiler.id, name: scope.compiler.name, kind: scope.compiler.kind },
    rows: scope.agencies.map(({ agency, depth }) => {
      const report = scope.reportOf(agency.id, input.year);
      const deadline = annualReportDeadline(agency.kind, input.year);
      const findings = report ? findingsOf(report, agency, scope.reportOf(agency.id, input.year - 1)) : [];
      return {
        agencyId: agency.id,
        agencyName: agency.name,
        agencyLevel: agency.level,
        agencyKind: agency.kind,
        parentId: agency.parentId,
        depth,
        report: report
          ? { id: report.id, status: report.status, source: report.source, ...countFindings(findings) }
          : null,
        deadline,
        publishedOn: report?.publishedOn ?? null,
        ...timelinessOf(deadline, report, today),
      };
    }),
  };
}
