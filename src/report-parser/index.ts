/** Reading published annual reports into the canonical tables (report-parser). */

export type { SectionKey } from './labels.ts';
export {
  type ParsedReport,
  type ParseInput,
  parseDocument,
  parseReport,
  readDocument,
  sourceKindOf,
} from './parse-report.ts';
export type { Provenance, Unread } from './sink.ts';
