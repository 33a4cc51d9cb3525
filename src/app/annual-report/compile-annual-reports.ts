import type { CompiledReport } from '../../contract/annual-report-api.ts';
import { compileReports, findCompileGaps, reportTitle, runRules } from '../../core/annual-report/index.ts';
import type { Actor } from '../../core/staff/index.ts';
import { createRepositories, type Repositories } from '../../db/repositories/index.ts';
import { requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { chosenReports, loadCompilationScope } from './compilation-scope.ts';

export interface CompileInput {
  actor: Actor;
  /** The compiling agency. */
  agencyId: string;
  year: number;
  agencyIds: readonly string[];
}

/** The compiled tables and what went into them; shared by the preview, the export and the save. */
export async function compileInScope(repos: Repositories, input: CompileInput) {
  const scope = await loadCompilationScope(repos, input.actor, input.agencyId, input.year);
  const chosen = chosenReports(scope, input.agencyIds, input.year);
  const options = { agency: scope.compiler.name, year: input.year };
  const inputs = chosen.map(({ report, agency }) => ({ ...report.tables, agency: agency.name }));
  const tables = compileReports(inputs, options);
  const previous = scope.reportOf(scope.compiler.id, input.year - 1);
  const findings = runRules({
    tables,
    ...(previous ? { previous: previous.tables } : {}),
    agencyLevel: scope.compiler.level,
  });
  return {
    scope,
    chosen,
    tables,
    findings,
    gaps: findCompileGaps(inputs, options).map((g) => ({ agencyName: g.agency, cells: g.cells })),
    ownReport: scope.reportOf(scope.compiler.id, input.year),
  };
}

/**
 * 汇总: the cell-wise sum of the chosen agencies' reports, checked by the same rules as any report.
 * Nothing is stored (see saveCompiledReport).
 */
export async function compileAnnualReports(deps: AppDeps, input: CompileInput): Promise<CompiledReport> {
  requirePermission(input.actor, 'report.compile');
  const { scope, chosen, tables, findings, gaps } = await compileInScope(createRepositories(deps.db), input);
  return {
    year: input.year,
    compiler: { id: scope.compiler.id, name: scope.compiler.name },
    title: reportTitle(scope.compiler.name, input.year),
    included: chosen.map(({ agency, report }) => ({
      agencyId: agency.id,
      agencyName: agency.name,
      reportId: report.id,
    })),
    tables,
    findings,
    gaps,
  };
}
