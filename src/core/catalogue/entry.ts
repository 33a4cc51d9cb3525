import type { LocalDate } from '../shared/local-date.ts';
import { ok, type Result, refuse } from '../shared/result.ts';
import {
  ARTICLE_20_CATEGORIES,
  ARTICLE_21_CITY_COUNTY_CATEGORIES,
  ARTICLE_21_TOWNSHIP_CATEGORIES,
  type DisclosureCategory,
} from './categories.ts';

/**
 * A catalogue entry (目录条目, 条例第十二条): one item of proactively disclosed information with its
 * 索引号, 名称, 内容概述 and 生成日期, plus the fields portals show (发布机构、文号、成文日期、发布日期、
 * 主题分类、有效性).
 */

/**
 * Workflow: a clerk drafts, the confidentiality review (保密审查, 条例第十七条: 行政机关应当建立健全政府
 * 信息公开审查机制) approves or sends back, approval publishes; a published entry is withdrawn with a
 * reason, never deleted, so its 索引号 is never given to another entry.
 */
export const ENTRY_STATUSES = ['draft', 'in_review', 'published', 'withdrawn'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export const ENTRY_STATUS_LABELS: Record<EntryStatus, string> = {
  draft: '草稿',
  in_review: '保密审查中',
  published: '已公开',
  withdrawn: '已撤回',
};

/** 有效性: in force, lapsed by its own term (失效), or repealed by another document (废止). */
export const VALIDITIES = ['in_force', 'expired', 'repealed'] as const;
export type Validity = (typeof VALIDITIES)[number];

export const VALIDITY_LABELS: Record<Validity, string> = {
  in_force: '有效',
  expired: '失效',
  repealed: '废止',
};

/**
 * 体裁: what section 二 of the annual report counts in its 第二十条第（一）项 table — 规章 and 行政规范性
 * 文件 — apart from every other kind of item (notices, plans, results, interpretations, …).
 */
export const DOCUMENT_TYPES = [
  'rule',
  'normative_document',
  'policy_document',
  'policy_interpretation',
  'graphic_interpretation',
  'notice',
  'other',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const DOCUMENT_TYPE_LABELS: Record<DocumentType, string> = {
  rule: '规章',
  normative_document: '行政规范性文件',
  policy_document: '其他政策文件',
  policy_interpretation: '政策解读',
  graphic_interpretation: '图解',
  notice: '通知公告',
  other: '其他',
};

/** How an interpretation relates to the document it explains. */
export const LINK_KINDS = ['policy_interpretation', 'graphic_interpretation'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export const LINK_KIND_LABELS: Record<LinkKind, string> = {
  policy_interpretation: '政策解读',
  graphic_interpretation: '图解',
};

const ALL_CATEGORIES: readonly DisclosureCategory[] = [
  ...ARTICLE_20_CATEGORIES,
  ...ARTICLE_21_CITY_COUNTY_CATEGORIES,
  ...ARTICLE_21_TOWNSHIP_CATEGORIES,
];

const CATEGORY_BY_CODE = new Map(ALL_CATEGORIES.map((c) => [c.code, c]));

export function findCategory(code: string): DisclosureCategory | undefined {
  return CATEGORY_BY_CODE.get(code);
}

/** A short label for lists: 第二十一条 items carry their own name; 第二十条 items their 项 number. */
export function categoryShortLabel(code: string): string {
  const category = CATEGORY_BY_CODE.get(code);
  if (!category) return code;
  return category.label.length > 16 ? `${category.label.slice(0, 15)}…` : category.label;
}

export interface EntryValidityFields {
  validity: Validity;
  /** The day the entry stopped being in force (失效 or 废止). */
  validityChangedOn: LocalDate | null;
  /** The document that repealed it: 文号 or title. */
  repealedBy: string | null;
}

export interface EntryContentFields extends EntryValidityFields {
  title: string;
  summary: string | null;
  body: string | null;
  issuingAgencyName: string;
  documentNumber: string | null;
  formedOn: LocalDate;
  category: string;
  documentType: DocumentType;
  topic: string | null;
}

export interface CatalogueEntry extends EntryContentFields {
  id: string;
  agencyId: string;
  indexNumber: string | null;
  publishedOn: LocalDate | null;
  status: EntryStatus;
  reviewNote: string | null;
  withdrawnOn: LocalDate | null;
  withdrawalReason: string | null;
  /** The member of staff who drafted it: the review is made by someone else. */
  createdBy: string | null;
  version: number;
}

/** 内容概述 is kept short (local rules ask for at most 100 characters; we allow a little more). */
export const SUMMARY_MAX_LENGTH = 300;
export const TITLE_MAX_LENGTH = 200;

/** A rule broken by an entry's content, with the field at fault (bulk imports name the column). */
export interface EntryContentProblem {
  field: keyof EntryContentFields;
  message: string;
}

/**
 * Field rules that hold in every status. Messages are for the person filling in the form.
 * `allowedCategories` is the set of the agency's level (第二十条, plus 第二十一条 by level).
 */
export function checkEntryContent(
  fields: EntryContentFields,
  allowedCategories: readonly DisclosureCategory[],
): string[] {
  return entryContentProblems(fields, allowedCategories).map((p) => p.message);
}

export function entryContentProblems(
  fields: EntryContentFields,
  allowedCategories: readonly DisclosureCategory[],
): EntryContentProblem[] {
  const problems: EntryContentProblem[] = [];
  const add = (field: keyof EntryContentFields, message: string) => problems.push({ field, message });
  if (fields.title.trim().length === 0) add('title', '名称不能为空');
  if (fields.title.length > TITLE_MAX_LENGTH) add('title', `名称不能超过 ${TITLE_MAX_LENGTH} 个字`);
  if (fields.summary && fields.summary.length > SUMMARY_MAX_LENGTH)
    add('summary', `内容概述不能超过 ${SUMMARY_MAX_LENGTH} 个字`);
  if (fields.issuingAgencyName.trim().length === 0) add('issuingAgencyName', '发布机构不能为空');
  if (!allowedCategories.some((c) => c.code === fields.category))
    add('category', '公开类别不属于本机关适用的《条例》第二十条、第二十一条事项');
  if (
    (fields.documentType === 'rule' || fields.documentType === 'normative_document') &&
    !fields.documentNumber
  )
    add('documentNumber', `${DOCUMENT_TYPE_LABELS[fields.documentType]}应当填写文号`);
  problems.push(...validityProblems(fields, fields.formedOn));
  return problems;
}

export function checkValidity(fields: EntryValidityFields, formedOn: LocalDate): string[] {
  return validityProblems(fields, formedOn).map((p) => p.message);
}

function validityProblems(fields: EntryValidityFields, formedOn: LocalDate): EntryContentProblem[] {
  const problems: EntryContentProblem[] = [];
  const add = (field: keyof EntryValidityFields, message: string) => problems.push({ field, message });
  if (fields.validity === 'in_force') {
    if (fields.validityChangedOn || fields.repealedBy) add('validity', '有效的文件不应填写失效或废止信息');
    return problems;
  }
  if (!fields.validityChangedOn)
    add(
      'validityChangedOn',
      `${VALIDITY_LABELS[fields.validity]}的文件应当填写${VALIDITY_LABELS[fields.validity]}日期`,
    );
  else if (fields.validityChangedOn < formedOn) add('validityChangedOn', '失效或废止日期不能早于成文日期');
  if (fields.validity === 'repealed' && !fields.repealedBy)
    add('repealedBy', '废止的文件应当填写废止依据（文号或文件名称）');
  if (fields.validity === 'expired' && fields.repealedBy) add('repealedBy', '失效的文件不填写废止依据');
  return problems;
}

// ── Workflow ─────────────────────────────────────────────────────────────────────────────────────

export const ENTRY_ACTIONS = ['submit_for_review', 'approve', 'return_to_draft', 'withdraw'] as const;
export type EntryAction = (typeof ENTRY_ACTIONS)[number];

export const ENTRY_ACTION_LABELS: Record<EntryAction, string> = {
  submit_for_review: '提交保密审查',
  approve: '审查通过并公开',
  return_to_draft: '退回修改',
  withdraw: '撤回',
};

/** The only place where an entry's status changes. */
export const ENTRY_TRANSITIONS = {
  draft: { submit_for_review: 'in_review' },
  in_review: { approve: 'published', return_to_draft: 'draft' },
  published: { withdraw: 'withdrawn' },
  withdrawn: {},
} as const satisfies Record<EntryStatus, Partial<Record<EntryAction, EntryStatus>>>;

export function applyEntryAction(status: EntryStatus, action: EntryAction): Result<EntryStatus> {
  const next = (ENTRY_TRANSITIONS[status] as Partial<Record<EntryAction, EntryStatus>>)[action];
  if (!next) {
    return refuse({
      code: 'invalid_state',
      message: `“${ENTRY_STATUS_LABELS[status]}”状态的条目不能${ENTRY_ACTION_LABELS[action]}`,
    });
  }
  return ok(next);
}

/** Only drafts are edited freely; a published entry changes only its validity (and is audited). */
export function isEditable(status: EntryStatus): boolean {
  return status === 'draft';
}
