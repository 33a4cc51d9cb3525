/** Reading published annual reports into the canonical tables, and the checks on the published text. */
export {
  checkDeadline,
  checkProcessingFee,
  checkProseFigures,
  checkPublishedReport,
  checkRepeated,
  checkSections,
  type DeadlineKind,
  deadlineKindOf,
  PUBLISHED_CHECKS,
  type PublishedCheckId,
  type PublishedCheckOptions,
  type PublishedFinding,
  publicationDeadline,
  statedProcessingFee,
} from './checks.ts';
export type { Origin, SourceKind } from './document.ts';
export type { SectionKey } from './labels.ts';
export type { Prose, SectionFound } from './meta.ts';
export {
  type ParsedReport,
  type ParseInput,
  parseDocument,
  parseReport,
  readDocument,
  sourceKindOf,
} from './parse-report.ts';
export type { Provenance, Unread } from './sink.ts';
