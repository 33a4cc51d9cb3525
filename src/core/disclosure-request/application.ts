/**
 * What an application must contain (条例第二十九条第二款): ① the applicant's name, identity document
 * and contact; ② a description of the information wanted; ③ the form and the way to obtain it.
 * Only the enums and their labels live here; the form itself is validated by the zod schemas in
 * src/contract/disclosure-request.ts.
 */

/** Identity documents accepted with an application. */
export const IDENTITY_DOCUMENT_KINDS = [
  'resident_id',
  'unified_social_credit_code',
  'passport',
  'other',
] as const;
export type IdentityDocumentKind = (typeof IDENTITY_DOCUMENT_KINDS)[number];

export const IDENTITY_DOCUMENT_KIND_LABELS: Record<IdentityDocumentKind, string> = {
  resident_id: '居民身份证',
  unified_social_credit_code: '统一社会信用代码',
  passport: '护照',
  other: '其他有效身份证件',
};

/** 信息的载体形式 wanted (第二十九条第二款第三项; 第四十条). */
export const INFORMATION_FORMS = ['paper', 'email', 'cd', 'inspection'] as const;
export type InformationForm = (typeof INFORMATION_FORMS)[number];

export const INFORMATION_FORM_LABELS: Record<InformationForm, string> = {
  paper: '纸质文本',
  email: '电子邮件（电子文本）',
  cd: '光盘',
  inspection: '当场查阅、抄录',
};

/** 获取信息的方式. */
export const DELIVERY_METHODS = ['post', 'pick_up', 'email', 'online'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

export const DELIVERY_METHOD_LABELS: Record<DeliveryMethod, string> = {
  post: '邮寄',
  pick_up: '当面领取',
  email: '电子邮件发送',
  online: '网上获取（申请平台下载）',
};
