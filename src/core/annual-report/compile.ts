import { DomainError } from '../shared/domain-error.ts';
import { listCells, outcomeGroupValue, parseCellId, readCell, writeCell } from './cell-access.ts';
import {
  type CellId,
  emptyReportTables,
  OUTCOME_GROUP_ROWS,
  OUTCOME_GROUPS,
  type OutcomeGroup,
  type ReportTables,
  SECTION3_COLUMNS,
  type Section2Format2019,
  type Section3Column,
} from './cells.ts';

/**
 * 汇总: a supervising office adds up its subordinates' reports cell by cell into one compiled report.
 *
 * Decisions:
 * - A sum with an unknown part is unknown: if any input cell is null, the compiled cell is null (a null
 *   is never read as 0). findCompileGaps names, per input, the cells that made a compiled cell null.
 * - When any input printed an outcome group as one merged row instead of its sub-rows (section3_merged,
 *   the pre-2021 habit), the compiled report does the same for that group: each input contributes its
 *   group count (the sum of its sub-rows, or its merged row) to section3_merged, and the compiled
 *   sub-rows are null (absent). Splitting a merged row into sub-rows would be a guess; summing only the
 *   inputs that have sub-rows would print partial sums as if complete.
 * - The compiled formatVersion is '2019' only when every input is in the 2019 layout; section2_2019 is
 *   summed when any input has it (inputs without it leave those cells null).
 * - Fees in 万元 are rounded to 6 decimals (0.01 元) to drop binary floating-point noise.
 */

export interface CompileOptions {
  /** The compiling government, e.g. 淮安市人民政府. */
  agency: string;
  year: number;
}

export interface CompileGap {
  /** Position of the input in the list given. */
  index: number;
  agency: string;
  /** Cells of the compiled report that are null because this input's value is unknown. */
  cells: CellId[];
}

function printsGroupMerged(tables: ReportTables, group: OutcomeGroup): boolean {
  if (!tables.section3_merged?.[group]) return false;
  return OUTCOME_GROUP_ROWS[group].some((row) =>
    SECTION3_COLUMNS.some((c) => tables.section3[row][c] === null),
  );
}

function emptySection2Format2019(): Section2Format2019 {
  const items = () => ({ items_last_year: 0, items_change: 0, decisions: 0 });
  const documents = () => ({ made_this_year: 0, published_this_year: 0, published_total: 0 });
  return {
    rule: documents(),
    normative_document: documents(),
    licensing: items(),
    other_management_service: items(),
    penalty: items(),
    coercion: items(),
    administrative_fee: { items_last_year: 0, items_change: 0 },
    centralised_procurement: { projects: 0, amount_wan_yuan: 0 },
  };
}

function roundAmount(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function compile(reports: readonly ReportTables[], options: CompileOptions) {
  for (const report of reports) {
    if (report.year !== options.year) {
      throw new DomainError(
        'validation_failed',
        `汇总的报告年度不一致：${report.agency}的报告为${report.year}年度，应为${options.year}年度`,
      );
    }
  }
  const tables = emptyReportTables(options.agency, options.year, 0);
  if (reports.length > 0 && reports.every((r) => r.formatVersion === '2019')) tables.formatVersion = '2019';
  if (reports.some((r) => r.section2_2019)) tables.section2_2019 = emptySection2Format2019();

  const folded = OUTCOME_GROUPS.map((g) => g.key).filter((g) => reports.some((r) => printsGroupMerged(r, g)));
  if (folded.length > 0) {
    tables.section3_merged = {};
    for (const group of folded) {
      tables.section3_merged[group] = Object.fromEntries(SECTION3_COLUMNS.map((c) => [c, 0])) as Record<
        Section3Column,
        number | null
      >;
      for (const row of OUTCOME_GROUP_ROWS[group]) {
        for (const column of SECTION3_COLUMNS) tables.section3[row][column] = null;
      }
    }
  }
  const foldedRows = new Set<string>(folded.flatMap((g) => OUTCOME_GROUP_ROWS[g]));

  const gaps = reports.map((r, index): CompileGap => ({ index, agency: r.agency, cells: [] }));
  for (const { cell } of listCells(tables)) {
    const id = parseCellId(cell);
    if (!id || (id.section === 'section3' && foldedRows.has(id.row))) continue;
    let total: number | null = 0;
    for (const [index, report] of reports.entries()) {
      const value =
        id.section === 'section3_merged'
          ? outcomeGroupValue(report, id.row as OutcomeGroup, id.column as Section3Column)
          : (readCell(report, cell) ?? null);
      if (value === null) {
        total = null;
        gaps[index]?.cells.push(cell);
      } else if (total !== null) {
        total += value;
      }
    }
    const value = total;
    writeCell(tables, cell, value !== null && id.column === 'amount_wan_yuan' ? roundAmount(value) : value);
  }
  return { tables, gaps: gaps.filter((g) => g.cells.length > 0) };
}

/** The compiled report: the cell-wise sum of the inputs (see the decisions above). */
export function compileReports(reports: readonly ReportTables[], options: CompileOptions): ReportTables {
  return compile(reports, options).tables;
}

/** Which inputs left which compiled cells null; empty when every compiled cell is known. */
export function findCompileGaps(reports: readonly ReportTables[], options: CompileOptions): CompileGap[] {
  return compile(reports, options).gaps;
}
