import type { ReportExportFormat } from '../../contract/annual-report-api.ts';
import {
  draftOverviewSentences,
  overviewFactsFromTables,
  type ReportProse,
  type ReportTables,
  reportTitle,
} from '../../core/annual-report/index.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { type RenderedReport, renderReport } from '../../export/index.ts';
import { requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { type CompileInput, compileInScope } from './compile-annual-reports.ts';

/** Prose for tables that have none yet: the drafted section 一, the rest left for the author. */
export function draftProseFor(tables: ReportTables): ReportProse {
  return {
    preamble: '',
    overview: draftOverviewSentences(overviewFactsFromTables(tables)),
    problems: '',
    otherMatters: '',
  };
}

/**
 * The compiled report as a file, exported the same ways as any report. Its prose is the compiling
 * agency's own report's when it has one for the year, otherwise the drafted section 一.
 */
export async function exportCompiledReport(
  deps: AppDeps,
  input: CompileInput & { format: ReportExportFormat },
): Promise<RenderedReport> {
  requirePermission(input.actor, 'report.compile');
  const { scope, tables, ownReport } = await compileInScope(createRepositories(deps.db), input);
  const previous = scope.reportOf(scope.compiler.id, input.year - 1);
  return renderReport(
    {
      agencyName: scope.compiler.name,
      year: input.year,
      formatVersion: tables.formatVersion,
      title: reportTitle(scope.compiler.name, input.year),
      tables,
      prose: ownReport?.prose ?? draftProseFor(tables),
      publishedOn: null,
    },
    input.format,
    previous ? { previous: previous.tables } : {},
  );
}
