import { ERROR_MESSAGES, type ErrorCode } from '../core/shared/domain-error.ts';

/** The one place that knows which HTTP status each closed error code becomes. */
export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  validation_failed: 400,
  calendar_data_invalid: 400,
  agency_code_invalid: 400,
  agency_parent_invalid: 400,
  password_too_weak: 400,
  unauthenticated: 401,
  login_failed: 401,
  forbidden: 403,
  csrf_invalid: 403,
  account_disabled: 403,
  not_found: 404,
  conflict: 409,
  duplicate: 409,
  invalid_state: 409,
  report_locked: 409,
  account_locked: 423,
  calendar_year_missing: 422,
  report_has_errors: 422,
  rate_limited: 429,
  import_file_invalid: 422,
  import_file_too_large: 413,
  internal_error: 500,
};

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export function errorBody(code: ErrorCode, message?: string, details?: unknown): ErrorBody {
  return {
    error: { code, message: message ?? ERROR_MESSAGES[code], ...(details === undefined ? {} : { details }) },
  };
}
