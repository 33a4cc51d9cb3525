import { z } from 'zod';
import { APPLICANT_TYPES, OUTCOME_CODES } from '../core/annual-report/cells.ts';
import {
  CHANNELS,
  CONSULTATION_RESULTS,
  DELIVERY_METHODS,
  fixReceiptDate,
  INFORMATION_FORMS,
  MAX_EXTENSION_WORKDAYS,
  REOPEN_CAUSES,
} from '../core/disclosure-request/index.ts';
import { PROCESSING_FEE_METHODS } from '../core/fees/index.ts';
import { LITIGATION_ROUTES, REVIEW_KINDS, REVIEW_RESULTS, REVIEW_SUBJECTS } from '../core/review/index.ts';
import { isValidResidentIdNumber, isValidUnifiedSocialCreditCode } from '../core/shared/identity-codes.ts';
import { LocalDateSchema } from './calendar.ts';

/**
 * The application for disclosure (政府信息公开申请表) as the public portal and the staff console send
 * it, and the staff's handling steps. Messages are for the applicant and the clerk, in Chinese.
 * 条例第二十九条第二款: name, identity document and contact; a description of the information; the
 * form and the way to obtain it.
 */

const emptyToNull = (v: string) => (v === '' ? null : v);

const optionalText = (max: number, label: string) =>
  z.string().trim().max(max, `${label}不能超过 ${max} 个字`).transform(emptyToNull).nullable().optional();

const requiredText = (min: number, max: number, missing: string, label: string) =>
  z.string({ message: missing }).trim().min(min, missing).max(max, `${label}不能超过 ${max} 个字`);

const compact = (v: string) => v.replace(/[\s-]/g, '').toUpperCase();

export const ApplicantTypeSchema = z.enum(APPLICANT_TYPES, { message: '请选择申请人类型' });

export const IdentityDocumentSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('resident_id'),
      number: z
        .string({ message: '请填写居民身份证号码' })
        .transform(compact)
        .refine(isValidResidentIdNumber, '居民身份证号码无效，请核对（18 位，最后一位为校验码）'),
    }),
    z.object({
      kind: z.literal('unified_social_credit_code'),
      number: z
        .string({ message: '请填写统一社会信用代码' })
        .transform(compact)
        .refine(isValidUnifiedSocialCreditCode, '统一社会信用代码无效，请核对（18 位，最后一位为校验码）'),
    }),
    z.object({
      kind: z.literal('passport'),
      number: z
        .string({ message: '请填写护照号码' })
        .transform(compact)
        .refine((v) => /^[A-Z0-9]{5,20}$/.test(v), '护照号码格式不正确'),
    }),
    z.object({
      kind: z.literal('other'),
      documentName: requiredText(2, 30, '请填写证件名称', '证件名称'),
      number: requiredText(4, 40, '请填写证件号码', '证件号码'),
    }),
  ],
  { message: '请选择身份证明文件类型' },
);
export type IdentityDocument = z.infer<typeof IdentityDocumentSchema>;

export const ContactSchema = z.object({
  phone: z
    .string({ message: '请填写联系电话' })
    .trim()
    .regex(
      /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/,
      '联系电话格式不正确（手机号码或带区号的固定电话）',
    ),
  email: z
    .string()
    .trim()
    .transform(emptyToNull)
    .pipe(z.email('电子邮箱格式不正确').nullable())
    .nullable()
    .optional(),
  postalAddress: optionalText(200, '通信地址'),
  postalCode: z
    .string()
    .trim()
    .regex(/^(\d{6})?$/, '邮政编码应为 6 位数字')
    .transform(emptyToNull)
    .nullable()
    .optional(),
});
export type Contact = z.infer<typeof ContactSchema>;

export const ApplicantSchema = z.object({
  type: ApplicantTypeSchema,
  /** 姓名 or 名称. */
  name: requiredText(2, 100, '请填写申请人姓名或名称', '申请人姓名或名称'),
  identityDocument: IdentityDocumentSchema,
  /** For organisations: the person to contact (联系人). */
  contactPerson: optionalText(30, '联系人姓名'),
  contact: ContactSchema,
});
export type Applicant = z.infer<typeof ApplicantSchema>;

const applicationFields = {
  applicant: ApplicantSchema,
  /** 所需政府信息的名称、文号或者便于查询的其他特征性描述. */
  description: requiredText(5, 2000, '请描述所需的政府信息（至少 5 个字）', '所需信息的描述'),
  documentNumber: optionalText(100, '文号'),
  formWanted: z.enum(INFORMATION_FORMS, { message: '请选择信息的载体形式' }),
  delivery: z.enum(DELIVERY_METHODS, { message: '请选择获取信息的方式' }),
  /** 第四十三条: the applicant has difficulty reading, seeing or hearing and asks for help. */
  needsAssistance: z.boolean().optional().default(false),
};

type ApplicationValue = z.infer<z.ZodObject<typeof applicationFields>>;

/** Cross-field rules, shared by the public form and the staff intake. */
function checkApplication(value: ApplicationValue, ctx: z.RefinementCtx): void {
  const { applicant, formWanted, delivery } = value;
  const document = applicant.identityDocument.kind;
  if (applicant.type === 'natural_person' && document === 'unified_social_credit_code') {
    ctx.addIssue({
      code: 'custom',
      path: ['applicant', 'identityDocument', 'kind'],
      message: '自然人请提供居民身份证或其他有效身份证件',
    });
  }
  if (applicant.type !== 'natural_person') {
    if (document !== 'unified_social_credit_code') {
      ctx.addIssue({
        code: 'custom',
        path: ['applicant', 'identityDocument', 'kind'],
        message: '法人或其他组织请填写统一社会信用代码',
      });
    }
    if (!applicant.contactPerson) {
      ctx.addIssue({ code: 'custom', path: ['applicant', 'contactPerson'], message: '请填写联系人姓名' });
    }
  }
  if (delivery === 'email' && !applicant.contact.email) {
    ctx.addIssue({
      code: 'custom',
      path: ['applicant', 'contact', 'email'],
      message: '选择电子邮件获取的，请填写电子邮箱',
    });
  }
  if (delivery === 'post' && !applicant.contact.postalAddress) {
    ctx.addIssue({
      code: 'custom',
      path: ['applicant', 'contact', 'postalAddress'],
      message: '选择邮寄的，请填写通信地址',
    });
  }
  const compatible: Record<typeof formWanted, readonly (typeof delivery)[]> = {
    paper: ['post', 'pick_up'],
    cd: ['post', 'pick_up'],
    email: ['email', 'online'],
    inspection: ['pick_up'],
  };
  if (!compatible[formWanted].includes(delivery)) {
    ctx.addIssue({
      code: 'custom',
      path: ['delivery'],
      message:
        formWanted === 'email'
          ? '电子文本只能通过电子邮件或网上获取'
          : formWanted === 'inspection'
            ? '当场查阅、抄录的，请选择当面领取（到机关现场）'
            : '纸质文本或光盘只能邮寄或当面领取',
    });
  }
}

/** The public portal's application form. */
export const DisclosureApplicationSchema = z.object(applicationFields).superRefine(checkApplication);
export type DisclosureApplication = z.infer<typeof DisclosureApplicationSchema>;

/**
 * Staff intake: the same application plus how it arrived and the facts that fix the receipt date
 * (第三十一条); an oral application is written down by the office (第二十九条第二款).
 */
export const DisclosureRequestIntakeSchema = z
  .object({
    ...applicationFields,
    channel: z.enum(CHANNELS, { message: '请选择申请渠道' }),
    handedInOn: LocalDateSchema.nullable().optional(),
    signedForOn: LocalDateSchema.nullable().optional(),
    confirmedOn: LocalDateSchema.nullable().optional(),
    note: optionalText(500, '备注'),
  })
  .superRefine((value, ctx) => {
    checkApplication(value, ctx);
    const receipt = fixReceiptDate(value);
    if (!receipt.ok) {
      const path =
        value.channel === 'in_person' || value.channel === 'oral'
          ? 'handedInOn'
          : value.channel === 'post'
            ? 'signedForOn'
            : 'confirmedOn';
      ctx.addIssue({ code: 'custom', path: [path], message: receipt.error.message });
    }
  });
export type DisclosureRequestIntake = z.infer<typeof DisclosureRequestIntakeSchema>;

// ── Handling steps (RequestAction in src/core/disclosure-request/transitions.ts) ──────────────────────

const on = LocalDateSchema.optional();
const nonEmptyList = (missing: string) =>
  z
    .array(z.string().trim().min(1, missing).max(200, '每项不能超过 200 个字'), { message: missing })
    .min(1, missing)
    .max(50);

export const OutcomeCodeSchema = z.enum(OUTCOME_CODES, { message: '请选择办理结果' });

export const RequestActionSchema = z.discriminatedUnion(
  'type',
  [
    z.object({
      type: z.literal('request_correction'),
      on,
      items: nonEmptyList('请列明需要补正的事项'),
      correctBy: LocalDateSchema,
    }),
    z.object({ type: z.literal('receive_correction'), on, lateReason: optionalText(500, '逾期理由') }),
    z.object({ type: z.literal('correction_lapse'), on }),
    z.object({
      type: z.literal('start_third_party_consultation'),
      on,
      parties: nonEmptyList('请填写被征求意见的第三方'),
      deliveredOn: LocalDateSchema.nullable().optional(),
    }),
    z.object({
      type: z.literal('end_third_party_consultation'),
      on,
      result: z.enum(CONSULTATION_RESULTS, { message: '请选择征求意见结果' }),
    }),
    z.object({
      type: z.literal('start_agency_consultation'),
      on,
      agencies: nonEmptyList('请填写被征求意见的机关'),
      deliveredOn: LocalDateSchema.nullable().optional(),
    }),
    z.object({
      type: z.literal('end_agency_consultation'),
      on,
      result: z.enum(CONSULTATION_RESULTS, { message: '请选择征求意见结果' }),
    }),
    z.object({
      type: z.literal('request_extension'),
      on,
      workdays: z
        .number({ message: '请填写延长的工作日数' })
        .int('延长的期限应为整数个工作日')
        .min(1, '延长的期限至少 1 个工作日')
        .max(
          MAX_EXTENSION_WORKDAYS,
          `延长的期限最长不得超过 ${MAX_EXTENSION_WORKDAYS} 个工作日（第三十三条）`,
        ),
      reason: requiredText(2, 500, '请说明延期理由', '延期理由'),
    }),
    z.object({
      type: z.literal('approve_extension'),
      on,
      workdays: z.number().int().min(1).max(MAX_EXTENSION_WORKDAYS).optional(),
    }),
    z.object({
      type: z.literal('refuse_extension'),
      on,
      reason: requiredText(2, 500, '请说明不同意的理由', '理由'),
    }),
    z.object({
      type: z.literal('issue_fee_notice'),
      on,
      amountYuan: z.number({ message: '请填写收费金额' }).positive('收费金额应大于 0 元'),
      method: z.enum(PROCESSING_FEE_METHODS, { message: '请选择计收方式' }),
    }),
    z.object({
      type: z.literal('record_fee_payment'),
      on,
      amountYuan: z.number({ message: '请填写缴费金额' }).positive('缴费金额应大于 0 元'),
    }),
    z.object({ type: z.literal('fee_lapse'), on }),
    z.object({ type: z.literal('reply'), on, outcome: OutcomeCodeSchema }),
    z.object({ type: z.literal('withdraw'), on, reason: optionalText(500, '撤回理由') }),
    z.object({
      type: z.literal('reopen'),
      on,
      reviewCaseId: z.string().min(1, '请选择纠正原答复的复议或诉讼案件'),
      replyWithinWorkdays: z.number().int().min(1).max(60).optional(),
    }),
  ],
  { message: '不支持的办理操作' },
);
/** The use case resolves `reviewCaseId` into the review case before calling applyAction. */
export type RequestActionInput = z.infer<typeof RequestActionSchema>;

// ── Processing fee and review cases ─────────────────────────────────────────────────────────────────

export const ProcessingFeeQuoteInputSchema = z.discriminatedUnion(
  'method',
  [
    z.object({
      method: z.literal('per_piece'),
      pieces: z.number().int('件数应为整数').min(1, '件数至少为 1'),
      earlierPiecesThisMonth: z.number().int().min(0, '本月此前申请件数不能为负'),
    }),
    z.object({ method: z.literal('per_page'), pages: z.number().int('页数应为整数').min(0, '页数不能为负') }),
  ],
  { message: '请选择计收方式：按件或按量（二者不得同时适用）' },
);

export const ReviewCaseInputSchema = z
  .object({
    requestId: z.string().min(1, '请选择对应的政府信息公开申请'),
    kind: z.enum(REVIEW_KINDS, { message: '请选择行政复议或行政诉讼' }),
    route: z.enum(LITIGATION_ROUTES, { message: '请选择起诉方式' }).nullable().optional(),
    reconsiderationCaseId: z.string().nullable().optional(),
    subject: z.enum(REVIEW_SUBJECTS).optional(),
    body: requiredText(2, 100, '请填写复议机关或受理法院', '复议机关或受理法院'),
    caseNumber: optionalText(60, '案号'),
    receivedOn: LocalDateSchema,
    countedInReport: z.boolean().optional(),
  })
  .superRefine((value, ctx) => {
    if (value.kind === 'litigation' && !value.route) {
      ctx.addIssue({
        code: 'custom',
        path: ['route'],
        message: '请选择起诉方式：未经复议直接起诉或复议后起诉',
      });
    }
  });

export const ReviewDecisionSchema = z.object({
  result: z.enum(REVIEW_RESULTS, { message: '请选择审理结果' }),
  decidedOn: LocalDateSchema,
});

export const ReopenCauseSchema = z.enum(REOPEN_CAUSES);
