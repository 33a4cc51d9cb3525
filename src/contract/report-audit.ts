import { z } from 'zod';
import { FORMAT_VERSIONS } from '../core/annual-report/cells.ts';
import { REPORT_STATUSES } from '../core/annual-report/model.ts';
import { SEVERITIES } from '../core/annual-report/rules.ts';
import {
  Section2Format2019Schema,
  Section2Schema,
  Section3MergedSchema,
  Section3Schema,
  Section4Schema,
} from './annual-report.ts';
import { REPORT_SOURCES } from './annual-report-api.ts';

/**
 * Auditing published annual reports (issue 4): the console uploads report files, reads back each
 * report's tables with the place every cell was printed and the findings, and keeps a report as an
 * agency's report for a year.
 */

export const SOURCE_KINDS = ['text', 'html', 'docx', 'pdf'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export const SOURCE_KIND_LABELS: Record<SourceKind, string> = {
  text: '文本',
  html: '网页',
  docx: 'Word 文档',
  pdf: 'PDF',
};

/** Where a cell was printed and its exact text (report-parser Provenance). */
export const CellProvenanceSchema = z.object({
  source: z.enum(SOURCE_KINDS),
  line: z.number().optional(),
  column: z.number().optional(),
  table: z.number().optional(),
  row: z.number().optional(),
  cell: z.number().optional(),
  page: z.number().optional(),
  x: z.number().optional(),
  y: z.number().optional(),
  text: z.string().max(1000),
});
export type CellProvenance = z.infer<typeof CellProvenanceSchema>;

/** The place of a cell for people: 第4页（x 312，y 540）, 第3个表格第5行第2格, 第12行第5列. */
export function describePlace(place: Omit<CellProvenance, 'text'>): string {
  const round = (n: number) => Math.round(n);
  if (place.page !== undefined) {
    const at =
      place.x !== undefined && place.y !== undefined ? `（x ${round(place.x)}，y ${round(place.y)}）` : '';
    return `第${place.page}页${at}`;
  }
  if (place.table !== undefined) {
    const row = place.row !== undefined ? `第${place.row + 1}行` : '';
    const cell = place.cell !== undefined ? `第${place.cell + 1}格` : '';
    return `第${place.table + 1}个表格${row}${cell}`;
  }
  if (place.line !== undefined) {
    if (place.source === 'docx') return `第${place.line}段`;
    return place.column !== undefined ? `第${place.line}行第${place.column}列` : `第${place.line}行`;
  }
  return '位置不详';
}

export const UnreadCellSchema = z.object({ cell: z.string().max(100), reason: z.string().max(500) });
export type UnreadCell = z.infer<typeof UnreadCellSchema>;

export const AUDIT_FINDING_KINDS = ['rule', 'published'] as const;

/** A rule finding (R1–R8) or a published-text check, with the values of the cells it names. */
export const AuditFindingSchema = z.object({
  /** R1…R8, or sections | prose_figures | processing_fee | deadline | repeated. */
  id: z.string(),
  kind: z.enum(AUDIT_FINDING_KINDS),
  severity: z.enum(SEVERITIES),
  cells: z.array(z.string()),
  message: z.string(),
  values: z.record(z.string(), z.number().nullable()),
});
export type AuditFinding = z.infer<typeof AuditFindingSchema>;

export const PUBLISHED_CHECK_LABELS: Record<string, string> = {
  sections: '六个部分齐全、顺序正确',
  prose_figures: '正文所述数字与表格一致',
  processing_fee: '第六部分所述信息处理费与表三相符',
  deadline: '在《条例》第四十九条规定的期限内公布',
  repeated: '不与上一年度报告雷同',
};

/** Parsed tables: like ReportTablesSchema, but the year and agency may not have been read (0 and ''). */
export const ParsedTablesSchema = z.object({
  year: z.number().int(),
  agency: z.string().max(200),
  formatVersion: z.enum(FORMAT_VERSIONS),
  section2: Section2Schema,
  section3: Section3Schema,
  section4: Section4Schema,
  section3_merged: Section3MergedSchema.optional(),
  section2_2019: Section2Format2019Schema.optional(),
});

/** Prose as read from the page: plain text (the server strips anything tag-like before storing it). */
export const ParsedProseSchema = z.object({
  preamble: z.string().max(100_000),
  overview: z.string().max(100_000),
  problems: z.string().max(100_000),
  otherMatters: z.string().max(100_000),
});

const LocalDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const AuditedFileSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    /** The file name; an archive entry is `archive.zip!/entry.pdf`. */
    file: z.string(),
    source: z.enum(SOURCE_KINDS),
    agency: z.string().nullable(),
    year: z.number().nullable(),
    formatVersion: z.enum(FORMAT_VERSIONS),
    publishedOn: z.string().nullable(),
    datedOn: z.string().nullable(),
    tables: ParsedTablesSchema,
    provenance: z.record(z.string(), CellProvenanceSchema),
    unread: z.array(UnreadCellSchema),
    prose: ParsedProseSchema,
    sections: z.array(z.object({ key: z.string(), title: z.string() })),
    warnings: z.array(z.string()),
    findings: z.array(AuditFindingSchema),
    cellsRead: z.number(),
    cellsUnread: z.number(),
    /** The report of the year before that R6/R7 were checked against. */
    previous: z.object({ label: z.string(), year: z.number() }).nullable(),
    /** The agency in the signed-in person's scope whose name the report prints. */
    suggestedAgency: z.object({ id: z.string(), name: z.string() }).nullable(),
    /** The suggested agency's report already in the system for that year. */
    existingReport: z
      .object({ id: z.string(), status: z.enum(REPORT_STATUSES), source: z.enum(REPORT_SOURCES) })
      .nullable(),
  }),
  z.object({ ok: z.literal(false), file: z.string(), error: z.string() }),
]);
export type AuditedFile = z.infer<typeof AuditedFileSchema>;
export type AuditedReportFile = Extract<AuditedFile, { ok: true }>;

export const ReportAnalysisSchema = z.object({ files: z.array(AuditedFileSchema) });
export type ReportAnalysis = z.infer<typeof ReportAnalysisSchema>;

/** Keep a parsed report as the agency's report for the year (a published, imported report). */
export const ImportAuditedReportSchema = z.object({
  agencyId: z.uuid('机关无效'),
  year: z.coerce.number({ message: '年度无效' }).int('年度无效').min(2008, '年度无效').max(2100, '年度无效'),
  fileName: z.string().trim().min(1, '缺少文件名').max(500),
  source: z.enum(SOURCE_KINDS),
  tables: ParsedTablesSchema,
  prose: ParsedProseSchema,
  provenance: z
    .record(z.string().max(100), CellProvenanceSchema)
    .refine((p) => Object.keys(p).length <= 2000, '单元格来源记录过多'),
  unread: z.array(UnreadCellSchema).max(2000),
  publishedOn: LocalDateSchema.nullable().optional(),
  datedOn: LocalDateSchema.nullable().optional(),
  warnings: z.array(z.string().max(500)).max(50).optional(),
});
export type ImportAuditedReport = z.infer<typeof ImportAuditedReportSchema>;

/** Per uploaded file (a ZIP counts as one file; what is inside it is limited separately). */
export const MAX_UPLOAD_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_UPLOAD_FILES = 20;
