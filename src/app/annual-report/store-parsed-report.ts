import { ReportProseSchema, ReportTablesSchema } from '../../contract/annual-report.ts';
import type { AnnualReportView } from '../../contract/annual-report-api.ts';
import {
  REPORT_STATUS_LABELS,
  type ReportProse,
  type ReportTables,
  toCanonicalJson,
} from '../../core/annual-report/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { isLocalDate } from '../../core/shared/local-date.ts';
import { type Actor, hasPermission } from '../../core/staff/index.ts';
import { inTransaction } from '../../db/repositories/index.ts';
import { actorLabel, requireAgencyInScope } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { accessTo } from './report-access.ts';
import { toReportView } from './report-view.ts';

/** Where a parsed report came from; stored whole beside it (annual_report.provenance). */
export interface ParsedReportProvenance {
  /** The file read, e.g. 张家港市行政审批局2020年政府信息公开工作年度报告.pdf */
  fileName: string;
  /** The publication date the document states, 'YYYY-MM-DD', when it states one. */
  publishedOn?: string | null | undefined;
  /** Anything else the parser reports: source kind, per-cell provenance, unread cells with reasons. */
  [key: string]: unknown;
}

/**
 * Keeps a report read from a published file (src/report-parser) as the agency's report for the year:
 * status published, source parsed, nulls kept as nulls (cells the parser could not read). Such a
 * report gives R6/R7 their previous year. A report already in the system is replaced only when it was
 * itself imported; an authored or compiled report is never overwritten by a parsed one.
 */
export async function storeParsedReport(
  deps: AppDeps,
  input: {
    actor: Actor;
    agencyId: string;
    year: number;
    tables: ReportTables;
    prose: ReportProse;
    provenance: ParsedReportProvenance;
  },
): Promise<AnnualReportView> {
  const { actor, agencyId, year, provenance } = input;
  // An agency imports its own past reports; a supervising office those of the agencies below it.
  if (!hasPermission(actor.roles, 'report.edit') && !hasPermission(actor.roles, 'report.compile')) {
    throw new DomainError('forbidden');
  }
  const tables = ReportTablesSchema.safeParse(input.tables);
  const prose = ReportProseSchema.safeParse(input.prose);
  if (!tables.success || !prose.success) {
    throw new DomainError('validation_failed', '解析结果不符合年度报告的标准数据格式');
  }
  if (tables.data.year !== year) {
    throw new DomainError(
      'validation_failed',
      `解析出的报告年度为${tables.data.year}，与所选${year}年度不一致`,
    );
  }
  const publishedOn = provenance.publishedOn ?? null;
  if (publishedOn !== null && !isLocalDate(publishedOn)) {
    throw new DomainError('validation_failed', '发布日期无效');
  }
  return inTransaction(deps.db, async (repos) => {
    await requireAgencyInScope(repos, actor, agencyId);
    const agency = await repos.agencies.findById(agencyId);
    if (!agency) throw new DomainError('not_found');
    const access = await accessTo(repos, actor, agency);
    if (!access.isOwn && !access.isSupervising) throw new DomainError('not_found');
    const existing = await repos.annualReports.findByAgencyAndYear(agencyId, year);
    if (existing && existing.source !== 'parsed') {
      throw new DomainError(
        'duplicate',
        `${agency.name}${year}年度报告已在系统中（${REPORT_STATUS_LABELS[existing.status]}），不能用导入的报告覆盖`,
      );
    }
    const now = deps.clock.now();
    const fields = {
      formatVersion: tables.data.formatVersion,
      status: 'published' as const,
      source: 'parsed' as const,
      tables: { ...tables.data, agency: agency.name },
      prose: prose.data,
      provenance,
      publishedOn,
      publishedAt: now,
      publishedBy: actor.staffId,
    };
    const report = existing
      ? await repos.annualReports.update(existing.id, existing.version, fields)
      : await repos.annualReports.insert({
          agencyId,
          year,
          ...fields,
          returnReason: null,
          submittedAt: null,
          submittedBy: null,
          returnedAt: null,
          returnedBy: null,
          acceptedAt: null,
          acceptedBy: null,
          createdBy: actor.staffId,
        });
    if (!report) throw new DomainError('conflict');
    await repos.auditLog.append({
      actorStaffId: actor.staffId,
      actorLabel: actorLabel(actor),
      agencyId,
      action: 'annual_report.imported',
      entityType: 'annual_report',
      entityId: report.id,
      // As canonical JSON text: the stored audit value keeps the cell keys exactly.
      oldValue: existing ? { canonicalTables: toCanonicalJson(existing.tables) } : undefined,
      newValue: { fileName: provenance.fileName, publishedOn, replaced: existing !== undefined },
    });
    return toReportView(repos, actor, report, agency, access);
  });
}
