import type { LocalDate } from '../shared/local-date.ts';
import type { DisclosureCategory } from './categories.ts';
import { normaliseDocumentNumber, parseDateText, type RowProblem } from './decision.ts';
import {
  DOCUMENT_TYPE_LABELS,
  DOCUMENT_TYPES,
  type DocumentType,
  type EntryContentFields,
  entryContentProblems,
  findCategory,
  TITLE_MAX_LENGTH,
  VALIDITY_LABELS,
  type Validity,
} from './entry.ts';
import { type ImportFieldSpec, normaliseHeader } from './import-mapping.ts';
import { type IndexNumberRule, matchIndexNumber } from './index-number.ts';

/**
 * Bulk import of an agency's existing catalogue (规范性文件、政策文件、通知公告、政策解读 …) from its
 * old system: each row becomes a published entry with its historical dates (成文日期, 发布日期), so
 * that the 第二十六条 clock and section 二 judge it exactly as an entry published in the console.
 */
export const DOCUMENT_IMPORT_FIELDS = [
  'indexNumber',
  'title',
  'documentNumber',
  'formedOn',
  'publishedOn',
  'category',
  'documentType',
  'topic',
  'issuingAgencyName',
  'summary',
  'body',
  'validity',
  'validityChangedOn',
  'repealedBy',
] as const;
export type DocumentImportField = (typeof DOCUMENT_IMPORT_FIELDS)[number];

/** Column names seen in catalogue exports of government websites' CMSs, label first. */
export const DOCUMENT_FIELD_SPECS: readonly ImportFieldSpec<DocumentImportField>[] = [
  {
    field: 'indexNumber',
    label: '索引号',
    required: false,
    aliases: ['索引号', 'index_number'],
    hint: '沿用原索引号须符合本机关的索引号规则且未被占用，否则按规则重新编号',
  },
  {
    field: 'title',
    label: '标题',
    required: true,
    aliases: ['标题', '名称', '文件名称', '文件标题', '信息名称', '信息标题', 'title'],
    hint: '不超过 200 字',
  },
  {
    field: 'documentNumber',
    label: '文号',
    required: false,
    aliases: ['文号', '发文字号', '发文文号', '文件编号', '文件字号', 'document_number'],
    hint: '规章、行政规范性文件必填；同一机关的文件按文号识别，重复导入不会重复添加',
  },
  {
    field: 'formedOn',
    label: '成文日期',
    required: true,
    aliases: ['成文日期', '生成日期', '印发日期', '成文时间', '生成时间', 'formed_on'],
    hint: 'YYYY-MM-DD，也可写 2021/3/1、2021年3月1日 或用 Excel 日期',
  },
  {
    field: 'publishedOn',
    label: '发布日期',
    required: true,
    aliases: ['发布日期', '公开日期', '发布时间', '公开时间', 'published_on'],
    hint: '不早于成文日期；公开时效按成文日期起算的工作日计算',
  },
  {
    field: 'category',
    label: '类别',
    required: true,
    aliases: ['类别', '公开类别', '信息类别', '主动公开类别', '公开事项', 'category'],
    hint: '《条例》第二十条、第二十一条的事项名称或代码（见“公开类别”表）',
  },
  {
    field: 'documentType',
    label: '文种',
    required: true,
    aliases: ['文种', '体裁', '文件类型', '信息类型', '文件种类', 'document_type'],
    hint: '规章、行政规范性文件、其他政策文件、政策解读、图解、通知公告 或 其他',
  },
  {
    field: 'topic',
    label: '主题',
    required: false,
    aliases: ['主题', '主题分类', '主题词', 'topic'],
    hint: '主题分类，如 政务服务',
  },
  {
    field: 'issuingAgencyName',
    label: '发布机构',
    required: false,
    aliases: ['发布机构', '发布机关', '发文机关', '发文单位', '发文机构', 'issuing_agency_name'],
    hint: '空白时为本机关全称',
  },
  {
    field: 'summary',
    label: '摘要',
    required: false,
    aliases: ['摘要', '内容概述', '内容摘要', '概述', 'summary'],
    hint: '不超过 300 字',
  },
  {
    field: 'body',
    label: '正文',
    required: false,
    aliases: ['正文', '全文', 'body'],
    hint: '可选，全文文本',
  },
  {
    field: 'validity',
    label: '有效性',
    required: false,
    aliases: ['有效性', '效力状态', '效力', '时效性', 'validity'],
    hint: '现行有效、已失效 或 已废止；空白为现行有效',
  },
  {
    field: 'validityChangedOn',
    label: '失效日期',
    required: false,
    aliases: ['失效日期', '废止日期', '失效(废止)日期', '失效或废止日期', 'validity_changed_on'],
    hint: '已失效、已废止的文件必填',
  },
  {
    field: 'repealedBy',
    label: '废止文件',
    required: false,
    aliases: ['废止文件', '废止依据', '废止文号', 'repealed_by'],
    hint: '已废止的文件必填：废止它的文件的文号或名称',
  },
];

const LABEL: Record<DocumentImportField, string> = Object.fromEntries(
  DOCUMENT_FIELD_SPECS.map((s) => [s.field, s.label]),
) as Record<DocumentImportField, string>;

/** Words a spreadsheet may use for each 文种 (the codes too). */
const DOCUMENT_TYPE_WORDS: Record<string, DocumentType> = {
  ...Object.fromEntries(DOCUMENT_TYPES.map((t) => [t, t])),
  ...Object.fromEntries(DOCUMENT_TYPES.map((t) => [DOCUMENT_TYPE_LABELS[t], t])),
  规范性文件: 'normative_document',
  政策文件: 'policy_document',
  解读: 'policy_interpretation',
  文字解读: 'policy_interpretation',
  图片解读: 'graphic_interpretation',
  图解解读: 'graphic_interpretation',
  通知: 'notice',
  公告: 'notice',
  通告: 'notice',
  其它: 'other',
};

export function parseDocumentType(value: string): DocumentType | null {
  return DOCUMENT_TYPE_WORDS[value.trim().toLowerCase()] ?? DOCUMENT_TYPE_WORDS[value.trim()] ?? null;
}

const VALIDITY_WORDS: Record<string, Validity> = {
  in_force: 'in_force',
  有效: 'in_force',
  现行有效: 'in_force',
  expired: 'expired',
  失效: 'expired',
  已失效: 'expired',
  repealed: 'repealed',
  废止: 'repealed',
  已废止: 'repealed',
};

export function parseValidity(value: string): Validity | null {
  return VALIDITY_WORDS[value.replace(/[\s\u3000]+/g, '').toLowerCase()] ?? null;
}

function categoryWord(text: string): string {
  return normaliseHeader(text).replace(/[《》“”"]/g, '');
}

/**
 * The 公开类别 a cell names: its code (a20_01), its label (行政法规、规章和规范性文件) or its article
 * (第二十条第（一）项), among all categories; whether the agency may use it is checked afterwards.
 */
export function findCategoryByText(
  value: string,
  categories: readonly DisclosureCategory[],
): DisclosureCategory | null {
  const byCode = findCategory(value.trim().toLowerCase());
  if (byCode) return byCode;
  const word = categoryWord(value);
  if (word === '') return null;
  return (
    categories.find((c) => categoryWord(c.label) === word) ??
    categories.find((c) => c.article !== '第二十一条' && categoryWord(c.article) === word) ??
    null
  );
}

/** A valid row: the entry's content, its publication, and the 索引号 it came with. */
export interface DocumentImportRow {
  fields: EntryContentFields;
  publishedOn: LocalDate;
  /** The file's 索引号 when it has the agency's rule shape: kept if no entry holds it yet. */
  indexNumber: string | null;
  /** Its counter and serial, so that the counter is raised past it (never drawn again). */
  indexPeriod: string | null;
  indexSerial: number | null;
  /** A 索引号 was given in another shape: the entry gets a new one from the rule. */
  indexNumberReplaced: boolean;
}

export interface DocumentRowContext {
  today: LocalDate;
  /** The agency's full name: 发布机构 when the file has none. */
  agencyName: string;
  agencyCode: string;
  indexRule: IndexNumberRule;
  /** 第二十条, plus 第二十一条 by the agency's level (categoriesForLevel). */
  allowedCategories: readonly DisclosureCategory[];
  /** Every category, to tell an unknown word from one the agency's level does not have. */
  allCategories: readonly DisclosureCategory[];
  /** For a file without the column: one category or 文种 for all its rows. */
  defaultCategory: string | null;
  defaultDocumentType: DocumentType | null;
}

const LIMITS: Partial<Record<DocumentImportField, number>> = {
  indexNumber: 60,
  documentNumber: 100,
  topic: 100,
  issuingAgencyName: 100,
  repealedBy: 200,
  body: 100_000,
};

/**
 * Checks one row (cell texts by field) and builds the entry. Every problem of the row is listed, in
 * Chinese with its column, so one pass over a file tells the whole story.
 */
export function validateDocumentRow(
  cells: Partial<Record<DocumentImportField, string>>,
  context: DocumentRowContext,
): { ok: true; value: DocumentImportRow } | { ok: false; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const problem = (field: DocumentImportField, message: string) =>
    problems.push({ column: LABEL[field], message });
  const text = (field: DocumentImportField): string | null => {
    const value = cells[field]?.trim() ?? '';
    if (value === '') return null;
    const limit = LIMITS[field];
    if (limit !== undefined && value.length > limit) problem(field, `${LABEL[field]}超过 ${limit} 个字`);
    return value;
  };
  const date = (field: DocumentImportField, isRequired: boolean): LocalDate | null => {
    const value = text(field);
    if (value === null) {
      if (isRequired) problem(field, `${LABEL[field]}为空`);
      return null;
    }
    const parsed = parseDateText(value);
    if (parsed === null) problem(field, `${LABEL[field]}“${value}”不是有效日期（应为 YYYY-MM-DD）`);
    else if (parsed > context.today) problem(field, `${LABEL[field]} ${parsed} 晚于今天`);
    return parsed;
  };

  const title = text('title');
  if (title === null) problem('title', '标题为空');
  else if (title.length > TITLE_MAX_LENGTH) problem('title', `标题超过 ${TITLE_MAX_LENGTH} 个字`);
  const rawNumber = text('documentNumber');
  const documentNumber = rawNumber === null ? null : normaliseDocumentNumber(rawNumber);
  const formedOn = date('formedOn', true);
  const publishedOn = date('publishedOn', true);
  // 条例第二十六条 counts from formation: nothing is published before it exists.
  if (formedOn && publishedOn && publishedOn < formedOn)
    problem('publishedOn', `发布日期 ${publishedOn} 早于成文日期 ${formedOn}`);

  let category: string | null = context.defaultCategory;
  const categoryText = text('category');
  if (categoryText !== null) {
    const found = findCategoryByText(categoryText, context.allCategories);
    category = null;
    if (!found) {
      problem(
        'category',
        `类别“${categoryText}”无法识别（应为《条例》第二十条、第二十一条的事项名称或代码，如“行政法规、规章和规范性文件”或 a20_01）`,
      );
    } else {
      // 第二十一条's items have one name in two lists (土地征收 for 市县 and for 乡镇): the agency's own.
      const allowed =
        context.allowedCategories.find((c) => c.code === found.code) ??
        context.allowedCategories.find((c) => c.label === found.label && c.article === found.article);
      if (!allowed) {
        problem('category', `类别“${categoryText}”不属于本机关适用的《条例》第二十条、第二十一条事项`);
      } else category = allowed.code;
    }
  } else if (category === null) {
    problem('category', '类别为空（或在导入时指定统一的类别）');
  }

  let documentType: DocumentType | null = context.defaultDocumentType;
  const typeText = text('documentType');
  if (typeText !== null) {
    documentType = parseDocumentType(typeText);
    if (documentType === null) {
      problem(
        'documentType',
        `文种“${typeText}”无法识别（应为 ${DOCUMENT_TYPES.map((t) => DOCUMENT_TYPE_LABELS[t]).join('、')}）`,
      );
    }
  } else if (documentType === null) {
    problem('documentType', '文种为空（或在导入时指定统一的文种）');
  }

  let validity: Validity = 'in_force';
  const validityText = text('validity');
  if (validityText !== null) {
    const parsed = parseValidity(validityText);
    if (parsed === null) {
      problem(
        'validity',
        `有效性“${validityText}”无法识别（应为 现行有效、已失效 或 已废止；空白视为${VALIDITY_LABELS.in_force}）`,
      );
    } else validity = parsed;
  }
  const validityChangedOn = date('validityChangedOn', false);
  const repealedBy = text('repealedBy');

  let indexNumber: string | null = null;
  let indexPeriod: string | null = null;
  let indexSerial: number | null = null;
  let indexNumberReplaced = false;
  const givenIndex = cells.indexNumber?.trim() ?? '';
  if (givenIndex !== '') {
    const parts =
      givenIndex.length <= (LIMITS.indexNumber ?? 60)
        ? matchIndexNumber(context.indexRule, context.agencyCode, givenIndex)
        : null;
    if (parts) {
      indexNumber = givenIndex;
      indexPeriod = parts.period;
      indexSerial = parts.serial;
    } else indexNumberReplaced = true;
  }

  const fields: EntryContentFields = {
    title: title ?? '',
    summary: text('summary'),
    body: text('body'),
    issuingAgencyName: text('issuingAgencyName') ?? context.agencyName,
    documentNumber,
    formedOn: formedOn ?? '',
    category: category ?? '',
    documentType: documentType ?? 'other',
    topic: text('topic'),
    validity,
    validityChangedOn,
    repealedBy,
  };
  if (problems.length > 0 || !title || !formedOn || !publishedOn || !category || !documentType) {
    return { ok: false, problems };
  }
  // The rules every entry obeys, whatever way it enters the catalogue (form or file).
  const column: Partial<Record<keyof EntryContentFields, DocumentImportField>> = {
    title: 'title',
    summary: 'summary',
    issuingAgencyName: 'issuingAgencyName',
    category: 'category',
    documentNumber: 'documentNumber',
    validity: 'validity',
    validityChangedOn: 'validityChangedOn',
    repealedBy: 'repealedBy',
  };
  for (const p of entryContentProblems(fields, context.allowedCategories)) {
    const field = column[p.field];
    problems.push(field ? { column: LABEL[field], message: p.message } : { message: p.message });
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: { fields, publishedOn, indexNumber, indexPeriod, indexSerial, indexNumberReplaced },
  };
}

/**
 * The natural key that makes a re-import add nothing: the 文号 within the agency when the document
 * has one (a 文号 is given once), else its title and 成文日期.
 */
export function documentKey(
  fields: Pick<EntryContentFields, 'documentNumber' | 'title' | 'formedOn'>,
): string {
  return fields.documentNumber
    ? `文号:${fields.documentNumber}`
    : `标题:${fields.title}\u001f${fields.formedOn}`;
}
