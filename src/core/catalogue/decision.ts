import { isValidResidentIdNumber, isValidUnifiedSocialCreditCode } from '../shared/identity-codes.ts';
import { isLocalDate, type LocalDate } from '../shared/local-date.ts';
import { maskIdNumber } from '../shared/masking.ts';
import type { ImportFieldSpec } from './import-mapping.ts';

/**
 * Administrative decisions published under 条例第二十条第（五）（六）项 — 行政许可, 行政处罚, 行政强制
 * (the 双公示 data). They are the bulk of proactive disclosure (43,850 licensing decisions a year for
 * the demo bureau), so they live in their own table and arrive by bulk import. Section 二 counts
 * them by kind and decision date.
 */
export const DECISION_KINDS = ['licensing', 'penalty', 'coercion'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export const DECISION_KIND_LABELS: Record<DecisionKind, string> = {
  licensing: '行政许可',
  penalty: '行政处罚',
  coercion: '行政强制',
};

const KIND_WORDS: Record<string, DecisionKind> = {
  licensing: 'licensing',
  行政许可: 'licensing',
  许可: 'licensing',
  penalty: 'penalty',
  行政处罚: 'penalty',
  处罚: 'penalty',
  coercion: 'coercion',
  行政强制: 'coercion',
  强制: 'coercion',
};

export function parseDecisionKind(value: string): DecisionKind | null {
  return KIND_WORDS[value.trim().toLowerCase()] ?? null;
}

export const DECISION_FIELDS = [
  'kind',
  'documentNumber',
  'title',
  'matterName',
  'matterCategory',
  'counterpartyName',
  'counterpartyCode',
  'decidedOn',
  'validFrom',
  'validUntil',
  'publishedOn',
  'content',
  'basis',
  'amountYuan',
] as const;
export type DecisionField = (typeof DECISION_FIELDS)[number];

/** Column names seen in 双公示 exports (信用中国 formats, agency spreadsheets), label first. */
export const DECISION_FIELD_SPECS: readonly ImportFieldSpec<DecisionField>[] = [
  {
    field: 'kind',
    label: '决定类别',
    required: true,
    aliases: ['决定类别', '类别', '决定类型', '类型', 'kind'],
  },
  {
    field: 'documentNumber',
    label: '文号',
    required: true,
    aliases: [
      '文号',
      '决定文书号',
      '行政许可决定文书号',
      '许可文书号',
      '许可决定书文号',
      '行政处罚决定书文号',
      '处罚决定书文号',
      '决定书文号',
      '许可证书编号',
      'document_number',
      'documentnumber',
    ],
  },
  {
    field: 'title',
    label: '决定名称',
    required: true,
    aliases: [
      '决定名称',
      '行政许可决定文书名称',
      '许可决定文书名称',
      '决定书名称',
      '案件名称',
      '名称',
      'title',
    ],
    fallback: 'matterName',
  },
  {
    field: 'matterName',
    label: '事项名称',
    required: false,
    aliases: ['事项名称', '许可事项', '项目名称', '审批事项', '处罚事项', 'matter_name'],
  },
  {
    field: 'matterCategory',
    label: '事项类别',
    required: false,
    aliases: ['事项类别', '许可类别', '事项分类', '许可分类', '业务类别', 'matter_category'],
  },
  {
    field: 'counterpartyName',
    label: '行政相对人名称',
    required: true,
    aliases: [
      '行政相对人名称',
      '相对人名称',
      '行政相对人',
      '当事人',
      '被处罚人',
      '申请人',
      'counterparty_name',
    ],
  },
  {
    field: 'counterpartyCode',
    label: '统一社会信用代码',
    required: false,
    aliases: [
      '统一社会信用代码',
      '行政相对人统一社会信用代码',
      '相对人代码',
      '证件号码',
      'counterparty_code',
    ],
  },
  {
    field: 'decidedOn',
    label: '决定日期',
    required: true,
    aliases: ['决定日期', '许可决定日期', '处罚决定日期', '作出决定日期', '许可日期', 'decided_on'],
  },
  {
    field: 'validFrom',
    label: '有效期自',
    required: false,
    aliases: ['有效期自', '有效期起', '有效期开始', 'valid_from'],
  },
  {
    field: 'validUntil',
    label: '有效期至',
    required: false,
    aliases: ['有效期至', '有效期止', '有效期截止', 'valid_until'],
  },
  {
    field: 'publishedOn',
    label: '公示日期',
    required: false,
    aliases: ['公示日期', '公开日期', '发布日期', 'published_on'],
  },
  {
    field: 'content',
    label: '决定内容',
    required: false,
    aliases: ['决定内容', '许可内容', '处罚内容', '强制内容', '处罚结果', 'content'],
  },
  {
    field: 'basis',
    label: '依据',
    required: false,
    aliases: ['依据', '许可依据', '处罚依据', '法律依据', '决定依据', 'basis'],
  },
  {
    field: 'amountYuan',
    label: '罚没金额（元）',
    required: false,
    aliases: ['罚没金额(元)', '罚款金额(元)', '罚没金额', '罚款金额', '金额(元)', 'amount_yuan'],
  },
];

export interface DecisionInput {
  kind: DecisionKind;
  documentNumber: string;
  title: string;
  matterName: string | null;
  matterCategory: string | null;
  counterpartyName: string;
  counterpartyCode: string | null;
  decidedOn: LocalDate;
  validFrom: LocalDate | null;
  validUntil: LocalDate | null;
  publishedOn: LocalDate | null;
  content: string | null;
  basis: string | null;
  amountYuan: number | null;
}

export interface Decision extends DecisionInput {
  id: string;
  agencyId: string;
}

/**
 * 文号 as the natural key: spaces dropped, and the year brackets written the GB/T 9704-2012 way
 * (六角括号〔〕), so that `张审批[2021]12号` and `张审批〔2021〕12号` are one decision.
 */
export function normaliseDocumentNumber(value: string): string {
  return value.replace(/[\s\u3000]+/g, '').replace(/[[【（(［](\d{4})[\]】）)］]/g, '〔$1〕');
}

const DATE_PATTERNS: RegExp[] = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日$/,
  /^(\d{4})(\d{2})(\d{2})$/,
];

/** Dates as people write them in spreadsheets; a time part after the date is ignored. */
export function parseDateText(value: string): LocalDate | null {
  const text = value.trim().replace(/[T\s]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/, '');
  for (const pattern of DATE_PATTERNS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const date = `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
    return isLocalDate(date) ? date : null;
  }
  return null;
}

export interface RowProblem {
  /** The column's Chinese label, when one column is at fault. */
  column?: string;
  message: string;
}

const LIMITS: Partial<Record<DecisionField, number>> = {
  documentNumber: 100,
  title: 300,
  matterName: 200,
  matterCategory: 50,
  counterpartyName: 200,
  content: 2000,
  basis: 1000,
};

const LABEL: Record<DecisionField, string> = Object.fromEntries(
  DECISION_FIELD_SPECS.map((s) => [s.field, s.label]),
) as Record<DecisionField, string>;

/**
 * Checks one row (cell texts by field) and builds the decision. Every problem of the row is listed,
 * in Chinese, so one pass over a file tells the whole story.
 */
export function validateDecisionRow(
  cells: Partial<Record<DecisionField, string>>,
  context: { defaultKind: DecisionKind | null; today: LocalDate },
): { ok: true; value: DecisionInput } | { ok: false; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const text = (field: DecisionField): string | null => {
    const value = cells[field]?.trim() ?? '';
    if (value === '') return null;
    const limit = LIMITS[field];
    if (limit !== undefined && value.length > limit) {
      problems.push({ column: LABEL[field], message: `${LABEL[field]}超过 ${limit} 个字` });
    }
    return value;
  };
  const required = (field: DecisionField): string => {
    const value = text(field);
    if (value === null) problems.push({ column: LABEL[field], message: `${LABEL[field]}为空` });
    return value ?? '';
  };
  const date = (field: DecisionField, isRequired: boolean): LocalDate | null => {
    const value = isRequired ? required(field) : text(field);
    if (!value) return null;
    const parsed = parseDateText(value);
    if (parsed === null) {
      problems.push({
        column: LABEL[field],
        message: `${LABEL[field]}“${value}”不是有效日期（应为 YYYY-MM-DD）`,
      });
    }
    return parsed;
  };

  const kindText = text('kind');
  let kind: DecisionKind | null = context.defaultKind;
  if (kindText !== null) {
    kind = parseDecisionKind(kindText);
    if (kind === null)
      problems.push({
        column: LABEL.kind,
        message: `决定类别“${kindText}”无法识别（应为 行政许可、行政处罚 或 行政强制）`,
      });
  } else if (kind === null) {
    problems.push({ column: LABEL.kind, message: '决定类别为空（或在导入时指定统一的决定类别）' });
  }
  const rawNumber = required('documentNumber');
  const documentNumber = normaliseDocumentNumber(rawNumber);
  const matterName = text('matterName');
  const titleText = text('title');
  const title = titleText ?? matterName;
  if (title === null) problems.push({ column: LABEL.title, message: '决定名称为空' });
  const counterpartyName = required('counterpartyName');
  const decidedOn = date('decidedOn', true);
  const validFrom = date('validFrom', false);
  const validUntil = date('validUntil', false);
  const publishedOn = date('publishedOn', false);
  if (decidedOn && decidedOn > context.today)
    problems.push({ column: LABEL.decidedOn, message: `决定日期 ${decidedOn} 晚于今天` });
  if (decidedOn && publishedOn && publishedOn < decidedOn)
    problems.push({
      column: LABEL.publishedOn,
      message: `公示日期 ${publishedOn} 早于决定日期 ${decidedOn}`,
    });
  if (publishedOn && publishedOn > context.today)
    problems.push({ column: LABEL.publishedOn, message: `公示日期 ${publishedOn} 晚于今天` });
  if (validFrom && validUntil && validUntil < validFrom)
    problems.push({ column: LABEL.validUntil, message: `有效期至 ${validUntil} 早于有效期自 ${validFrom}` });

  let counterpartyCode = text('counterpartyCode');
  if (counterpartyCode !== null) {
    const code = counterpartyCode.replace(/[\s-]/g, '').toUpperCase();
    if (isValidResidentIdNumber(code)) {
      // A natural person's ID number is never published in full (双公示 rules mask it).
      counterpartyCode = maskIdNumber(code);
    } else if (code.length === 18 && !isValidUnifiedSocialCreditCode(code)) {
      problems.push({
        column: LABEL.counterpartyCode,
        message: `统一社会信用代码“${counterpartyCode}”校验位不正确`,
      });
    } else if (code.length > 30) {
      problems.push({ column: LABEL.counterpartyCode, message: '统一社会信用代码过长' });
    } else {
      counterpartyCode = code;
    }
  }

  let amountYuan: number | null = null;
  const amountText = text('amountYuan');
  if (amountText !== null) {
    const cleaned = amountText.replace(/[,，\s]/g, '').replace(/元$/, '');
    if (!/^\d+(\.\d{1,2})?$/.test(cleaned) || Number(cleaned) > 1e12) {
      problems.push({
        column: LABEL.amountYuan,
        message: `罚没金额“${amountText}”应为不超过两位小数的非负数`,
      });
    } else amountYuan = Number(cleaned);
  }
  if (amountYuan !== null && kind !== null && kind !== 'penalty') {
    problems.push({ column: LABEL.amountYuan, message: '只有行政处罚决定可以填写罚没金额' });
  }

  const matterCategory = text('matterCategory');
  const content = text('content');
  const basis = text('basis');
  if (problems.length > 0 || kind === null || decidedOn === null || title === null) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    value: {
      kind,
      documentNumber,
      title,
      matterName,
      matterCategory,
      counterpartyName,
      counterpartyCode,
      decidedOn,
      validFrom,
      validUntil,
      publishedOn,
      content,
      basis,
      amountYuan,
    },
  };
}

/** The natural key: one decision per agency, kind and 文号 (repeat imports add nothing). */
export function decisionKey(decision: Pick<DecisionInput, 'kind' | 'documentNumber'>): string {
  return `${decision.kind}\u0000${decision.documentNumber}`;
}
