import { z } from 'zod';

export const LocalDateSchema = z.iso.date('日期格式应为 YYYY-MM-DD');

export const CalendarImportSchema = z.object({
  fileName: z.string().max(200).default('notice.json'),
  content: z.string().min(1, '文件内容为空').max(200_000, '文件过大'),
  year: z.number().int().min(1999).max(2100).optional(),
  source: z.string().trim().max(300).optional(),
});

export const CalendarComputeQuerySchema = z.object({
  from: LocalDateSchema,
  workdays: z.coerce.number().int().min(0, '工作日数不能为负').max(1000, '工作日数过大'),
});

export const CalendarCountQuerySchema = z.object({ from: LocalDateSchema, to: LocalDateSchema });
