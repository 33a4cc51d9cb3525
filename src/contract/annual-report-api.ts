import { z } from 'zod';
import { AGENCY_KINDS, AGENCY_LEVELS } from '../core/agency/agency.ts';
import { FORMAT_VERSIONS } from '../core/annual-report/cells.ts';
import { REPORT_STATUSES } from '../core/annual-report/model.ts';
import { CellValueSchema, FindingSchema, ReportProseSchema, ReportTablesSchema } from './annual-report.ts';

/**
 * The annual-report API as the console and the server share it: stored reports, their workflow
 * (draft → submitted → returned/accepted → published) and the supervisor's compilation.
 */

/** How a stored report's tables came to be. */
export const REPORT_SOURCES = ['authored', 'parsed', 'compiled'] as const;
export type ReportSource = (typeof REPORT_SOURCES)[number];
export const REPORT_SOURCE_LABELS: Record<ReportSource, string> = {
  authored: '在线编写',
  parsed: '导入已发布报告',
  compiled: '汇总下级报告',
};

/**
 * Why a cell holds its value. `computed`: taken from the ledger (catalogue, decisions, fee records,
 * requests, review cases) by fill-from-ledger; a person may still override it, which is `manual`.
 */
export const CELL_ORIGINS = ['manual', 'prefilled', 'compiled', 'computed'] as const;
export type CellOrigin = (typeof CELL_ORIGINS)[number];
export const CELL_ORIGIN_LABELS: Record<CellOrigin, string> = {
  manual: '人工填报',
  prefilled: '系统预填',
  compiled: '汇总生成',
  computed: '台账生成',
};

/** The records behind a cell the ledger computes; null for a cell no ledger computes. */
export const LEDGER_SOURCES = [
  'catalogue_entry',
  'decision',
  'administrative_fee',
  'request',
  'review_case',
] as const;
export type LedgerSource = (typeof LEDGER_SOURCES)[number];
export const LEDGER_SOURCE_LABELS: Record<LedgerSource, string> = {
  catalogue_entry: '政府信息公开目录条目',
  decision: '行政决定',
  administrative_fee: '行政事业性收费记录',
  request: '政府信息公开申请',
  review_case: '行政复议、行政诉讼案件',
};

export function ledgerSourceOf(cell: string): LedgerSource | null {
  if (cell.startsWith('section2.rule.') || cell.startsWith('section2.normative_document.')) {
    return 'catalogue_entry';
  }
  if (/^section2\.(licensing|penalty|coercion)\.decisions$/.test(cell)) return 'decision';
  if (cell === 'section2.administrative_fee.amount_wan_yuan') return 'administrative_fee';
  if (cell.startsWith('section3.')) return 'request';
  if (cell.startsWith('section4.')) return 'review_case';
  return null;
}

/** What the signed-in person may do to a report now; the console shows buttons from this list. */
export const REPORT_ACTIONS = ['edit', 'submit', 'return', 'accept', 'publish'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];
export const REPORT_ACTION_LABELS: Record<ReportAction, string> = {
  edit: '编辑',
  submit: '报送审核',
  return: '退回修改',
  accept: '审核通过',
  publish: '发布',
};

/** The export formats (src/export renderReport). */
export const REPORT_EXPORT_FORMATS = ['docx', 'xlsx', 'html', 'html-vivid', 'json', 'txt'] as const;
export type ReportExportFormat = (typeof REPORT_EXPORT_FORMATS)[number];
export const REPORT_EXPORT_FORMAT_LABELS: Record<ReportExportFormat, string> = {
  docx: 'Word 文档（DOCX）',
  xlsx: 'Excel 表格（XLSX）',
  html: '网页（HTML）',
  'html-vivid': '图解版网页（HTML）',
  json: '标准数据（JSON）',
  txt: '纯文本（TXT）',
};

const LocalDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const YearSchema = z.coerce
  .number({ message: '年度无效' })
  .int('年度无效')
  .min(2008, '年度无效')
  .max(2100, '年度无效');
const VersionSchema = z.number().int().positive();

export const CellEntryViewSchema = z.object({
  value: z.number().nullable(),
  origin: z.enum(CELL_ORIGINS),
  enteredByLabel: z.string(),
  enteredAt: z.string(),
});
export type CellEntryView = z.infer<typeof CellEntryViewSchema>;

export const AnnualReportViewSchema = z.object({
  id: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  agencyLevel: z.enum(AGENCY_LEVELS),
  agencyKind: z.enum(AGENCY_KINDS),
  /** False for a top agency: it publishes without a supervisor's acceptance. */
  hasSupervisor: z.boolean(),
  year: z.number(),
  title: z.string(),
  formatVersion: z.enum(FORMAT_VERSIONS),
  status: z.enum(REPORT_STATUSES),
  source: z.enum(REPORT_SOURCES),
  tables: ReportTablesSchema,
  prose: ReportProseSchema,
  /** Every rule finding, computed on the server with the previous year when it is stored. */
  findings: z.array(FindingSchema),
  /** The same agency's report on the year before, for R6/R7 in the browser. */
  previous: z
    .object({ id: z.string(), year: z.number(), status: z.enum(REPORT_STATUSES), tables: ReportTablesSchema })
    .nullable(),
  /** The latest entry of each cell: who entered the value shown, and when. */
  cellEntries: z.record(z.string(), CellEntryViewSchema),
  /** 条例第四十九条: 31 January (departments) or 31 March (governments) of the next year. */
  deadline: z.string(),
  returnReason: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedByLabel: z.string().nullable(),
  returnedAt: z.string().nullable(),
  returnedByLabel: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  acceptedByLabel: z.string().nullable(),
  publishedAt: z.string().nullable(),
  publishedByLabel: z.string().nullable(),
  publishedOn: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
  allowedActions: z.array(z.enum(REPORT_ACTIONS)),
});
export type AnnualReportView = z.infer<typeof AnnualReportViewSchema>;

export const AnnualReportSummarySchema = z.object({
  id: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  year: z.number(),
  title: z.string(),
  status: z.enum(REPORT_STATUSES),
  source: z.enum(REPORT_SOURCES),
  errorCount: z.number(),
  warningCount: z.number(),
  deadline: z.string(),
  publishedOn: z.string().nullable(),
  updatedAt: z.string(),
});
export type AnnualReportSummary = z.infer<typeof AnnualReportSummarySchema>;

export const AnnualReportListQuerySchema = z.object({
  /** Defaults to the signed-in person's agency. */
  agencyId: z.uuid('机关无效').optional(),
});

export const CreateAnnualReportSchema = z.object({
  /** Defaults to the signed-in person's agency. */
  agencyId: z.uuid('机关无效').optional(),
  year: YearSchema,
});
export type CreateAnnualReport = z.infer<typeof CreateAnnualReportSchema>;

export const UpdateReportCellsSchema = z.object({
  version: VersionSchema,
  cells: z
    .array(z.object({ cell: z.string().min(1).max(100), value: CellValueSchema }))
    .min(1, '没有需要保存的单元格')
    .max(1000),
});
export type UpdateReportCells = z.infer<typeof UpdateReportCellsSchema>;

export const UpdateReportProseSchema = z.object({
  version: VersionSchema,
  prose: ReportProseSchema.partial(),
});
export type UpdateReportProse = z.infer<typeof UpdateReportProseSchema>;

export const ReportVersionSchema = z.object({ version: VersionSchema });

export const FillFromLedgerSchema = z.object({
  version: VersionSchema,
  /** Also replace cells a person entered by hand (kept by default: an override is deliberate). */
  overwriteManual: z.boolean().default(false),
});
export type FillFromLedger = z.infer<typeof FillFromLedgerSchema>;

export const FillFromLedgerResultSchema = z.object({
  report: AnnualReportViewSchema,
  /** Cells now holding the ledger's figure that did not before (value or origin changed). */
  changed: z.array(z.object({ cell: z.string(), from: z.number().nullable(), to: z.number().nullable() })),
  /** Hand-entered cells left as they were although the ledger says otherwise. */
  keptManual: z.array(z.object({ cell: z.string(), value: z.number().nullable(), ledger: z.number() })),
  /** Cells the ledger cannot compute (left as they were), and other remarks, in Chinese. */
  notes: z.array(z.string()),
});
export type FillFromLedgerResult = z.infer<typeof FillFromLedgerResultSchema>;

export const ReturnReportSchema = z.object({
  version: VersionSchema,
  reason: z.string().trim().min(2, '请填写退回原因').max(2000, '退回原因不能超过 2000 个字'),
});

export const PublishReportSchema = z.object({
  version: VersionSchema,
  /** The day it went public; today when absent. */
  publishedOn: LocalDateSchema.optional(),
});

export const ReportExportQuerySchema = z.object({
  format: z.enum(REPORT_EXPORT_FORMATS, {
    message: '导出格式应为 docx、xlsx、html、html-vivid、json 或 txt',
  }),
});

export const ReportAuditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actorLabel: z.string(),
  action: z.string(),
  /** A Chinese sentence: what happened. */
  summary: z.string(),
  reason: z.string().nullable(),
});
export type ReportAuditEntry = z.infer<typeof ReportAuditEntrySchema>;

// ── Compilation (汇总) ─────────────────────────────────────────────────────────────────────────────

export const TIMELINESS = ['on_time', 'late', 'overdue', 'not_due', 'unknown'] as const;
export type Timeliness = (typeof TIMELINESS)[number];
export const TIMELINESS_LABELS: Record<Timeliness, string> = {
  on_time: '按期发布',
  late: '逾期发布',
  overdue: '已逾期未发布',
  not_due: '未到期',
  unknown: '发布日期不详',
};

export const CompilationRowSchema = z.object({
  agencyId: z.string(),
  agencyName: z.string(),
  agencyLevel: z.enum(AGENCY_LEVELS),
  agencyKind: z.enum(AGENCY_KINDS),
  parentId: z.string().nullable(),
  /** 0 for the compiling agency itself, 1 for the agencies directly under it … */
  depth: z.number(),
  report: z
    .object({
      id: z.string(),
      status: z.enum(REPORT_STATUSES),
      source: z.enum(REPORT_SOURCES),
      errorCount: z.number(),
      warningCount: z.number(),
    })
    .nullable(),
  deadline: z.string(),
  publishedOn: z.string().nullable(),
  timeliness: z.enum(TIMELINESS),
  daysLate: z.number().nullable(),
});
export type CompilationRow = z.infer<typeof CompilationRowSchema>;

export const CompilationOverviewSchema = z.object({
  year: z.number(),
  today: z.string(),
  compiler: z.object({ id: z.string(), name: z.string(), kind: z.enum(AGENCY_KINDS) }),
  rows: z.array(CompilationRowSchema),
});
export type CompilationOverview = z.infer<typeof CompilationOverviewSchema>;

export const CompilationQuerySchema = z.object({
  /** The compiling agency; the signed-in person's by default. */
  agencyId: z.uuid('机关无效').optional(),
});

export const CompileReportsSchema = z.object({
  agencyId: z.uuid('机关无效').optional(),
  agencyIds: z.array(z.uuid('机关无效')).min(1, '请至少选择一个机关').max(2000),
});
export type CompileReports = z.infer<typeof CompileReportsSchema>;

export const CompileExportQuerySchema = ReportExportQuerySchema.extend({
  agencyId: z.uuid('机关无效').optional(),
  /** Comma-separated agency ids. */
  agencyIds: z
    .string()
    .min(1, '请至少选择一个机关')
    .transform((v) => v.split(',').filter((s) => s !== ''))
    .pipe(z.array(z.uuid('机关无效')).min(1, '请至少选择一个机关')),
});

export const CompiledReportSchema = z.object({
  year: z.number(),
  compiler: z.object({ id: z.string(), name: z.string() }),
  title: z.string(),
  included: z.array(z.object({ agencyId: z.string(), agencyName: z.string(), reportId: z.string() })),
  tables: ReportTablesSchema,
  findings: z.array(FindingSchema),
  /** Which included report left which compiled cells empty (a sum with an unknown part is unknown). */
  gaps: z.array(z.object({ agencyName: z.string(), cells: z.array(z.string()) })),
});
export type CompiledReport = z.infer<typeof CompiledReportSchema>;
