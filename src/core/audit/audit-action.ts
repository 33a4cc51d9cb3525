import { ENTRY_ACTION_LABELS, type EntryAction } from '../catalogue/index.ts';
import { REQUEST_ACTION_LABELS, type RequestActionType } from '../disclosure-request/index.ts';

/**
 * Every action the audit log records, with its Chinese name for the 操作日志 page. Writers use these
 * codes verbatim; a test over src/app fails when one writes a code that has no name here.
 */
const NAMED_AUDIT_ACTION_LABELS = {
  'agency.created': '新建机关',
  'agency.updated': '修改机关信息',
  'staff.created': '新建账号',
  'staff.updated': '修改账号',
  'staff.password_reset': '重置密码',
  'staff.password_changed': '修改密码',
  'staff.login': '登录',
  'staff.login_failed': '登录失败',
  'staff.locked': '账号锁定',
  'calendar.year_loaded': '导入节假日安排',

  'disclosure_request.submitted': '网上提交公开申请',
  'disclosure_request.registered': '登记公开申请',
  'disclosure_request.assigned': '分配承办人',
  'disclosure_request.attachment_added': '申请添加附件',
  'disclosure_request.letter_drafted': '起草告知书',
  'disclosure_request.letter_edited': '修改告知书',
  'disclosure_request.letter_issued': '出具告知书',
  'disclosure_request.identity_viewed': '查看申请人身份信息',
  'disclosure_request.lookup_secret_reset': '重置申请查询码',
  'disclosure_request.due_dates_recomputed': '调休变化后重算答复期限',
  'disclosure_request.due_date_changes_acknowledged': '确认答复期限变化',
  'disclosure_request.demo_seeded': '演示数据：公开申请',
  'review_case.opened': '登记行政复议、行政诉讼案件',
  'review_case.decided': '登记行政复议、行政诉讼结果',

  'catalogue_entry.created': '新建目录条目',
  'catalogue_entry.updated': '修改目录条目',
  'catalogue_entry.imported': '导入目录条目',
  'catalogue_entry.validity_changed': '修改目录条目有效性',
  'catalogue_entry.attachment_added': '目录条目添加附件',
  'catalogue_entry.attachment_removed': '目录条目删除附件',
  'catalogue_entry.interpretation_linked': '关联政策解读',
  'catalogue_entry.interpretation_unlinked': '取消关联政策解读',
  'catalogue.index_number_rule_changed': '修改索引号规则',
  'catalogue.seeded': '演示数据：公开目录',
  'decision.imported': '导入行政决定',
  'administrative_fee.recorded': '登记行政事业性收费',
  'administrative_fee.deleted': '删除行政事业性收费记录',

  'annual_report.created': '新建年度报告',
  'annual_report.cells_updated': '修改年度报告表格',
  'annual_report.prose_updated': '修改年度报告正文',
  'annual_report.filled_from_ledger': '年度报告从台账取数',
  'annual_report.compiled': '汇总下级机关年度报告',
  'annual_report.submitted': '报送年度报告',
  'annual_report.returned': '退回年度报告',
  'annual_report.accepted': '审核通过年度报告',
  'annual_report.published': '发布年度报告',
  'annual_report.imported': '导入已发布的年度报告',
  'annual_report.seeded': '演示数据：年度报告',
} as const satisfies Record<string, string>;

/** Workflow steps are logged as `<area>.<step>`, named after the step's own label. */
type StepAuditAction = `catalogue_entry.${EntryAction}` | `disclosure_request.${RequestActionType}`;

export type AuditAction = keyof typeof NAMED_AUDIT_ACTION_LABELS | StepAuditAction;

function stepLabels<Step extends string, Area extends string>(
  area: Area,
  labels: Record<Step, string>,
  name: (label: string) => string,
): Record<`${Area}.${Step}`, string> {
  return Object.fromEntries(
    Object.entries<string>(labels).map(([step, label]) => [`${area}.${step}`, name(label)]),
  ) as Record<`${Area}.${Step}`, string>;
}

export const AUDIT_ACTION_LABELS: Readonly<Record<AuditAction, string>> = {
  ...NAMED_AUDIT_ACTION_LABELS,
  ...stepLabels('catalogue_entry', ENTRY_ACTION_LABELS, (label) => `目录条目${label}`),
  ...stepLabels('disclosure_request', REQUEST_ACTION_LABELS, (label) => label),
};

export function isAuditAction(action: string): action is AuditAction {
  return Object.hasOwn(AUDIT_ACTION_LABELS, action);
}

/** The Chinese name of a logged action; a code this version does not know is shown as written. */
export function auditActionLabel(action: string): string {
  return isAuditAction(action) ? AUDIT_ACTION_LABELS[action] : action;
}
