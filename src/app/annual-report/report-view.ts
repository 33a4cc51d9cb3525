import type {
  AnnualReportSummary,
  AnnualReportView,
  CellEntryView,
} from '../../contract/annual-report-api.ts';
import { type Agency, annualReportDeadline } from '../../core/agency/index.ts';
import {
  describeCell,
  type Finding,
  listCells,
  type ReportModel,
  reportTitle,
  runRules,
} from '../../core/annual-report/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { Actor } from '../../core/staff/index.ts';
import type { AnnualReportRecord } from '../../db/repositories/annual-report.repository.ts';
import type { Repositories } from '../../db/repositories/index.ts';
import { allowedActions, hasSupervisor, type ReportAccess } from './report-access.ts';

/** Every rule finding of a stored report, with last year's report when the system has it (R6/R7). */
export function findingsOf(
  report: Pick<AnnualReportRecord, 'tables' | 'prose'>,
  agency: Agency,
  previous: Pick<AnnualReportRecord, 'tables'> | undefined,
): Finding[] {
  return runRules({
    tables: report.tables,
    ...(previous ? { previous: previous.tables } : {}),
    agencyLevel: agency.level,
    prose: report.prose,
  });
}

export function countFindings(findings: readonly Finding[]) {
  return {
    errorCount: findings.filter((f) => f.severity === 'error').length,
    warningCount: findings.filter((f) => f.severity === 'warning').length,
  };
}

/** Cells left blank: an authored report is complete only when every cell holds a number (0 for none). */
export function blankCells(report: Pick<AnnualReportRecord, 'tables'>): string[] {
  return listCells(report.tables)
    .filter((c) => c.value === null)
    .map((c) => c.cell);
}

/** What every export renders: the one canonical model. */
export function toReportModel(report: AnnualReportRecord, agency: Agency): ReportModel {
  return {
    agencyName: agency.name,
    year: report.year,
    formatVersion: report.formatVersion,
    title: reportTitle(agency.name, report.year),
    tables: { ...report.tables, agency: agency.name },
    prose: report.prose,
    publishedOn: report.publishedOn,
  };
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

async function staffLabels(repos: Repositories, ids: (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  const found = await Promise.all(unique.map((id) => repos.staff.findById(id)));
  return new Map(found.flatMap((s) => (s ? [[s.id, `${s.displayName}（${s.username}）`] as const] : [])));
}

/** The full view of one report for the console: tables, prose, findings, who entered each cell. */
export async function toReportView(
  repos: Repositories,
  actor: Actor,
  report: AnnualReportRecord,
  agency: Agency,
  access: ReportAccess,
): Promise<AnnualReportView> {
  const previous = await repos.annualReports.findByAgencyAndYear(agency.id, report.year - 1);
  const entries = await repos.annualReports.latestCellEntries(report.id);
  const cellEntries: Record<string, CellEntryView> = {};
  for (const e of entries) {
    cellEntries[e.cellId] = {
      value: e.value === null ? null : Number(e.value),
      origin: e.origin,
      enteredByLabel: e.enteredByLabel,
      enteredAt: new Date(e.enteredAt).toISOString(),
    };
  }
  const labels = await staffLabels(repos, [
    report.submittedBy,
    report.returnedBy,
    report.acceptedBy,
    report.publishedBy,
  ]);
  const label = (id: string | null) => (id === null ? null : (labels.get(id) ?? null));
  return {
    id: report.id,
    agencyId: agency.id,
    agencyName: agency.name,
    agencyLevel: agency.level,
    agencyKind: agency.kind,
    hasSupervisor: hasSupervisor(agency),
    year: report.year,
    title: reportTitle(agency.name, report.year),
    formatVersion: report.formatVersion,
    status: report.status,
    source: report.source,
    tables: report.tables,
    prose: report.prose,
    findings: findingsOf(report, agency, previous),
    previous: previous
      ? { id: previous.id, year: previous.year, status: previous.status, tables: previous.tables }
      : null,
    cellEntries,
    deadline: annualReportDeadline(agency.kind, report.year),
    returnReason: report.returnReason,
    submittedAt: iso(report.submittedAt),
    submittedByLabel: label(report.submittedBy),
    returnedAt: iso(report.returnedAt),
    returnedByLabel: label(report.returnedBy),
    acceptedAt: iso(report.acceptedAt),
    acceptedByLabel: label(report.acceptedBy),
    publishedAt: iso(report.publishedAt),
    publishedByLabel: label(report.publishedBy),
    publishedOn: report.publishedOn,
    createdAt: iso(report.createdAt) as string,
    updatedAt: iso(report.updatedAt) as string,
    version: report.version,
    allowedActions: allowedActions(actor, report, agency, access),
  };
}

export function toReportSummary(
  report: AnnualReportRecord,
  agency: Agency,
  previous: AnnualReportRecord | undefined,
): AnnualReportSummary {
  return {
    id: report.id,
    agencyId: agency.id,
    agencyName: agency.name,
    year: report.year,
    title: reportTitle(agency.name, report.year),
    status: report.status,
    source: report.source,
    ...countFindings(findingsOf(report, agency, previous)),
    deadline: annualReportDeadline(agency.kind, report.year),
    publishedOn: report.publishedOn,
    updatedAt: iso(report.updatedAt) as string,
  };
}

/** A finding list as one Chinese sentence for a refusal: the first few, then a count. */
export function describeFindings(findings: readonly Finding[], limit = 5): string {
  const shown = findings.slice(0, limit).map((f) => `【${f.rule}】${f.message}`);
  const more = findings.length > limit ? `；另有${findings.length - limit}处` : '';
  return `${shown.join('；')}${more}`;
}

/**
 * The check before a report leaves its agency (submission, or publication of a top agency's report):
 * no blank cell and no error-level finding of R1–R8. Refused in Chinese with the breaches listed.
 */
export function requireReleasable(
  report: Pick<AnnualReportRecord, 'tables' | 'prose'>,
  agency: Agency,
  previous: Pick<AnnualReportRecord, 'tables'> | undefined,
  verb: string,
): void {
  const blanks = blankCells(report);
  if (blanks.length > 0) {
    const examples = blanks.slice(0, 3).map(describeCell).join('、');
    throw new DomainError(
      'report_has_errors',
      `年度报告尚有${blanks.length}个单元格未填写（如${examples}），没有的请填0，填写完整后才能${verb}`,
      { blankCells: blanks },
    );
  }
  const errors = findingsOf(report, agency, previous).filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    throw new DomainError(
      'report_has_errors',
      `年度报告有${errors.length}处错误，不能${verb}：${describeFindings(errors)}`,
      { findings: errors },
    );
  }
}
