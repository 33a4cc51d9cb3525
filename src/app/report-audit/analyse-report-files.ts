import type { AuditedFile, AuditedReportFile, ReportAnalysis } from '../../contract/report-audit.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { type Actor, agencyScopeOf, hasPermission } from '../../core/staff/index.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import type { ParsedReport } from '../../report-parser/index.ts';
import type { AppDeps } from '../shared/deps.ts';
import { type AuditContext, type AuditResult, auditReadReports, readReports } from './audit-report-file.ts';
import { matchAgency } from './match-agency.ts';
import { expandInput, type InputItem, type ReportInput } from './report-inputs.ts';

/**
 * Auditing published reports is the supervising office's work (条例第四十九条 and the 汇总 duty that goes
 * with it): a reviewer or a supervisor, not a clerk.
 */
export function requireAuditor(actor: Actor): void {
  if (!hasPermission(actor.roles, 'report.review') && !hasPermission(actor.roles, 'report.compile')) {
    throw new DomainError('forbidden');
  }
}

interface Known {
  agency: { id: string; name: string } | null;
  existing: AuditedReportFile['existingReport'];
  context: AuditContext;
}

function toView(result: AuditResult, known: Known | undefined): AuditedFile {
  if (!result.ok) return { ok: false, file: result.file, error: result.error };
  const p = result.parsed;
  return {
    ok: true,
    file: result.file,
    source: p.source,
    agency: p.agency,
    year: p.year,
    formatVersion: p.formatVersion,
    publishedOn: p.publishedOn ?? null,
    datedOn: p.datedOn ?? null,
    tables: result.tables,
    provenance: p.provenance,
    unread: p.unread,
    prose: p.prose,
    sections: p.sections.map((s) => ({ key: s.key, title: s.title })),
    warnings: p.warnings,
    findings: result.findings,
    cellsRead: result.cellsRead,
    cellsUnread: result.cellsUnread,
    previous: result.previous,
    suggestedAgency: known?.agency ?? null,
    existingReport: known?.existing ?? null,
  };
}

/**
 * Reads uploaded report files (ZIP archives opened) and audits each: the rules R1–R8 and the
 * published-text checks. Each report is matched by its printed name to an agency in the person's
 * scope; when that agency has a report on the year before in the system, R6/R7 are checked against it.
 * Nothing is stored.
 */
export async function analyseReportFiles(
  deps: AppDeps,
  input: { actor: Actor; files: readonly ReportInput[] },
): Promise<ReportAnalysis> {
  requireAuditor(input.actor);
  const items: InputItem[] = [];
  for (const file of input.files) items.push(...(await expandInput(file)));
  const reads = await readReports(items);

  const repos = createRepositories(deps.db);
  const agencies = await repos.agencies.listInScope(agencyScopeOf(input.actor.roles, input.actor.agencyId));
  const known = new Map<ParsedReport, Known>();
  for (const read of reads) {
    if (!read.ok) continue;
    const agency = matchAgency(read.parsed.agency, agencies);
    const year = read.parsed.year;
    if (!agency || year === null) {
      known.set(read.parsed, {
        agency: agency && { id: agency.id, name: agency.name },
        existing: null,
        context: {},
      });
      continue;
    }
    const [previous, existing] = await Promise.all([
      repos.annualReports.findByAgencyAndYear(agency.id, year - 1),
      repos.annualReports.findByAgencyAndYear(agency.id, year),
    ]);
    known.set(read.parsed, {
      agency: { id: agency.id, name: agency.name },
      existing: existing ? { id: existing.id, status: existing.status, source: existing.source } : null,
      context: {
        agencyLevel: agency.level,
        ...(previous
          ? {
              previous: {
                label: `系统中${agency.name}${previous.year}年度报告`,
                tables: previous.tables,
                prose: previous.prose,
              },
            }
          : {}),
      },
    });
  }
  const results = auditReadReports(reads, (parsed) => known.get(parsed)?.context ?? {});
  return {
    files: results.map((result, i) => {
      const read = reads[i];
      return toView(result, read?.ok ? known.get(read.parsed) : undefined);
    }),
  };
}
