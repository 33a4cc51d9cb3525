import { z } from 'zod';
import { STAFF_ROLES } from '../core/staff/roles.ts';

export const RoleListSchema = z.array(z.enum(STAFF_ROLES)).min(1, '至少选择一个角色');

export const StaffInputSchema = z.object({
  agencyId: z.uuid('所属机关无效'),
  username: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_.-]{2,31}$/, '用户名为 3–32 位小写字母、数字或 _ . -，以字母开头'),
  displayName: z.string().trim().min(1, '请填写姓名').max(30, '姓名不能超过 30 个字'),
  password: z.string().min(1, '请设置初始密码').max(200),
  roles: RoleListSchema,
  phone: z
    .string()
    .trim()
    .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})?$/, '联系电话格式不正确')
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional(),
});
export type StaffInput = z.infer<typeof StaffInputSchema>;

export const StaffUpdateSchema = z.object({
  version: z.number().int().positive(),
  displayName: z.string().trim().min(1).max(30).optional(),
  roles: RoleListSchema.optional(),
  phone: StaffInputSchema.shape.phone,
  isActive: z.boolean().optional(),
});
export type StaffUpdate = z.infer<typeof StaffUpdateSchema>;

export const StaffViewSchema = z.object({
  id: z.string(),
  agencyId: z.string(),
  agencyName: z.string().optional(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(STAFF_ROLES)),
  /** Masked: 138****5678. */
  phone: z.string().nullable(),
  isActive: z.boolean(),
  isLocked: z.boolean(),
  lastLoginAt: z.string().nullable(),
  version: z.number(),
});
export type StaffView = z.infer<typeof StaffViewSchema>;

export const LoginSchema = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(200),
});

export const ChangePasswordSchema = z.object({
  currentPassword: z.string().min(1, '请输入当前密码'),
  newPassword: z.string().min(1, '请输入新密码').max(200),
});

export const ResetPasswordSchema = z.object({ newPassword: z.string().min(1, '请输入新密码').max(200) });
