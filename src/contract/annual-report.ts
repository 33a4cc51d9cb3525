import { z } from 'zod';
import {
  type ReportTables as CoreReportTables,
  FORMAT_VERSIONS,
  SECTION2_2019_DOCUMENT_COLUMNS,
  SECTION2_2019_ITEM_COLUMNS,
  SECTION2_DOCUMENT_COLUMNS,
  SECTION3_COLUMNS,
  SECTION3_ROWS,
  SECTION4_BLOCKS,
  SECTION4_COLUMNS,
} from '../core/annual-report/cells.ts';
import type { ReportProse as CoreReportProse } from '../core/annual-report/model.ts';
import { type Finding as CoreFinding, RULE_IDS, SEVERITIES } from '../core/annual-report/rules.ts';

/**
 * The canonical JSON of an annual report (annual-report-format.md), shared by server and web.
 *
 * The schemas check shape, not values: a cell is any finite number or null. Negative or fractional
 * counts are what rule R5 reports, so a parsed report that breaks R5 must still pass here to be
 * audited. Unknown keys (`notes`, `source`, `reading`, `findings` in the fixtures) are stripped.
 */

/** A cell: a number, or null when it is absent or could not be read (never a guessed 0). */
export const CellValueSchema = z.number().finite().nullable();

function objectOf<const K extends readonly string[], S extends z.ZodType>(keys: K, schema: S) {
  return z.object(Object.fromEntries(keys.map((k) => [k, schema])) as { [P in K[number]]: S });
}

export const Section2Schema = z.object({
  rule: objectOf(SECTION2_DOCUMENT_COLUMNS, CellValueSchema),
  normative_document: objectOf(SECTION2_DOCUMENT_COLUMNS, CellValueSchema),
  licensing: z.object({ decisions: CellValueSchema }),
  penalty: z.object({ decisions: CellValueSchema }),
  coercion: z.object({ decisions: CellValueSchema }),
  administrative_fee: z.object({ amount_wan_yuan: CellValueSchema }),
});
export type Section2 = z.infer<typeof Section2Schema>;

export const Section2Format2019Schema = z.object({
  rule: objectOf(SECTION2_2019_DOCUMENT_COLUMNS, CellValueSchema),
  normative_document: objectOf(SECTION2_2019_DOCUMENT_COLUMNS, CellValueSchema),
  licensing: objectOf(SECTION2_2019_ITEM_COLUMNS, CellValueSchema),
  other_management_service: objectOf(SECTION2_2019_ITEM_COLUMNS, CellValueSchema),
  penalty: objectOf(SECTION2_2019_ITEM_COLUMNS, CellValueSchema),
  coercion: objectOf(SECTION2_2019_ITEM_COLUMNS, CellValueSchema),
  administrative_fee: z.object({ items_last_year: CellValueSchema, items_change: CellValueSchema }),
  centralised_procurement: z.object({ projects: CellValueSchema, amount_wan_yuan: CellValueSchema }),
});
export type Section2Format2019 = z.infer<typeof Section2Format2019Schema>;

/** One row of table 三: the six applicant columns and 总计. */
export const Section3RowSchema = objectOf(SECTION3_COLUMNS, CellValueSchema);
export type Section3RowCells = z.infer<typeof Section3RowSchema>;

/** All 25 rows must be present; an unread row is a row of nulls. */
export const Section3Schema = objectOf(SECTION3_ROWS, Section3RowSchema);
export type Section3 = z.infer<typeof Section3Schema>;

export const Section4Schema = objectOf(SECTION4_BLOCKS, objectOf(SECTION4_COLUMNS, CellValueSchema));
export type Section4 = z.infer<typeof Section4Schema>;

/** A group row printed instead of its sub-rows (fixtures/reports/README.md); `other` is the usual one. */
export const Section3MergedSchema = z.object({
  withheld: Section3RowSchema.optional(),
  unavailable: Section3RowSchema.optional(),
  not_processed: Section3RowSchema.optional(),
  other: Section3RowSchema.optional(),
});

export const ReportTablesSchema = z.object({
  year: z.number().int().min(2008).max(2100),
  agency: z.string().trim().min(1, '机关名称不能为空'),
  formatVersion: z.enum(FORMAT_VERSIONS),
  section2: Section2Schema,
  section3: Section3Schema,
  section4: Section4Schema,
  section3_merged: Section3MergedSchema.optional(),
  section2_2019: Section2Format2019Schema.optional(),
});
export type ReportTables = z.infer<typeof ReportTablesSchema>;

/** Prose is a small rich-text format (model.ts); raw HTML is refused so every export can render it safely. */
export const RichTextSchema = z
  .string()
  .max(100_000, '文字过长')
  .refine((s) => !/<\/?[a-zA-Z][^>]*>/.test(s), '文字中不能包含HTML标签');
export type RichText = z.infer<typeof RichTextSchema>;

export const ReportProseSchema = z.object({
  preamble: RichTextSchema,
  overview: RichTextSchema,
  problems: RichTextSchema,
  otherMatters: RichTextSchema,
});
export type ReportProse = z.infer<typeof ReportProseSchema>;

export const FindingSchema = z.object({
  rule: z.enum(RULE_IDS),
  severity: z.enum(SEVERITIES),
  cells: z.array(z.string().min(1)),
  message: z.string().min(1),
});
export type Finding = z.infer<typeof FindingSchema>;

// The contract and the core describe one shape; these lines stop compiling if they drift apart.
type MutuallyAssignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _tablesMatch: MutuallyAssignable<ReportTables, CoreReportTables> = true;
const _proseMatch: MutuallyAssignable<ReportProse, CoreReportProse> = true;
const _findingMatch: MutuallyAssignable<Finding, CoreFinding> = true;
void [_tablesMatch, _proseMatch, _findingMatch];
