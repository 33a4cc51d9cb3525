import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  deleteAdministrativeFee,
  listAdministrativeFees,
  recordAdministrativeFee,
} from '../../app/catalogue/administrative-fees.ts';
import { approveEntry } from '../../app/catalogue/approve-entry.ts';
import { getCatalogueSettings, updateIndexNumberRule } from '../../app/catalogue/catalogue-settings.ts';
import { changeEntryValidity } from '../../app/catalogue/change-entry-validity.ts';
import { computeReportSection2 } from '../../app/catalogue/compute-report-section2.ts';
import { createEntry } from '../../app/catalogue/create-entry.ts';
import {
  addEntryAttachment,
  getEntryAttachment,
  MAX_ATTACHMENT_BYTES,
  removeEntryAttachment,
} from '../../app/catalogue/entry-attachments.ts';
import { linkInterpretation, unlinkInterpretation } from '../../app/catalogue/entry-links.ts';
import { getEntry } from '../../app/catalogue/get-entry.ts';
import { getImportJob, listImportJobs } from '../../app/catalogue/import-jobs.ts';
import { getDecision, listDecisions } from '../../app/catalogue/list-decisions.ts';
import { listEntries } from '../../app/catalogue/list-entries.ts';
import { listTimeliness } from '../../app/catalogue/list-timeliness.ts';
import { returnEntryToDraft } from '../../app/catalogue/return-entry-to-draft.ts';
import { submitEntryForReview } from '../../app/catalogue/submit-entry-for-review.ts';
import { updateEntry } from '../../app/catalogue/update-entry.ts';
import { withdrawEntry } from '../../app/catalogue/withdraw-entry.ts';
import { importDecisions } from '../../app/import/import-decisions.ts';
import { importDocuments } from '../../app/import/import-documents.ts';
import { importTemplate } from '../../app/import/import-template.ts';
import { IMPORT_FIELD_SPECS, previewImport } from '../../app/import/preview-import.ts';
import { requireAgencyInScope, requirePermission } from '../../app/shared/authorize.ts';
import type { AppDeps } from '../../app/shared/deps.ts';
import {
  CatalogueSettingsSchema,
  DecisionListQuerySchema,
  DecisionListSchema,
  DecisionSchema,
  EntryActionSchema,
  EntryDetailSchema,
  EntryInputSchema,
  EntryListQuerySchema,
  EntryListSchema,
  EntrySchema,
  EntryUpdateSchema,
  EntryValiditySchema,
  EntryWithdrawSchema,
  FeeInputSchema,
  FeeSchema,
  ImportJobSchema,
  ImportPreviewQuerySchema,
  ImportPreviewSchema,
  ImportStartQuerySchema,
  ImportTemplateQuerySchema,
  IndexNumberRuleSchema,
  LinkInputSchema,
  Section2QuerySchema,
  Section2ResponseSchema,
  TimelinessQuerySchema,
  TimelinessSchema,
} from '../../contract/catalogue.ts';
import { parseMappingText } from '../../core/catalogue/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { ok } from '../../core/shared/result.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { actorOf, requireActor } from '../plugins/request-context.ts';

/** Uploads to the import are streamed to a temporary file; CSV has no size limit but this one. */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

const IdParams = z.object({ id: z.uuid('记录编号无效') });
const AttachmentParams = z.object({ id: z.uuid(), attachmentId: z.uuid() });
const LinkParams = z.object({ id: z.uuid(), interpretationId: z.uuid() });
const AgencyQuery = z.object({ agencyId: z.uuid('请选择机关') });

function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

/** Streams the request body to a temporary file, refusing it past `maxBytes`. */
async function receiveUpload(
  request: FastifyRequest,
  maxBytes: number,
): Promise<{ path: string; size: number }> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > maxBytes) {
    throw new DomainError('import_file_too_large', `上传的文件超过 ${megabytes(maxBytes)}，未接收`);
  }
  const body = request.body as NodeJS.ReadableStream | undefined;
  if (!body || typeof body.pipe !== 'function') {
    throw new DomainError(
      'validation_failed',
      '请以文件内容作为请求体上传（Content-Type: application/octet-stream）',
    );
  }
  const path = join(tmpdir(), `gongkai-upload-${randomBytes(12).toString('hex')}`);
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes)
        callback(new DomainError('import_file_too_large', `上传的文件超过 ${megabytes(maxBytes)}，未接收`));
      else callback(null, chunk);
    },
  });
  try {
    await pipeline(body, limit, createWriteStream(path));
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  return { path, size };
}

async function readBody(request: FastifyRequest, maxBytes: number): Promise<Buffer> {
  const body = request.body as AsyncIterable<Buffer> | undefined;
  if (!body || typeof (body as { pipe?: unknown }).pipe !== 'function') {
    throw new DomainError(
      'validation_failed',
      '请以文件内容作为请求体上传（Content-Type: application/octet-stream）',
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) throw new DomainError('validation_failed', `文件不能超过 ${megabytes(maxBytes)}`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function catalogueRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('preHandler', requireActor);
    // Files arrive as the raw body (the console sends the File object), read as a stream.
    app.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));

    app.get(
      '/catalogue/settings',
      {
        schema: {
          tags: ['catalogue'],
          summary: '目录设置：索引号规则、适用的公开类别',
          querystring: AgencyQuery,
          response: { 200: CatalogueSettingsSchema },
        },
      },
      async (request) =>
        getCatalogueSettings(deps, { actor: actorOf(request), agencyId: request.query.agencyId }),
    );

    app.put(
      '/catalogue/settings/index-number-rule',
      {
        schema: {
          tags: ['catalogue'],
          summary: '设置本机关的索引号规则',
          querystring: AgencyQuery,
          body: IndexNumberRuleSchema,
          response: { 200: CatalogueSettingsSchema },
        },
      },
      async (request) =>
        updateIndexNumberRule(deps, {
          actor: actorOf(request),
          agencyId: request.query.agencyId,
          pattern: request.body.pattern,
        }),
    );

    app.get(
      '/catalogue/entries',
      {
        schema: {
          tags: ['catalogue'],
          summary: '目录条目',
          querystring: EntryListQuerySchema,
          response: { 200: EntryListSchema },
        },
      },
      async (request) => listEntries(deps, { actor: actorOf(request), ...request.query }),
    );

    app.post(
      '/catalogue/entries',
      {
        schema: {
          tags: ['catalogue'],
          summary: '新建目录条目（草稿）',
          body: EntryInputSchema.extend({ agencyId: z.uuid('请选择机关') }),
          response: { 201: EntrySchema },
        },
      },
      async (request, reply) => {
        const { agencyId, ...entry } = request.body;
        return reply.code(201).send(await createEntry(deps, { actor: actorOf(request), agencyId, entry }));
      },
    );

    app.get(
      '/catalogue/entries/:id',
      { schema: { tags: ['catalogue'], params: IdParams, response: { 200: EntryDetailSchema } } },
      async (request) => getEntry(deps, { actor: actorOf(request), entryId: request.params.id }),
    );

    app.patch(
      '/catalogue/entries/:id',
      {
        schema: {
          tags: ['catalogue'],
          summary: '修改草稿',
          params: IdParams,
          body: EntryUpdateSchema,
          response: { 200: EntrySchema },
        },
      },
      async (request) =>
        updateEntry(deps, { actor: actorOf(request), entryId: request.params.id, changes: request.body }),
    );

    app.post(
      '/catalogue/entries/:id/submit',
      {
        schema: {
          tags: ['catalogue'],
          summary: '提交保密审查',
          params: IdParams,
          body: EntryActionSchema,
          response: { 200: EntrySchema },
        },
      },
      async (request) =>
        submitEntryForReview(deps, {
          actor: actorOf(request),
          entryId: request.params.id,
          version: request.body.version,
        }),
    );

    app.post(
      '/catalogue/entries/:id/approve',
      {
        schema: {
          tags: ['catalogue'],
          summary: '保密审查通过并公开（生成索引号）',
          params: IdParams,
          body: EntryActionSchema,
          response: { 200: EntrySchema },
        },
      },
      async (request) =>
        approveEntry(deps, { actor: actorOf(request), entryId: request.params.id, ...request.body }),
    );

    app.post(
      '/catalogue/entries/:id/return',
      {
        schema: {
          tags: ['catalogue'],
          summary: '退回修改',
          params: IdParams,
          body: EntryActionSchema,
          response: { 200: EntrySchema },
        },
      },
      async (request) =>
        returnEntryToDraft(deps, { actor: actorOf(request), entryId: request.params.id, ...request.body }),
    );

    app.post(
      '/catalogue/entries/:id/withdraw',
      {
        schema: {
          tags: ['catalogue'],
          summary: '撤回已公开的条目',
          params: IdParams,
          body: EntryWithdrawSchema,
          response: { 200: EntrySchema },
        },
      },
      async (request) =>
        withdrawEntry(deps, { actor: actorOf(request), entryId: request.params.id, ...request.body }),
    );

    app.post(
      '/catalogue/entries/:id/validity',
      {
        schema: {
          tags: ['catalogue'],
          summary: '变更有效性（失效、废止）',
          params: IdParams,
          body: EntryValiditySchema,
          response: { 200: EntrySchema },
        },
      },
      async (request) =>
        changeEntryValidity(deps, { actor: actorOf(request), entryId: request.params.id, ...request.body }),
    );

    app.post(
      '/catalogue/entries/:id/attachments',
      {
        schema: {
          tags: ['catalogue'],
          summary: '上传附件（请求体为文件内容）',
          params: IdParams,
          querystring: z.object({ fileName: z.string().trim().min(1).max(200) }),
        },
      },
      async (request, reply) => {
        const content = await readBody(request, MAX_ATTACHMENT_BYTES);
        const attachment = await addEntryAttachment(deps, {
          actor: actorOf(request),
          entryId: request.params.id,
          fileName: request.query.fileName,
          content,
        });
        return reply.code(201).send(attachment);
      },
    );

    app.get(
      '/catalogue/entries/:id/attachments/:attachmentId',
      { schema: { tags: ['catalogue'], params: AttachmentParams } },
      async (request, reply) => {
        const file = await getEntryAttachment(deps, {
          actor: actorOf(request),
          entryId: request.params.id,
          attachmentId: request.params.attachmentId,
        });
        return reply
          .type(file.mediaType)
          .header('content-disposition', contentDisposition(file.fileName))
          .send(file.content);
      },
    );

    app.delete(
      '/catalogue/entries/:id/attachments/:attachmentId',
      { schema: { tags: ['catalogue'], params: AttachmentParams } },
      async (request, reply) => {
        await removeEntryAttachment(deps, {
          actor: actorOf(request),
          entryId: request.params.id,
          attachmentId: request.params.attachmentId,
        });
        return reply.code(204).send();
      },
    );

    app.post(
      '/catalogue/entries/:id/links',
      {
        schema: {
          tags: ['catalogue'],
          summary: '关联政策解读或图解',
          params: IdParams,
          body: LinkInputSchema,
        },
      },
      async (request, reply) => {
        await linkInterpretation(deps, {
          actor: actorOf(request),
          entryId: request.params.id,
          ...request.body,
        });
        return reply.code(204).send();
      },
    );

    app.delete(
      '/catalogue/entries/:id/links/:interpretationId',
      { schema: { tags: ['catalogue'], params: LinkParams } },
      async (request, reply) => {
        await unlinkInterpretation(deps, {
          actor: actorOf(request),
          entryId: request.params.id,
          interpretationId: request.params.interpretationId,
        });
        return reply.code(204).send();
      },
    );

    app.get(
      '/catalogue/timeliness',
      {
        schema: {
          tags: ['catalogue'],
          summary: '主动公开时效（条例第二十六条，20 个工作日）',
          querystring: TimelinessQuerySchema,
          response: { 200: TimelinessSchema },
        },
      },
      async (request) => listTimeliness(deps, { actor: actorOf(request), ...request.query }),
    );

    app.get(
      '/catalogue/decisions',
      {
        schema: {
          tags: ['catalogue'],
          summary: '行政许可、处罚、强制决定',
          querystring: DecisionListQuerySchema,
          response: { 200: DecisionListSchema },
        },
      },
      async (request) => listDecisions(deps, { actor: actorOf(request), ...request.query }),
    );

    app.get(
      '/catalogue/decisions/:id',
      { schema: { tags: ['catalogue'], params: IdParams, response: { 200: DecisionSchema } } },
      async (request) => getDecision(deps, { actor: actorOf(request), decisionId: request.params.id }),
    );

    app.post(
      '/catalogue/imports',
      {
        schema: {
          tags: ['catalogue'],
          summary:
            '导入行政决定或目录文件（target=decisions|documents；CSV 或 XLSX，请求体为文件内容；后台执行，返回任务）',
          querystring: ImportStartQuerySchema,
          response: { 202: ImportJobSchema },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const { agencyId, fileName, target, kind, category, documentType, mapping: text } = request.query;
        requirePermission(actor, 'catalogue.import');
        await requireAgencyInScope(createRepositories(deps.db), actor, agencyId);
        const mapping = text ? parseMappingText(IMPORT_FIELD_SPECS[target], text) : ok({});
        if (!mapping.ok) throw new DomainError('validation_failed', mapping.error.message);
        const upload = await receiveUpload(request, MAX_UPLOAD_BYTES);
        const jobId = await new Promise<string>((resolve, reject) => {
          const common = {
            actor,
            agencyId,
            file: { path: upload.path, name: fileName },
            onJobCreated: resolve,
          };
          (target === 'documents'
            ? importDocuments(deps, {
                ...common,
                options: {
                  mapping: mapping.value,
                  defaultCategory: category ?? null,
                  defaultDocumentType: documentType ?? null,
                },
              })
            : importDecisions(deps, {
                ...common,
                options: { mapping: mapping.value, defaultKind: kind ?? null },
              })
          )
            .catch((error) => {
              request.log.error({ err: error }, `${target} import failed`);
              reject(error);
            })
            .finally(() => rm(upload.path, { force: true }));
        });
        return reply.code(202).send(await getImportJob(deps, { actor, jobId }));
      },
    );

    app.post(
      '/catalogue/imports/preview',
      {
        schema: {
          tags: ['catalogue'],
          summary: '导入前预览：识别表头、每个字段对应的列和前几行（请求体为文件内容，CSV 可只发送开头部分）',
          querystring: ImportPreviewQuerySchema,
          response: { 200: ImportPreviewSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const { agencyId, fileName, target } = request.query;
        requirePermission(actor, 'catalogue.import');
        const upload = await receiveUpload(request, MAX_UPLOAD_BYTES);
        try {
          return await previewImport(deps, {
            actor,
            agencyId,
            target,
            file: { path: upload.path, name: fileName },
          });
        } finally {
          await rm(upload.path, { force: true });
        }
      },
    );

    app.get(
      '/catalogue/imports/template',
      {
        schema: {
          tags: ['catalogue'],
          summary: '下载导入模板（XLSX：表头、示例行和填写说明）',
          querystring: ImportTemplateQuerySchema,
        },
      },
      async (request, reply) => {
        const file = await importTemplate(deps, { actor: actorOf(request), ...request.query });
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', contentDisposition(file.fileName))
          .send(file.content);
      },
    );

    app.get(
      '/catalogue/imports',
      {
        schema: {
          tags: ['catalogue'],
          querystring: AgencyQuery,
          response: { 200: z.array(ImportJobSchema) },
        },
      },
      async (request) => listImportJobs(deps, { actor: actorOf(request), agencyId: request.query.agencyId }),
    );

    app.get(
      '/catalogue/imports/:id',
      {
        schema: {
          tags: ['catalogue'],
          summary: '导入任务的进度和报告',
          params: IdParams,
          response: { 200: ImportJobSchema },
        },
      },
      async (request) => getImportJob(deps, { actor: actorOf(request), jobId: request.params.id }),
    );

    app.get(
      '/catalogue/fees',
      {
        schema: {
          tags: ['catalogue'],
          querystring: AgencyQuery.extend({ year: z.coerce.number().int().min(2000).max(2100) }),
          response: { 200: z.array(FeeSchema) },
        },
      },
      async (request) => listAdministrativeFees(deps, { actor: actorOf(request), ...request.query }),
    );

    app.post(
      '/catalogue/fees',
      {
        schema: {
          tags: ['catalogue'],
          summary: '登记行政事业性收费',
          body: FeeInputSchema,
          response: { 201: FeeSchema },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await recordAdministrativeFee(deps, { actor: actorOf(request), fee: request.body })),
    );

    app.delete(
      '/catalogue/fees/:id',
      { schema: { tags: ['catalogue'], params: IdParams } },
      async (request, reply) => {
        await deleteAdministrativeFee(deps, { actor: actorOf(request), feeId: request.params.id });
        return reply.code(204).send();
      },
    );

    app.get(
      '/catalogue/report-section2',
      {
        schema: {
          tags: ['catalogue'],
          summary: '年度报告第二部分（主动公开情况）：由目录、决定和收费记录计算，可下钻',
          querystring: Section2QuerySchema,
          response: { 200: Section2ResponseSchema },
        },
      },
      async (request) => computeReportSection2(deps, { actor: actorOf(request), ...request.query }),
    );
  };
}
