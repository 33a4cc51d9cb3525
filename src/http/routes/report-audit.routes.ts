import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { analyseReportFiles, requireAuditor } from '../../app/report-audit/analyse-report-files.ts';
import { importAuditedReport } from '../../app/report-audit/import-audited-report.ts';
import { formatBytes } from '../../app/report-audit/report-inputs.ts';
import type { AppDeps } from '../../app/shared/deps.ts';
import { AnnualReportViewSchema } from '../../contract/annual-report-api.ts';
import {
  ImportAuditedReportSchema,
  MAX_UPLOAD_FILE_BYTES,
  MAX_UPLOAD_FILES,
  ReportAnalysisSchema,
} from '../../contract/report-audit.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { actorOf, requireActor } from '../plugins/request-context.ts';

const tags = ['report-audit'];
const LIMITS = {
  fileSize: MAX_UPLOAD_FILE_BYTES,
  files: MAX_UPLOAD_FILES,
  fields: 20,
  parts: MAX_UPLOAD_FILES + 20,
};

function uploadError(error: unknown, fileName: string): unknown {
  const code = (error as { code?: string })?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    return new DomainError(
      'import_file_too_large',
      `文件“${fileName}”超过单个文件${formatBytes(MAX_UPLOAD_FILE_BYTES)}的上限`,
    );
  }
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') {
    return new DomainError('import_file_too_large', `一次最多上传${MAX_UPLOAD_FILES}个文件，请分批上传`);
  }
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
    return new DomainError('validation_failed', '请以 multipart/form-data 方式上传报告文件');
  }
  return error;
}

/** Auditing published annual reports: upload and read, then keep one as an agency's report. */
export function reportAuditRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    // Uploads are parsed only here unless the server registers multipart for everyone.
    if (!app.hasContentTypeParser('multipart/form-data')) {
      await app.register(fastifyMultipart, { limits: LIMITS });
    }
    app.addHook('preHandler', requireActor);

    app.post(
      '/report-audit/analyses',
      {
        schema: {
          tags,
          summary: '上传已发布的年度报告文件（PDF、DOCX、网页、文本或 ZIP），读出表格并核对（不保存）',
          consumes: ['multipart/form-data'],
          response: { 200: ReportAnalysisSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        // Before reading the body: a clerk's upload is refused without being received.
        requireAuditor(actor);
        if (!request.isMultipart()) {
          throw new DomainError('validation_failed', '请以 multipart/form-data 方式上传报告文件');
        }
        const files: { name: string; bytes: Uint8Array }[] = [];
        let current = '';
        try {
          for await (const part of request.parts({ limits: LIMITS })) {
            if (part.type !== 'file') continue;
            current = part.filename || '未命名文件';
            files.push({ name: current, bytes: new Uint8Array(await part.toBuffer()) });
          }
        } catch (error) {
          throw uploadError(error, current);
        }
        if (files.length === 0) throw new DomainError('validation_failed', '请选择要核查的报告文件');
        return analyseReportFiles(deps, { actor, files });
      },
    );

    app.post(
      '/report-audit/imports',
      {
        schema: {
          tags,
          summary: '把核查过的报告保存为所选机关该年度的年度报告（已发布、导入）',
          body: ImportAuditedReportSchema,
          response: { 201: AnnualReportViewSchema },
        },
      },
      async (request, reply) => {
        const view = await importAuditedReport(deps, { actor: actorOf(request), ...request.body });
        return reply.code(201).send(view);
      },
    );
  };
}
