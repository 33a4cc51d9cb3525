import { z } from 'zod';
import { AGENCY_KINDS, AGENCY_LEVELS } from '../core/agency/agency.ts';
import { classifyAgencyCode } from '../core/shared/identity-codes.ts';

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label}不能超过 ${max} 个字`)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

export const AgencyCodeSchema = z
  .string()
  .trim()
  .transform((v) => v.replace(/[\s-]/g, '').toUpperCase())
  .refine((v) => classifyAgencyCode(v) !== null, {
    message: '统一社会信用代码（18 位）或组织机构代码（9 位）无效，请核对校验位',
  });

export const AgencyInputSchema = z.object({
  code: AgencyCodeSchema,
  name: z.string().trim().min(2, '机关名称至少 2 个字').max(100, '机关名称不能超过 100 个字'),
  shortName: optionalText(30, '简称'),
  level: z.enum(AGENCY_LEVELS, { message: '请选择机关层级' }),
  kind: z.enum(AGENCY_KINDS, { message: '请选择机关类别' }),
  parentId: z.uuid('上级机关无效').nullable().optional(),
  address: optionalText(200, '办公地址'),
  postalCode: z
    .string()
    .trim()
    .regex(/^(\d{6})?$/, '邮政编码应为 6 位数字')
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional(),
  officeHours: optionalText(200, '办公时间'),
  phone: optionalText(50, '联系电话'),
  fax: optionalText(50, '传真'),
  email: z
    .string()
    .trim()
    .refine((v) => v === '' || z.email().safeParse(v).success, '电子邮箱格式不正确')
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional(),
  website: optionalText(200, '网址'),
  disclosureOffice: optionalText(100, '政府信息公开工作机构'),
  guideIntro: optionalText(5000, '指南说明'),
});
export type AgencyInput = z.infer<typeof AgencyInputSchema>;

export const AgencyUpdateSchema = AgencyInputSchema.partial().extend({
  version: z.number().int().positive(),
});
export type AgencyUpdate = z.infer<typeof AgencyUpdateSchema>;

export const AgencySchema = z.object({
  id: z.string(),
  code: z.string(),
  codeKind: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  level: z.enum(AGENCY_LEVELS),
  kind: z.enum(AGENCY_KINDS),
  parentId: z.string().nullable(),
  address: z.string().nullable(),
  postalCode: z.string().nullable(),
  officeHours: z.string().nullable(),
  phone: z.string().nullable(),
  fax: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  disclosureOffice: z.string().nullable(),
  guideIntro: z.string().nullable(),
  version: z.number(),
});
export type AgencyView = z.infer<typeof AgencySchema>;
