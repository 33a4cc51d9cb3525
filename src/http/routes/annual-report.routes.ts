import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { acceptAnnualReport } from '../../app/annual-report/accept-annual-report.ts';
import { compileAnnualReports } from '../../app/annual-report/compile-annual-reports.ts';
import { createAnnualReport } from '../../app/annual-report/create-annual-report.ts';
import { exportAnnualReport } from '../../app/annual-report/export-annual-report.ts';
import { exportCompiledReport } from '../../app/annual-report/export-compiled-report.ts';
import { fillReportFromLedger } from '../../app/annual-report/fill-report-from-ledger.ts';
import { getAnnualReport } from '../../app/annual-report/get-annual-report.ts';
import { getCompilationOverview } from '../../app/annual-report/get-compilation-overview.ts';
import { listAnnualReports } from '../../app/annual-report/list-annual-reports.ts';
import { listReportAudit } from '../../app/annual-report/list-report-audit.ts';
import { listReportsForReview } from '../../app/annual-report/list-reports-for-review.ts';
import { publishAnnualReport } from '../../app/annual-report/publish-annual-report.ts';
import { returnAnnualReport } from '../../app/annual-report/return-annual-report.ts';
import { saveCompiledReport } from '../../app/annual-report/save-compiled-report.ts';
import { submitAnnualReport } from '../../app/annual-report/submit-annual-report.ts';
import { updateReportCells } from '../../app/annual-report/update-report-cells.ts';
import { updateReportProse } from '../../app/annual-report/update-report-prose.ts';
import type { AppDeps } from '../../app/shared/deps.ts';
import {
  AnnualReportListQuerySchema,
  AnnualReportSummarySchema,
  AnnualReportViewSchema,
  CompilationOverviewSchema,
  CompilationQuerySchema,
  CompiledReportSchema,
  CompileExportQuerySchema,
  CompileReportsSchema,
  CreateAnnualReportSchema,
  FillFromLedgerResultSchema,
  FillFromLedgerSchema,
  PublishReportSchema,
  ReportAuditEntrySchema,
  ReportExportQuerySchema,
  ReportVersionSchema,
  ReturnReportSchema,
  UpdateReportCellsSchema,
  UpdateReportProseSchema,
} from '../../contract/annual-report-api.ts';
import type { RenderedReport } from '../../export/index.ts';
import { actorOf, requireActor } from '../plugins/request-context.ts';

const IdParams = z.object({ id: z.uuid('记录编号无效') });
const YearParams = z.object({
  year: z.coerce.number({ message: '年度无效' }).int('年度无效').min(2008, '年度无效').max(2100, '年度无效'),
});
const tags = ['annual-reports'];

/**
 * RFC 6266: browsers take the Chinese name from filename*; the plain filename is an ASCII fallback for
 * old clients.
 */
export function contentDisposition(fileName: string, fallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

function sendFile(reply: FastifyReply, file: RenderedReport, fallbackBase: string) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', contentDisposition(file.fileName, `${fallbackBase}.${file.extension}`))
    .header('cache-control', 'no-store')
    .send(file.bytes);
}

export function annualReportRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('preHandler', requireActor);

    app.get(
      '/annual-reports',
      {
        schema: {
          tags,
          summary: '机关的年度报告（按年度倒序）',
          querystring: AnnualReportListQuerySchema,
          response: { 200: z.array(AnnualReportSummarySchema) },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return listAnnualReports(deps, { actor, agencyId: request.query.agencyId ?? actor.agencyId });
      },
    );

    app.get(
      '/annual-reports/for-review',
      {
        schema: {
          tags,
          summary: '待本人审核的下级机关年度报告',
          response: { 200: z.array(AnnualReportSummarySchema) },
        },
      },
      async (request) => listReportsForReview(deps, { actor: actorOf(request) }),
    );

    app.post(
      '/annual-reports',
      {
        schema: {
          tags,
          summary: '新建年度报告（草稿）',
          body: CreateAnnualReportSchema,
          response: { 201: AnnualReportViewSchema },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const view = await createAnnualReport(deps, {
          actor,
          agencyId: request.body.agencyId ?? actor.agencyId,
          year: request.body.year,
        });
        return reply.code(201).send(view);
      },
    );

    app.get(
      '/annual-reports/:id',
      {
        schema: {
          tags,
          summary: '年度报告（表格、正文、核对结果）',
          params: IdParams,
          response: { 200: AnnualReportViewSchema },
        },
      },
      async (request) => getAnnualReport(deps, { actor: actorOf(request), reportId: request.params.id }),
    );

    app.patch(
      '/annual-reports/:id/cells',
      {
        schema: {
          tags,
          summary: '填写表格单元格',
          params: IdParams,
          body: UpdateReportCellsSchema,
          response: { 200: AnnualReportViewSchema },
        },
      },
      async (request) =>
        updateReportCells(deps, { actor: actorOf(request), reportId: request.params.id, ...request.body }),
    );

    app.post(
      '/annual-reports/:id/fill-from-ledger',
      {
        schema: {
          tags,
          summary: '从台账取数（第二、三、四部分由目录、行政决定、收费记录、申请和复议诉讼案件计算）',
          params: IdParams,
          body: FillFromLedgerSchema,
          response: { 200: FillFromLedgerResultSchema },
        },
      },
      async (request) =>
        fillReportFromLedger(deps, { actor: actorOf(request), reportId: request.params.id, ...request.body }),
    );

    app.patch(
      '/annual-reports/:id/prose',
      {
        schema: {
          tags,
          summary: '修改正文（开头段落、一、五、六）',
          params: IdParams,
          body: UpdateReportProseSchema,
          response: { 200: AnnualReportViewSchema },
        },
      },
      async (request) =>
        updateReportProse(deps, { actor: actorOf(request), reportId: request.params.id, ...request.body }),
    );

    app.post(
      '/annual-reports/:id/submit',
      {
        schema: {
          tags,
          summary: '报送上级机关审核（存在错误时拒绝）',
          params: IdParams,
          body: ReportVersionSchema,
          response: { 200: AnnualReportViewSchema },
        },
      },
      async (request) =>
        submitAnnualReport(deps, {
          actor: actorOf(request),
          reportId: request.params.id,
          version: request.body.version,
        }),
    );

    app.post(
      '/annual-reports/:id/return',
      {
        schema: {
          tags,
          summary: '退回修改（须填写原因）',
          params: IdParams,
          body: ReturnReportSchema,
          response: { 200: AnnualReportViewSchema },
        },
      },
      async (request) =>
        returnAnnualReport(deps, { actor: actorOf(request), reportId: request.params.id, ...request.body }),
    );

    app.post(
      '/annual-reports/:id/accept',
      {
        schema: {
          tags,
          summary: '审核通过',
          params: IdParams,
          body: ReportVersionSchema,
          response: { 200: AnnualReportViewSchema },
        },
      },
      async (request) =>
        acceptAnnualReport(deps, {
          actor: actorOf(request),
          reportId: request.params.id,
          version: request.body.version,
        }),
    );

    app.post(
      '/annual-reports/:id/publish',
      {
        schema: {
          tags,
          summary: '发布（发布后只读）',
          params: IdParams,
          body: PublishReportSchema,
          response: { 200: AnnualReportViewSchema },
        },
      },
      async (request) =>
        publishAnnualReport(deps, { actor: actorOf(request), reportId: request.params.id, ...request.body }),
    );

    app.get(
      '/annual-reports/:id/audit',
      {
        schema: {
          tags,
          summary: '年度报告的操作记录',
          params: IdParams,
          response: { 200: z.array(ReportAuditEntrySchema) },
        },
      },
      async (request) => listReportAudit(deps, { actor: actorOf(request), reportId: request.params.id }),
    );

    app.get(
      '/annual-reports/:id/export',
      {
        schema: {
          tags,
          summary: '导出年度报告文件（DOCX、XLSX、HTML、图解版 HTML、JSON、TXT）',
          params: IdParams,
          querystring: ReportExportQuerySchema,
        },
      },
      async (request, reply) => {
        const file = await exportAnnualReport(deps, {
          actor: actorOf(request),
          reportId: request.params.id,
          format: request.query.format,
        });
        return sendFile(reply, file, 'annual-report');
      },
    );

    app.get(
      '/annual-report-compilations/:year',
      {
        schema: {
          tags,
          summary: '汇总：下级机关年度报告的状态、核对结果与发布时间',
          params: YearParams,
          querystring: CompilationQuerySchema,
          response: { 200: CompilationOverviewSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return getCompilationOverview(deps, {
          actor,
          agencyId: request.query.agencyId ?? actor.agencyId,
          year: request.params.year,
        });
      },
    );

    app.post(
      '/annual-report-compilations/:year/build',
      {
        schema: {
          tags,
          summary: '生成汇总报告（逐格相加，并按同一规则核对）',
          params: YearParams,
          body: CompileReportsSchema,
          response: { 200: CompiledReportSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return compileAnnualReports(deps, {
          actor,
          agencyId: request.body.agencyId ?? actor.agencyId,
          year: request.params.year,
          agencyIds: request.body.agencyIds,
        });
      },
    );

    app.get(
      '/annual-report-compilations/:year/export',
      {
        schema: {
          tags,
          summary: '导出汇总报告文件',
          params: YearParams,
          querystring: CompileExportQuerySchema,
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const file = await exportCompiledReport(deps, {
          actor,
          agencyId: request.query.agencyId ?? actor.agencyId,
          year: request.params.year,
          agencyIds: request.query.agencyIds,
          format: request.query.format,
        });
        return sendFile(reply, file, `compiled-annual-report-${request.params.year}`);
      },
    );

    app.post(
      '/annual-report-compilations/:year/save',
      {
        schema: {
          tags,
          summary: '将汇总表格保存为本机关的年度报告（草稿）',
          params: YearParams,
          body: CompileReportsSchema,
          response: { 200: AnnualReportViewSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return saveCompiledReport(deps, {
          actor,
          agencyId: request.body.agencyId ?? actor.agencyId,
          year: request.params.year,
          agencyIds: request.body.agencyIds,
        });
      },
    );
  };
}
