/**
 * The closed set of error codes. Each has one Chinese message for people; only
 * src/http/error-map.ts knows which HTTP status each code becomes.
 */
export const ERROR_MESSAGES = {
  validation_failed: '提交的内容不符合要求',
  not_found: '未找到相应记录',
  unauthenticated: '请先登录',
  forbidden: '您没有执行此操作的权限',
  csrf_invalid: '页面已过期，请刷新后重试',
  login_failed: '用户名或密码错误',
  account_locked: '登录失败次数过多，账号已暂时锁定，请稍后再试',
  account_disabled: '账号已停用，请联系管理员',
  rate_limited: '操作过于频繁，请稍后再试',
  conflict: '记录已被他人修改，请刷新后重试',
  duplicate: '记录已存在',
  calendar_year_missing: '工作日历缺少该年度的节假日安排，无法计算期限',
  calendar_data_invalid: '节假日安排数据格式有误',
  agency_code_invalid: '统一社会信用代码或组织机构代码无效',
  agency_parent_invalid: '上级机关设置无效',
  password_too_weak: '密码强度不足',
  invalid_state: '当前状态下不能执行该操作',
  report_has_errors: '年度报告存在未通过的核对项，不能报送',
  report_locked: '年度报告已报送或已发布，不能修改',
  import_file_invalid: '导入文件不符合要求',
  import_file_too_large: '导入文件过大',
  internal_error: '系统内部错误，请稍后重试',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message?: string, details?: Record<string, unknown>) {
    super(message ?? ERROR_MESSAGES[code]);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
