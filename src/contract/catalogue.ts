import { z } from 'zod';
import {
  CLOCK_STATUS_LABELS,
  DECISION_FIELDS,
  DECISION_KINDS,
  DOCUMENT_TYPES,
  ENTRY_ACTIONS,
  ENTRY_STATUSES,
  LINK_KINDS,
  VALIDITIES,
} from '../core/catalogue/index.ts';
import { LocalDateSchema } from './calendar.ts';

const CLOCK_STATUSES = Object.keys(CLOCK_STATUS_LABELS) as [keyof typeof CLOCK_STATUS_LABELS, ...string[]];

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label}不能超过 ${max} 个字`)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

// ── Entries ─────────────────────────────────────────────────────────────────────────────────────

export const EntryInputSchema = z.object({
  title: z.string().trim().min(1, '请填写名称').max(200, '名称不能超过 200 个字'),
  summary: optionalText(300, '内容概述'),
  body: optionalText(100_000, '正文'),
  issuingAgencyName: optionalText(100, '发布机构'),
  documentNumber: optionalText(100, '文号'),
  formedOn: LocalDateSchema,
  category: z.string().min(1, '请选择公开类别'),
  documentType: z.enum(DOCUMENT_TYPES, { message: '请选择体裁' }),
  topic: optionalText(50, '主题分类'),
  validity: z.enum(VALIDITIES).optional(),
  validityChangedOn: LocalDateSchema.nullable().optional(),
  repealedBy: optionalText(200, '废止依据'),
});
export type EntryInput = z.infer<typeof EntryInputSchema>;

export const EntryUpdateSchema = EntryInputSchema.extend({ version: z.number().int().positive() });
export type EntryUpdate = z.infer<typeof EntryUpdateSchema>;

export const EntryActionSchema = z.object({
  version: z.number().int().positive(),
  note: optionalText(500, '意见'),
});

export const EntryWithdrawSchema = z.object({
  version: z.number().int().positive(),
  reason: z.string().trim().min(2, '请填写撤回理由').max(500, '撤回理由不能超过 500 个字'),
});

export const EntryValiditySchema = z.object({
  version: z.number().int().positive(),
  validity: z.enum(VALIDITIES),
  validityChangedOn: LocalDateSchema.nullable(),
  repealedBy: optionalText(200, '废止依据'),
});

export const PublicationClockSchema = z.object({
  status: z.enum(CLOCK_STATUSES),
  startsOn: z.string(),
  dueOn: z.string().nullable(),
  publishedOn: z.string().nullable(),
  workdaysTaken: z.number().nullable(),
  workdaysRemaining: z.number().nullable(),
  workdaysLate: z.number().nullable(),
  message: z.string().nullable(),
});
export type PublicationClockView = z.infer<typeof PublicationClockSchema>;

export const EntrySchema = z.object({
  id: z.string(),
  agencyId: z.string(),
  indexNumber: z.string().nullable(),
  title: z.string(),
  summary: z.string().nullable(),
  body: z.string().nullable(),
  issuingAgencyName: z.string(),
  documentNumber: z.string().nullable(),
  formedOn: z.string(),
  publishedOn: z.string().nullable(),
  category: z.string(),
  documentType: z.enum(DOCUMENT_TYPES),
  topic: z.string().nullable(),
  validity: z.enum(VALIDITIES),
  validityChangedOn: z.string().nullable(),
  repealedBy: z.string().nullable(),
  status: z.enum(ENTRY_STATUSES),
  reviewNote: z.string().nullable(),
  withdrawnOn: z.string().nullable(),
  withdrawalReason: z.string().nullable(),
  createdBy: z.string().nullable(),
  version: z.number(),
});
export type EntryView = z.infer<typeof EntrySchema>;

export const EntryListItemSchema = EntrySchema.extend({ clock: PublicationClockSchema });

export const EntryListSchema = z.object({
  entries: z.array(EntryListItemSchema),
  total: z.number(),
});

export const EntryListQuerySchema = z.object({
  agencyId: z.uuid().optional(),
  status: z.enum(ENTRY_STATUSES).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  category: z.string().optional(),
  documentType: z.enum(DOCUMENT_TYPES).optional(),
  text: z.string().trim().max(100).optional(),
  /** Drill-down: the entries behind a report cell, comma-separated ids. */
  ids: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').filter((id) => id !== '') : undefined))
    .pipe(z.array(z.uuid('记录编号无效')).max(500, '一次最多 500 条').optional()),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
});

export const AttachmentSchema = z.object({
  id: z.string(),
  entryId: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  byteSize: z.number(),
  sha256: z.string(),
  createdAt: z.date(),
});

export const LinkedEntrySchema = z.object({
  id: z.string(),
  kind: z.enum(LINK_KINDS),
  direction: z.enum(['interprets', 'interpreted_by']),
  title: z.string(),
  indexNumber: z.string().nullable(),
  status: z.enum(ENTRY_STATUSES),
  agencyCode: z.string(),
});

export const EntryDetailSchema = z.object({
  entry: EntrySchema,
  clock: PublicationClockSchema,
  attachments: z.array(AttachmentSchema),
  links: z.array(LinkedEntrySchema),
  actions: z.array(z.enum(ENTRY_ACTIONS)),
  agencyCode: z.string(),
  categories: z.array(z.object({ code: z.string(), label: z.string(), article: z.string() })),
});
export type EntryDetail = z.infer<typeof EntryDetailSchema>;

export const LinkInputSchema = z.object({
  interpretationId: z.uuid('请选择解读条目'),
  kind: z.enum(LINK_KINDS),
});

export const IndexNumberRuleSchema = z.object({
  pattern: z.string().trim().min(1, '请填写索引号规则').max(60),
});

export const CatalogueSettingsSchema = z.object({
  agencyId: z.string(),
  pattern: z.string(),
  isDefault: z.boolean(),
  example: z.string().nullable(),
  categories: z.array(z.object({ code: z.string(), label: z.string(), article: z.string() })),
});

// ── Timeliness ──────────────────────────────────────────────────────────────────────────────────

export const TimelinessQuerySchema = z.object({
  agencyId: z.uuid(),
  year: z.coerce.number().int().min(2000).max(2100),
});

const TimelinessItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  indexNumber: z.string().nullable(),
  documentNumber: z.string().nullable(),
  status: z.enum(ENTRY_STATUSES),
  clock: PublicationClockSchema,
});

const TimelinessSummarySchema = z.object({
  due: z.number(),
  overdue: z.number(),
  publishedOnTime: z.number(),
  publishedLate: z.number(),
  calendarMissing: z.number(),
});

export const TimelinessSchema = z.object({
  agencyId: z.string(),
  year: z.number(),
  today: z.string(),
  entries: z.object({
    summary: TimelinessSummarySchema,
    due: z.array(TimelinessItemSchema),
    overdue: z.array(TimelinessItemSchema),
    publishedLate: z.array(TimelinessItemSchema),
  }),
  decisions: z.array(z.object({ kind: z.enum(DECISION_KINDS), summary: TimelinessSummarySchema })),
});
export type TimelinessView = z.infer<typeof TimelinessSchema>;

// ── Decisions and imports ───────────────────────────────────────────────────────────────────────

export const DecisionSchema = z.object({
  id: z.string(),
  agencyId: z.string(),
  agencyCode: z.string(),
  agencyName: z.string(),
  kind: z.enum(DECISION_KINDS),
  documentNumber: z.string(),
  title: z.string(),
  matterName: z.string().nullable(),
  matterCategory: z.string().nullable(),
  counterpartyName: z.string(),
  counterpartyCode: z.string().nullable(),
  decidedOn: z.string(),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  publishedOn: z.string().nullable(),
  content: z.string().nullable(),
  basis: z.string().nullable(),
  amountYuan: z.number().nullable(),
});
export type DecisionView = z.infer<typeof DecisionSchema>;

export const DecisionListQuerySchema = z.object({
  agencyId: z.uuid(),
  kind: z.enum(DECISION_KINDS).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  decidedFrom: LocalDateSchema.optional(),
  decidedTo: LocalDateSchema.optional(),
  matterCategory: z.string().max(50).optional(),
  text: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(500).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const DecisionListSchema = z.object({
  items: z.array(DecisionSchema),
  total: z.number(),
  totalIsCapped: z.boolean(),
  categories: z.array(
    z.object({ kind: z.enum(DECISION_KINDS), matterCategory: z.string().nullable(), count: z.number() }),
  ),
});

/** What a file is imported into: 双公示 decisions, or catalogue documents (an old catalogue). */
export const IMPORT_TARGETS = ['decisions', 'documents'] as const;
export type ImportTargetName = (typeof IMPORT_TARGETS)[number];

export const ImportProblemSchema = z.object({
  line: z.number().optional(),
  column: z.string().optional(),
  message: z.string(),
});

export const ImportJobSchema = z.object({
  id: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  target: z.enum(IMPORT_TARGETS),
  fileName: z.string(),
  byteSize: z.number(),
  status: z.enum(['running', 'succeeded', 'failed']),
  phase: z.enum(['reading', 'checking', 'committing', 'done']),
  rowsRead: z.number(),
  bytesRead: z.number(),
  rowsInserted: z.number(),
  rowsUnchanged: z.number(),
  errorCount: z.number(),
  errors: z.array(ImportProblemSchema),
  message: z.string().nullable(),
  options: z.record(z.string(), z.unknown()),
  startedByLabel: z.string(),
  startedAt: z.date(),
  updatedAt: z.date(),
  finishedAt: z.date().nullable(),
});
export type ImportJobView = z.infer<typeof ImportJobSchema>;

export const ImportStartQuerySchema = z.object({
  agencyId: z.uuid('请选择机关'),
  fileName: z.string().trim().min(1).max(200),
  target: z.enum(IMPORT_TARGETS).default('decisions'),
  kind: z.enum(DECISION_KINDS).optional(),
  /** Documents: the 类别 (code) and 文种 of every row when the file has no such column. */
  category: z.string().trim().max(20).optional(),
  documentType: z.enum(DOCUMENT_TYPES).optional(),
  /** 字段=列名,字段=列名 */
  mapping: z.string().max(2000).optional(),
});

export const ImportPreviewQuerySchema = z.object({
  agencyId: z.uuid('请选择机关'),
  fileName: z.string().trim().min(1).max(200),
  target: z.enum(IMPORT_TARGETS),
});

/** The head of a file before it is imported: its header, the column guessed for each field, samples. */
export const ImportPreviewSchema = z.object({
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string().nullable(),
  /** The header row (1-based line) and its names; null when no row has the required columns. */
  headerLine: z.number().nullable(),
  headers: z.array(z.string()),
  fields: z.array(
    z.object({
      field: z.string(),
      label: z.string(),
      required: z.boolean(),
      /** The header the import would read this field from, if any. */
      header: z.string().nullable(),
    }),
  ),
  problems: z.array(z.string()),
  /** The first data rows, cells in header order. */
  sampleRows: z.array(z.array(z.string())),
});
export type ImportPreviewView = z.infer<typeof ImportPreviewSchema>;

export const ImportTemplateQuerySchema = z.object({
  agencyId: z.uuid('请选择机关'),
  target: z.enum(IMPORT_TARGETS),
});

export const DecisionFieldSchema = z.enum(DECISION_FIELDS);

// ── Fees and section 二 ─────────────────────────────────────────────────────────────────────────

export const FeeInputSchema = z.object({
  agencyId: z.uuid(),
  year: z.number().int().min(2000).max(2100),
  item: z.string().trim().min(1, '请填写收费项目').max(200),
  basis: optionalText(300, '收费依据'),
  amountYuan: z.number().min(0, '金额不能为负').max(1e12).multipleOf(0.01, '金额最多两位小数'),
  note: optionalText(500, '备注'),
});

export const FeeSchema = z.object({
  id: z.string(),
  agencyId: z.string(),
  year: z.number(),
  item: z.string(),
  basis: z.string().nullable(),
  amountYuan: z.number(),
  note: z.string().nullable(),
  version: z.number(),
});

export const Section2QuerySchema = z.object({
  agencyId: z.uuid(),
  year: z.coerce.number().int().min(2000).max(2100),
});

const DrillDownRefSchema = z.union([
  z.object({ source: z.literal('catalogue_entry'), ids: z.array(z.string()) }),
  z.object({
    source: z.literal('decision'),
    count: z.number(),
    filter: z.object({
      agencyId: z.string(),
      kind: z.enum(DECISION_KINDS),
      decidedFrom: z.string(),
      decidedTo: z.string(),
    }),
  }),
  z.object({ source: z.literal('administrative_fee'), ids: z.array(z.string()) }),
]);

const DocRowSchema = z.object({
  issued: z.number().nullable(),
  repealed: z.number().nullable(),
  in_force: z.number().nullable(),
});

export const Section2ResponseSchema = z.object({
  agencyId: z.string(),
  year: z.number(),
  section2: z.object({
    rule: DocRowSchema,
    normative_document: DocRowSchema,
    licensing: z.object({ decisions: z.number().nullable() }),
    penalty: z.object({ decisions: z.number().nullable() }),
    coercion: z.object({ decisions: z.number().nullable() }),
    administrative_fee: z.object({ amount_wan_yuan: z.number().nullable() }),
  }),
  drillDown: z.object({
    rule: z.object({
      issued: DrillDownRefSchema,
      repealed: DrillDownRefSchema,
      in_force: DrillDownRefSchema,
    }),
    normative_document: z.object({
      issued: DrillDownRefSchema,
      repealed: DrillDownRefSchema,
      in_force: DrillDownRefSchema,
    }),
    licensing: z.object({ decisions: DrillDownRefSchema }),
    penalty: z.object({ decisions: DrillDownRefSchema }),
    coercion: z.object({ decisions: DrillDownRefSchema }),
    administrative_fee: z.object({ amount_wan_yuan: DrillDownRefSchema }),
  }),
});
export type Section2Response = z.infer<typeof Section2ResponseSchema>;
