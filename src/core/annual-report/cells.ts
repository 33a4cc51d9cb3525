/**
 * The annual report's tables in the national format (国办公开办函〔2021〕30号), with a stable key for
 * every row and column. Labels are the official ones, reproduced exactly by every export.
 */

export const FORMAT_VERSIONS = ['2021', '2019'] as const;
export type FormatVersion = (typeof FORMAT_VERSIONS)[number];

export const SECTION_TITLES = [
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
] as const;

// ── Section 二 ────────────────────────────────────────────────────────────────────────────────────
export const SECTION2_DOCUMENT_ROWS = ['rule', 'normative_document'] as const;
export const SECTION2_DOCUMENT_COLUMNS = ['issued', 'repealed', 'in_force'] as const;
export const SECTION2_DECISION_ROWS = ['licensing', 'penalty', 'coercion'] as const;

export interface Section2 {
  rule: { issued: number | null; repealed: number | null; in_force: number | null };
  normative_document: { issued: number | null; repealed: number | null; in_force: number | null };
  licensing: { decisions: number | null };
  penalty: { decisions: number | null };
  coercion: { decisions: number | null };
  administrative_fee: { amount_wan_yuan: number | null };
}

export const SECTION2_TABLES = [
  {
    title: '第二十条第（一）项',
    header: ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
    rows: [
      { key: 'rule', label: '规章', columns: ['issued', 'repealed', 'in_force'] },
      { key: 'normative_document', label: '行政规范性文件', columns: ['issued', 'repealed', 'in_force'] },
    ],
  },
  {
    title: '第二十条第（五）项',
    header: ['信息内容', '本年处理决定数量'],
    rows: [{ key: 'licensing', label: '行政许可', columns: ['decisions'] }],
  },
  {
    title: '第二十条第（六）项',
    header: ['信息内容', '本年处理决定数量'],
    rows: [
      { key: 'penalty', label: '行政处罚', columns: ['decisions'] },
      { key: 'coercion', label: '行政强制', columns: ['decisions'] },
    ],
  },
  {
    title: '第二十条第（八）项',
    header: ['信息内容', '本年收费金额（单位：万元）'],
    rows: [{ key: 'administrative_fee', label: '行政事业性收费', columns: ['amount_wan_yuan'] }],
  },
] as const;

// ── Section 三 ────────────────────────────────────────────────────────────────────────────────────
export const APPLICANT_TYPES = [
  'natural_person',
  'commercial_enterprise',
  'research_institution',
  'public_interest_org',
  'legal_service_org',
  'other_org',
] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

export const SECTION3_COLUMNS = [...APPLICANT_TYPES, 'total'] as const;
export type Section3Column = (typeof SECTION3_COLUMNS)[number];

export const APPLICANT_TYPE_LABELS: Record<ApplicantType, string> = {
  natural_person: '自然人',
  commercial_enterprise: '商业企业',
  research_institution: '科研机构',
  public_interest_org: '社会公益组织',
  legal_service_org: '法律服务机构',
  other_org: '其他',
};

/** The 21 outcome leaves: exactly the outcome codes a reply can have (one per closed request). */
export const OUTCOME_CODES = [
  'disclosed',
  'partially_disclosed',
  'withheld.state_secret',
  'withheld.prohibited_by_law',
  'withheld.security_stability',
  'withheld.third_party_rights',
  'withheld.internal_affairs',
  'withheld.process_information',
  'withheld.enforcement_file',
  'withheld.administrative_query',
  'unavailable.not_held',
  'unavailable.needs_creation',
  'unavailable.still_unclear',
  'not_processed.petition_complaint',
  'not_processed.duplicate',
  'not_processed.publication',
  'not_processed.excessive',
  'not_processed.confirmation',
  'other.correction_lapsed',
  'other.fee_lapsed',
  'other.other',
] as const;
export type OutcomeCode = (typeof OUTCOME_CODES)[number];

export const SECTION3_ROWS = [
  'new',
  'carried_over',
  ...OUTCOME_CODES,
  'outcome_total',
  'carried_forward',
] as const;
export type Section3Row = (typeof SECTION3_ROWS)[number];

/** Outcome groups as printed: （三）不予公开 … （六）其他处理. */
export const OUTCOME_GROUPS = [
  { key: 'withheld', label: '（三）不予公开' },
  { key: 'unavailable', label: '（四）无法提供' },
  { key: 'not_processed', label: '（五）不予处理' },
  { key: 'other', label: '（六）其他处理' },
] as const;
export type OutcomeGroup = (typeof OUTCOME_GROUPS)[number]['key'];

/** Official row labels; for grouped rows, the leaf label only (the group label is OUTCOME_GROUPS). */
export const SECTION3_ROW_LABELS: Record<Section3Row, string> = {
  new: '一、本年新收政府信息公开申请数量',
  carried_over: '二、上年结转政府信息公开申请数量',
  disclosed: '（一）予以公开',
  partially_disclosed: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  'withheld.state_secret': '1.属于国家秘密',
  'withheld.prohibited_by_law': '2.其他法律行政法规禁止公开',
  'withheld.security_stability': '3.危及“三安全一稳定”',
  'withheld.third_party_rights': '4.保护第三方合法权益',
  'withheld.internal_affairs': '5.属于三类内部事务信息',
  'withheld.process_information': '6.属于四类过程性信息',
  'withheld.enforcement_file': '7.属于行政执法案卷',
  'withheld.administrative_query': '8.属于行政查询事项',
  'unavailable.not_held': '1.本机关不掌握相关政府信息',
  'unavailable.needs_creation': '2.没有现成信息需要另行制作',
  'unavailable.still_unclear': '3.补正后申请内容仍不明确',
  'not_processed.petition_complaint': '1.信访举报投诉类申请',
  'not_processed.duplicate': '2.重复申请',
  'not_processed.publication': '3.要求提供公开出版物',
  'not_processed.excessive': '4.无正当理由大量反复申请',
  'not_processed.confirmation': '5.要求行政机关确认或重新出具已获取信息',
  'other.correction_lapsed': '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  'other.fee_lapsed': '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  'other.other': '3.其他',
  outcome_total: '（七）总计',
  carried_forward: '四、结转下年度继续办理',
};

export const SECTION3_RESULTS_HEADING = '三、本年度办理结果';
export const SECTION3_CORNER_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

/** A full label for one outcome, e.g. "不予公开—属于国家秘密", for letters and lists. */
export function outcomeLabel(code: OutcomeCode): string {
  const group = OUTCOME_GROUPS.find((g) => code.startsWith(`${g.key}.`));
  const leaf = SECTION3_ROW_LABELS[code].replace(/^（[一二]）|^\d+\./, '');
  return group ? `${group.label.replace(/^（.）/, '')}—${leaf}` : leaf.replace(/（.*）$/, '');
}

export function outcomeGroupOf(code: OutcomeCode): OutcomeGroup | null {
  const dot = code.indexOf('.');
  return dot < 0 ? null : (code.slice(0, dot) as OutcomeGroup);
}

export type Section3 = Record<Section3Row, Record<Section3Column, number | null>>;

// ── Section 四 ────────────────────────────────────────────────────────────────────────────────────
export const SECTION4_BLOCKS = [
  'reconsideration',
  'litigation_direct',
  'litigation_after_reconsideration',
] as const;
export type Section4Block = (typeof SECTION4_BLOCKS)[number];
export const SECTION4_COLUMNS = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;
export type Section4Column = (typeof SECTION4_COLUMNS)[number];

export const SECTION4_BLOCK_LABELS: Record<Section4Block, string> = {
  reconsideration: '行政复议',
  litigation_direct: '未经复议直接起诉',
  litigation_after_reconsideration: '复议后起诉',
};
export const SECTION4_COLUMN_LABELS: Record<Section4Column, string> = {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
  pending: '尚未审结',
  total: '总计',
};

export type Section4 = Record<Section4Block, Record<Section4Column, number | null>>;

// ── Section 二 in the 2019 试行 layout (国办公开办函〔2019〕60号), used by reports on 2019–2020 ────
// Its columns do not mean the same as the 2021 ones (本年新制作数量 is not 本年制发件数, 对外公开总数量 is
// not 现行有效件数), so they live in their own object rather than being forced into Section2.
export const SECTION2_2019_DOCUMENT_COLUMNS = [
  'made_this_year',
  'published_this_year',
  'published_total',
] as const;
export const SECTION2_2019_ITEM_COLUMNS = ['items_last_year', 'items_change', 'decisions'] as const;

export interface Section2Format2019 {
  rule: { made_this_year: number | null; published_this_year: number | null; published_total: number | null };
  normative_document: {
    made_this_year: number | null;
    published_this_year: number | null;
    published_total: number | null;
  };
  licensing: { items_last_year: number | null; items_change: number | null; decisions: number | null };
  other_management_service: {
    items_last_year: number | null;
    items_change: number | null;
    decisions: number | null;
  };
  penalty: { items_last_year: number | null; items_change: number | null; decisions: number | null };
  coercion: { items_last_year: number | null; items_change: number | null; decisions: number | null };
  administrative_fee: { items_last_year: number | null; items_change: number | null };
  centralised_procurement: { projects: number | null; amount_wan_yuan: number | null };
}

/** Rows and columns of the 2019 table 二, in printed order. */
export const SECTION2_2019_LAYOUT = [
  { key: 'rule', label: '规章', columns: SECTION2_2019_DOCUMENT_COLUMNS },
  { key: 'normative_document', label: '规范性文件', columns: SECTION2_2019_DOCUMENT_COLUMNS },
  { key: 'licensing', label: '行政许可', columns: SECTION2_2019_ITEM_COLUMNS },
  { key: 'other_management_service', label: '其他对外管理服务事项', columns: SECTION2_2019_ITEM_COLUMNS },
  { key: 'penalty', label: '行政处罚', columns: SECTION2_2019_ITEM_COLUMNS },
  { key: 'coercion', label: '行政强制', columns: SECTION2_2019_ITEM_COLUMNS },
  { key: 'administrative_fee', label: '行政事业性收费', columns: ['items_last_year', 'items_change'] },
  { key: 'centralised_procurement', label: '政府集中采购', columns: ['projects', 'amount_wan_yuan'] },
] as const satisfies readonly { key: keyof Section2Format2019; label: string; columns: readonly string[] }[];

export const SECTION2_2019_COLUMN_LABELS = {
  made_this_year: '本年新制作数量',
  published_this_year: '本年新公开数量',
  published_total: '对外公开总数量',
  items_last_year: '上一年项目数量',
  items_change: '本年增/减',
  decisions: '处理决定数量',
  projects: '采购项目数量',
  amount_wan_yuan: '采购总金额（万元）',
} as const;

/** The 2021 section-二 layout as rows with their columns, in printed order. */
export const SECTION2_LAYOUT = [
  { key: 'rule', label: '规章', columns: SECTION2_DOCUMENT_COLUMNS },
  { key: 'normative_document', label: '行政规范性文件', columns: SECTION2_DOCUMENT_COLUMNS },
  { key: 'licensing', label: '行政许可', columns: ['decisions'] },
  { key: 'penalty', label: '行政处罚', columns: ['decisions'] },
  { key: 'coercion', label: '行政强制', columns: ['decisions'] },
  { key: 'administrative_fee', label: '行政事业性收费', columns: ['amount_wan_yuan'] },
] as const satisfies readonly { key: keyof Section2; label: string; columns: readonly string[] }[];

export const SECTION2_COLUMN_LABELS = {
  issued: '本年制发件数',
  repealed: '本年废止件数',
  in_force: '现行有效件数',
  decisions: '本年处理决定数量',
  amount_wan_yuan: '本年收费金额（单位：万元）',
} as const;

/** The sub-rows of each outcome group, in printed order. */
export const OUTCOME_GROUP_ROWS: Record<OutcomeGroup, readonly OutcomeCode[]> = {
  withheld: OUTCOME_CODES.filter((c) => c.startsWith('withheld.')),
  unavailable: OUTCOME_CODES.filter((c) => c.startsWith('unavailable.')),
  not_processed: OUTCOME_CODES.filter((c) => c.startsWith('not_processed.')),
  other: OUTCOME_CODES.filter((c) => c.startsWith('other.')),
};

/** The canonical JSON of a report's tables (annual-report-format.md): generated, authored or parsed. */
export interface ReportTables {
  year: number;
  agency: string;
  formatVersion: FormatVersion;
  section2: Section2;
  section3: Section3;
  section4: Section4;
  /** A group row printed instead of its sub-rows (pre-2021 habit): `other` → its 7 cells. */
  section3_merged?: Partial<Record<OutcomeGroup, Record<Section3Column, number | null>>>;
  /** Only with formatVersion '2019': the old table 二, cell for cell. */
  section2_2019?: Section2Format2019;
}

/** Cell ids used by findings and provenance: `section3.<row>.<column>`, `section4.<block>.<column>`. */
export type CellId = string;

export function emptySection3(fill: number | null = 0): Section3 {
  return Object.fromEntries(
    SECTION3_ROWS.map((row) => [row, Object.fromEntries(SECTION3_COLUMNS.map((c) => [c, fill]))]),
  ) as Section3;
}

export function emptySection4(fill: number | null = 0): Section4 {
  return Object.fromEntries(
    SECTION4_BLOCKS.map((b) => [b, Object.fromEntries(SECTION4_COLUMNS.map((c) => [c, fill]))]),
  ) as Section4;
}

export function emptySection2(fill: number | null = 0): Section2 {
  return {
    rule: { issued: fill, repealed: fill, in_force: fill },
    normative_document: { issued: fill, repealed: fill, in_force: fill },
    licensing: { decisions: fill },
    penalty: { decisions: fill },
    coercion: { decisions: fill },
    administrative_fee: { amount_wan_yuan: fill },
  };
}

export function emptyReportTables(agency: string, year: number, fill: number | null = 0): ReportTables {
  return {
    year,
    agency,
    formatVersion: '2021',
    section2: emptySection2(fill),
    section3: emptySection3(fill),
    section4: emptySection4(fill),
  };
}
