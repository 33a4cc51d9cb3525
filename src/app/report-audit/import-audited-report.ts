import type { AnnualReportView } from '../../contract/annual-report-api.ts';
import type { ImportAuditedReport } from '../../contract/report-audit.ts';
import type { Actor } from '../../core/staff/index.ts';
import { storeParsedReport } from '../annual-report/store-parsed-report.ts';
import type { AppDeps } from '../shared/deps.ts';
import { requireAuditor } from './analyse-report-files.ts';

/** Prose is kept as plain rich text: anything that looks like a tag is dropped, never rendered. */
function plain(text: string): string {
  return text.replace(/<\/?[a-zA-Z][^>]*>/g, '');
}

/**
 * Keeps a report audited in the console as the chosen agency's report for the year (via
 * storeParsedReport: published, source parsed, nulls kept), so that the compilation and the
 * cross-year rules R6/R7 of the annual report use it. The parse result comes back from the console as
 * it was analysed; a person who may import reports could equally upload a file printing any figures,
 * so re-reading the file here would prove nothing more.
 */
export async function importAuditedReport(
  deps: AppDeps,
  input: ImportAuditedReport & { actor: Actor },
): Promise<AnnualReportView> {
  requireAuditor(input.actor);
  return storeParsedReport(deps, {
    actor: input.actor,
    agencyId: input.agencyId,
    year: input.year,
    tables: {
      ...input.tables,
      // A title the parser could not read leaves year 0 and no agency: the person's choice fills them
      // (the agency's registered name replaces whatever was printed).
      year: input.tables.year === 0 ? input.year : input.tables.year,
      agency: input.tables.agency.trim() || '（未读出）',
    },
    prose: {
      preamble: plain(input.prose.preamble),
      overview: plain(input.prose.overview),
      problems: plain(input.prose.problems),
      otherMatters: plain(input.prose.otherMatters),
    },
    provenance: {
      fileName: input.fileName,
      publishedOn: input.publishedOn ?? null,
      datedOn: input.datedOn ?? null,
      source: input.source,
      cells: input.provenance,
      unread: input.unread,
      warnings: input.warnings ?? [],
    },
  });
}
