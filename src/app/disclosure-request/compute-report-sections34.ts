import type { DrillDownView, ReportSections34View } from '../../contract/disclosure-request-api.ts';
import {
  APPLICANT_TYPE_LABELS,
  type ApplicantType,
  SECTION3_COLUMNS,
  SECTION3_ROW_LABELS,
  SECTION3_ROWS,
  SECTION4_BLOCK_LABELS,
  SECTION4_BLOCKS,
  SECTION4_COLUMN_LABELS,
  SECTION4_COLUMNS,
  type Section3Column,
  type Section3Row,
  type Section4Block,
  type Section4Column,
} from '../../core/annual-report/index.ts';
import { computeSection3, computeSection4 } from '../../core/disclosure-request/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { Actor } from '../../core/staff/index.ts';
import { createRepositories, type Repositories } from '../../db/repositories/index.ts';
import { requireAgencyInScope, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { toReviewCaseView, toSummaryView } from './request-view.ts';

async function feedOf(repos: Repositories, agencyId: string, year: number) {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const [candidates, reviewCases] = await Promise.all([
    repos.disclosureRequests.listForReport(agencyId, start, end),
    repos.reviewCases.listForAgency(agencyId, end),
  ]);
  const eventsOf = await repos.disclosureRequests.listEventsOf(candidates.map((c) => c.id));
  const requests = candidates.map((c) => ({
    id: c.id,
    applicantType: c.applicantType as ApplicantType,
    events: eventsOf.get(c.id) ?? [],
  }));
  return { three: computeSection3(requests, year), four: computeSection4(reviewCases, year) };
}

/**
 * Sections 三 and 四 of an agency's annual report for a year, computed from the stored event logs and
 * review cases (the folds of src/core/disclosure-request/report-feed.ts), with the ids behind every
 * cell. The annual-report authoring page takes its figures from here. `actor` is null only for the
 * CLI run by the operator on the server.
 */
export async function computeReportSections34(
  deps: AppDeps,
  input: { actor: Actor | null; agencyId: string; year: number },
): Promise<ReportSections34View> {
  const repos = createRepositories(deps.db);
  if (input.actor) {
    requirePermission(input.actor, 'report.read');
    await requireAgencyInScope(repos, input.actor, input.agencyId);
  }
  const agency = await repos.agencies.findById(input.agencyId);
  if (!agency) throw new DomainError('not_found');
  const { three, four } = await feedOf(repos, input.agencyId, input.year);
  return {
    agencyId: agency.id,
    agencyName: agency.name,
    year: input.year,
    section3: three.section3,
    section4: four.section4,
    drillDown: { section3: three.drillDown, section4: four.drillDown },
  };
}

function cellLabel(section: '3' | '4', row: string, column: string): string | null {
  if (section === '3') {
    if (!(SECTION3_ROWS as readonly string[]).includes(row)) return null;
    if (!(SECTION3_COLUMNS as readonly string[]).includes(column)) return null;
    const columnLabel = column === 'total' ? '总计' : APPLICANT_TYPE_LABELS[column as ApplicantType];
    return `三、${SECTION3_ROW_LABELS[row as Section3Row]} · ${columnLabel}`;
  }
  if (!(SECTION4_BLOCKS as readonly string[]).includes(row)) return null;
  if (!(SECTION4_COLUMNS as readonly string[]).includes(column)) return null;
  return `四、${SECTION4_BLOCK_LABELS[row as Section4Block]} · ${SECTION4_COLUMN_LABELS[column as Section4Column]}`;
}

/** The requests (section 三) or review cases (section 四) behind one cell of the report feed. */
export async function listReportDrillDown(
  deps: AppDeps,
  input: { actor: Actor; agencyId: string; year: number; section: '3' | '4'; row: string; column: string },
): Promise<DrillDownView> {
  requirePermission(input.actor, 'report.read');
  const label = cellLabel(input.section, input.row, input.column);
  if (!label) throw new DomainError('validation_failed', '报表单元格无效');
  const repos = createRepositories(deps.db);
  await requireAgencyInScope(repos, input.actor, input.agencyId);
  const { three, four } = await feedOf(repos, input.agencyId, input.year);
  if (input.section === '3') {
    const ids = three.drillDown[input.row as Section3Row][input.column as Section3Column];
    const { rows } = await repos.disclosureRequests.list({
      scope: { kind: 'own', agencyId: input.agencyId },
      ids,
      limit: 10_000,
      offset: 0,
    });
    return {
      section: '3',
      row: input.row,
      column: input.column,
      label,
      requests: rows.map(toSummaryView),
      reviewCases: [],
    };
  }
  const ids = four.drillDown[input.row as Section4Block][input.column as Section4Column];
  const cases = await repos.reviewCases.listByIds(ids);
  return {
    section: '4',
    row: input.row,
    column: input.column,
    label,
    requests: [],
    reviewCases: cases.map(toReviewCaseView),
  };
}
