import type { FillFromLedgerResult } from '../../contract/annual-report-api.ts';
import {
  type CellId,
  type ReportTables,
  readCell,
  SECTION2_DOCUMENT_COLUMNS,
  SECTION2_DOCUMENT_ROWS,
  SECTION3_COLUMNS,
  SECTION3_ROWS,
  SECTION4_BLOCKS,
  SECTION4_COLUMNS,
  section3Cell,
  section3ColumnTitle,
  writeCell,
} from '../../core/annual-report/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { Actor } from '../../core/staff/index.ts';
import type {
  AnnualReportRecord,
  CellEntryOrigin,
  NewCellEntry,
} from '../../db/repositories/annual-report.repository.ts';
import { createRepositories, inTransaction } from '../../db/repositories/index.ts';
import { computeReportSection2 } from '../catalogue/compute-report-section2.ts';
import { computeReportSections34 } from '../disclosure-request/compute-report-sections34.ts';
import { actorLabel, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { loadReportFor, requireAction } from './report-access.ts';
import { toReportView } from './report-view.ts';

/** What the ledger says about an agency's year, cell by cell, and what it cannot say. */
export interface LedgerFigures {
  year: number;
  /** Every cell the ledger computes, with its figure. */
  values: Map<CellId, number>;
  /** Cells it cannot compute, in Chinese: they keep what the report holds. */
  notes: string[];
}

const FEE_CELL = 'section2.administrative_fee.amount_wan_yuan';

/**
 * Sections 二, 三 and 四 of an agency's year as the ledger computes them: section 二 from the catalogue,
 * the decisions and the fee records (computeReportSection2), sections 三 and 四 from the requests'
 * event logs and the review cases (computeReportSections34). Both check the actor's scope.
 *
 * The fee (第二十条第（八）项, in 万元) is computed only when the year has fee records: an agency that
 * keeps none in the system has not told us it collected nothing, and a blank is never a guessed 0.
 */
export async function computeLedgerFigures(
  deps: AppDeps,
  input: { actor: Actor; agencyId: string; year: number },
): Promise<LedgerFigures> {
  const two = await computeReportSection2(deps, input);
  const threeFour = await computeReportSections34(deps, input);
  const values = new Map<CellId, number>();
  const notes: string[] = [];
  const put = (cell: CellId, value: number | null | undefined) => {
    if (typeof value === 'number' && Number.isFinite(value)) values.set(cell, value);
  };
  for (const row of SECTION2_DOCUMENT_ROWS) {
    for (const column of SECTION2_DOCUMENT_COLUMNS) {
      put(`section2.${row}.${column}`, two.section2[row][column]);
    }
  }
  for (const row of ['licensing', 'penalty', 'coercion'] as const) {
    put(`section2.${row}.decisions`, two.section2[row].decisions);
  }
  const feeRef = two.drillDown.administrative_fee.amount_wan_yuan;
  if (feeRef.source === 'administrative_fee' && feeRef.ids.length > 0) {
    put(FEE_CELL, two.section2.administrative_fee.amount_wan_yuan);
  } else {
    notes.push(
      `${input.year}年度没有登记行政事业性收费记录，第二部分“行政事业性收费”金额无法从台账计算，保持原值（没有收费的填0）`,
    );
  }
  for (const row of SECTION3_ROWS) {
    for (const column of SECTION3_COLUMNS) put(section3Cell(row, column), threeFour.section3[row][column]);
  }
  for (const block of SECTION4_BLOCKS) {
    for (const column of SECTION4_COLUMNS)
      put(`section4.${block}.${column}`, threeFour.section4[block][column]);
  }
  return { year: input.year, values, notes };
}

export interface LedgerMerge {
  tables: ReportTables;
  /** The cell entries to record: every cell whose value or origin changed. */
  entries: NewCellEntry[];
  changed: { cell: CellId; from: number | null; to: number | null }[];
  keptManual: { cell: CellId; value: number | null; ledger: number }[];
  notes: string[];
}

/**
 * Lays the ledger's figures over a report's tables.
 *
 * - A cell whose latest entry a person typed (`manual`) keeps its value unless `overwriteManual`: an
 *   override of a computed figure is deliberate, and a refresh must not silently undo it.
 * - 上年结转 must equal last year's 结转下年度继续办理 (rule R6). The request fold guarantees that
 *   against the ledger's own previous year; when the system holds last year's report and it says
 *   otherwise (a report imported from before the ledger, say), last year's published figure stands
 *   (`prefilled`) and the difference is noted: it means the ledger lacks requests carried over.
 * - Cells the ledger cannot compute are left as they are.
 */
export function mergeLedgerFigures(input: {
  tables: ReportTables;
  figures: LedgerFigures;
  latestOrigins: ReadonlyMap<CellId, CellEntryOrigin>;
  previous: Pick<AnnualReportRecord, 'year' | 'tables'> | undefined;
  overwriteManual: boolean;
  enteredBy: string | null;
  enteredByLabel: string;
}): LedgerMerge {
  const tables = structuredClone(input.tables);
  const entries: NewCellEntry[] = [];
  const changed: LedgerMerge['changed'] = [];
  const keptManual: LedgerMerge['keptManual'] = [];
  const notes = [...input.figures.notes];
  const carriedOverDiffers: string[] = [];
  for (const [cell, ledger] of input.figures.values) {
    const current = readCell(tables, cell);
    if (current === undefined) continue;
    let target = ledger;
    let origin: CellEntryOrigin = 'computed';
    let label = input.enteredByLabel;
    const column = SECTION3_COLUMNS.find((c) => cell === section3Cell('carried_over', c));
    if (column !== undefined && input.previous) {
      const before = input.previous.tables.section3.carried_forward[column];
      if (typeof before === 'number' && before !== ledger) {
        target = before;
        origin = 'prefilled';
        label = `系统预填（${input.previous.year}年度报告“结转下年度继续办理”）`;
        carriedOverDiffers.push(`${section3ColumnTitle(column)}：上年报告${before}，台账${ledger}`);
      }
    }
    const latest = input.latestOrigins.get(cell);
    if (latest === 'manual' && !input.overwriteManual && current !== target) {
      keptManual.push({ cell, value: current, ledger: target });
      continue;
    }
    if (current === target && latest === origin) continue;
    writeCell(tables, cell, target);
    entries.push({ cellId: cell, value: target, origin, enteredBy: input.enteredBy, enteredByLabel: label });
    changed.push({ cell, from: current, to: target });
  }
  if (carriedOverDiffers.length > 0 && input.previous) {
    notes.push(
      `上年结转按${input.previous.year}年度报告的“结转下年度继续办理”填写（规则R6），与台账计算的不同（${carriedOverDiffers.join('；')}）：台账中可能缺少上年结转的申请记录`,
    );
  }
  return { tables, entries, changed, keptManual, notes };
}

function requireAuthored(report: Pick<AnnualReportRecord, 'source'>): void {
  // A compiled report is the sum of the agencies' reports below; the compiling office's own ledger
  // is only a part of it.
  if (report.source !== 'authored') {
    throw new DomainError('invalid_state', '只有在线编写的年度报告可以从台账取数，汇总生成或导入的报告不能');
  }
}

/**
 * Refreshes a draft (or returned) report's sections 二, 三 and 四 from the ledger, recording every cell
 * it changes as `computed` by the actor, in one transaction with the report's version checked and an
 * audit entry. The ledger is read first (outside the write), then the report is re-read under lock of
 * its version: a concurrent edit makes this a conflict, never a lost update.
 */
export async function fillReportFromLedger(
  deps: AppDeps,
  input: { actor: Actor; reportId: string; version: number; overwriteManual?: boolean },
): Promise<FillFromLedgerResult> {
  const { actor } = input;
  const overwriteManual = input.overwriteManual ?? false;
  requirePermission(actor, 'report.edit');
  const first = await loadReportFor(createRepositories(deps.db), actor, input.reportId);
  requireAction(actor, first.report, first.agency, first.access, 'edit');
  requireAuthored(first.report);
  if (first.report.version !== input.version) throw new DomainError('conflict');
  const figures = await computeLedgerFigures(deps, {
    actor,
    agencyId: first.agency.id,
    year: first.report.year,
  });
  return inTransaction(deps.db, async (repos) => {
    const { report, agency, access } = await loadReportFor(repos, actor, input.reportId);
    requireAction(actor, report, agency, access, 'edit');
    if (report.version !== input.version) throw new DomainError('conflict');
    const previous = await repos.annualReports.findByAgencyAndYear(agency.id, report.year - 1);
    const latest = await repos.annualReports.latestCellEntries(report.id);
    const merge = mergeLedgerFigures({
      tables: report.tables,
      figures,
      latestOrigins: new Map(latest.map((e) => [e.cellId, e.origin])),
      previous,
      overwriteManual,
      enteredBy: actor.staffId,
      enteredByLabel: actorLabel(actor),
    });
    const result = { changed: merge.changed, keptManual: merge.keptManual, notes: merge.notes };
    if (merge.entries.length === 0) {
      return { report: await toReportView(repos, actor, report, agency, access), ...result };
    }
    const updated = await repos.annualReports.update(report.id, input.version, { tables: merge.tables });
    if (!updated) throw new DomainError('conflict');
    await repos.annualReports.appendCellEntries(report.id, agency.id, merge.entries);
    await repos.auditLog.append({
      actorStaffId: actor.staffId,
      actorLabel: actorLabel(actor),
      agencyId: agency.id,
      action: 'annual_report.filled_from_ledger',
      entityType: 'annual_report',
      entityId: report.id,
      oldValue: { cells: merge.changed.map(({ cell, from }) => ({ cell, value: from })) },
      newValue: {
        cells: merge.changed.map(({ cell, to }) => ({ cell, value: to })),
        keptManual: merge.keptManual.map((k) => k.cell),
        overwriteManual,
        notes: merge.notes,
        version: updated.version,
      },
    });
    return { report: await toReportView(repos, actor, updated, agency, access), ...result };
  });
}
