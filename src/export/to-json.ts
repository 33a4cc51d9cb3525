import type { ReportModel } from '../core/annual-report/index.ts';
import { toCanonicalJson } from '../core/annual-report/index.ts';

/**
 * The report's tables as canonical JSON (annual-report-format.md, core `toCanonicalJson`): the one shape
 * shared by generated, authored and parsed reports, so an exported report can be audited or compared
 * cell by cell with any other. Prose is not part of the canonical shape.
 */
export function renderReportJson(model: ReportModel): string {
  return `${toCanonicalJson(model.tables)}\n`;
}
