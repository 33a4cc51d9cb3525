import type { Agency } from '../../core/agency/index.ts';
import { type ReportModel, reportTitle } from '../../core/annual-report/index.ts';
import type { AnnualReportRecord, ReportSource } from '../../db/repositories/annual-report.repository.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { type RenderedReport, type ReportFormat, renderReport } from '../../export/index.ts';
import type { AppDeps } from '../shared/deps.ts';
import { toReportModel } from './report-view.ts';

/**
 * The portal's reads of annual reports. A report is public once published (条例第五十条: 向社会公布);
 * before that (draft, submitted, returned, accepted) it does not exist for the public. A published
 * report is read-only for good (report-access.ts), so the stored row is the document as it was
 * published; the only thing that replaces it is a newer import of the published file itself
 * (store-parsed-report.ts), which then is the published document.
 */

export interface PublishedReportSummary {
  year: number;
  title: string;
  publishedOn: string | null;
  source: ReportSource;
}

export interface PublishedReport {
  agency: Agency;
  report: AnnualReportRecord;
  model: ReportModel;
  /** Last year's tables, only when last year's report is published too (for the 图解版's comparisons). */
  previousTables: AnnualReportRecord['tables'] | undefined;
}

async function findAgency(deps: AppDeps, code: string): Promise<Agency | undefined> {
  return createRepositories(deps.db).agencies.findByCode(code.toUpperCase());
}

/** An agency's published reports, newest year first; undefined when no agency has the code. */
export async function listPublishedReportsOfAgency(
  deps: AppDeps,
  agencyCode: string,
): Promise<{ agency: Agency; reports: PublishedReportSummary[] } | undefined> {
  const agency = await findAgency(deps, agencyCode);
  if (!agency) return undefined;
  const reports = await createRepositories(deps.db).annualReports.listPublishedByAgency(agency.id);
  return {
    agency,
    reports: reports.map((r) => ({
      year: r.year,
      title: reportTitle(agency.name, r.year),
      publishedOn: r.publishedOn,
      source: r.source,
    })),
  };
}

/** One published report as its model; undefined for an unknown agency, a year without one, a draft. */
export async function getPublishedReport(
  deps: AppDeps,
  input: { agencyCode: string; year: number },
): Promise<PublishedReport | undefined> {
  const agency = await findAgency(deps, input.agencyCode);
  if (!agency) return undefined;
  const repos = createRepositories(deps.db);
  const report = await repos.annualReports.findPublished(agency.id, input.year);
  if (!report) return undefined;
  // Never last year's draft: its figures are not public.
  const previous = await repos.annualReports.findPublished(agency.id, input.year - 1);
  return { agency, report, model: toReportModel(report, agency), previousTables: previous?.tables };
}

/** A published report as a file, rendered by the same exports the console uses. */
export async function renderPublishedReport(
  deps: AppDeps,
  input: { agencyCode: string; year: number; format: ReportFormat },
): Promise<RenderedReport | undefined> {
  const found = await getPublishedReport(deps, input);
  if (!found) return undefined;
  return renderReport(found.model, input.format, {
    ...(found.previousTables ? { previous: found.previousTables } : {}),
  });
}

export interface RegionReportRow {
  agency: Agency;
  /** Depth in the agency tree (0 for a root), for indenting the list as the home page does. */
  depth: number;
  report: { title: string; publishedOn: string | null; source: ReportSource } | null;
}

/**
 * Every agency with its published report of a year, or none, in the order of the agency tree (a
 * government before its departments and towns): the public finds any agency's report, and sees which
 * agencies have not published theirs here. The year defaults to the latest with a published report.
 */
export async function listPublishedReportsForYear(
  deps: AppDeps,
  input: { year?: number | undefined },
): Promise<{ year: number | null; years: { year: number; count: number }[]; rows: RegionReportRow[] }> {
  const repos = createRepositories(deps.db);
  const years = await repos.annualReports.publishedYears();
  const year = input.year ?? years[0]?.year ?? null;
  if (year === null) return { year, years, rows: [] };
  const [agencies, published] = await Promise.all([
    repos.agencies.listAll(),
    repos.annualReports.listPublishedForYear(year),
  ]);
  const byAgency = new Map(published.map((p) => [p.agencyId, p]));
  const ids = new Set(agencies.map((a) => a.id));
  const rows: RegionReportRow[] = [];
  const visit = (parentId: string | null, depth: number, roots: boolean) => {
    const children = agencies.filter((a) =>
      roots ? a.parentId === null || !ids.has(a.parentId) : a.parentId === parentId,
    );
    for (const agency of children) {
      const found = byAgency.get(agency.id);
      rows.push({
        agency,
        depth,
        report: found
          ? {
              title: reportTitle(agency.name, year),
              publishedOn: found.publishedOn,
              source: found.source,
            }
          : null,
      });
      visit(agency.id, depth + 1, false);
    }
  };
  visit(null, 0, true);
  return { year, years, rows };
}
