import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { acknowledgeDueDateChanges } from '../../app/disclosure-request/acknowledge-due-date-changes.ts';
import { actOnRequest } from '../../app/disclosure-request/act-on-request.ts';
import { assignRequest } from '../../app/disclosure-request/assign-request.ts';
import { computeDisclosureDashboard } from '../../app/disclosure-request/compute-disclosure-dashboard.ts';
import {
  computeReportSections34,
  listReportDrillDown,
} from '../../app/disclosure-request/compute-report-sections34.ts';
import { confirmReceipt } from '../../app/disclosure-request/confirm-receipt.ts';
import { draftRequestLetter } from '../../app/disclosure-request/draft-letter.ts';
import { explainRequestDeadline } from '../../app/disclosure-request/explain-request-deadline.ts';
import { getRequest } from '../../app/disclosure-request/get-request.ts';
import { issueRequestLetter } from '../../app/disclosure-request/issue-letter.ts';
import { listHandlers } from '../../app/disclosure-request/list-handlers.ts';
import { listRequests } from '../../app/disclosure-request/list-requests.ts';
import {
  getRequestAttachment,
  uploadRequestAttachment,
} from '../../app/disclosure-request/manage-attachments.ts';
import { listProactiveDisclosureProposals } from '../../app/disclosure-request/propose-proactive-disclosure.ts';
import { quoteRequestFee } from '../../app/disclosure-request/quote-request-fee.ts';
import { registerRequest } from '../../app/disclosure-request/register-request.ts';
import { resetLookupSecret } from '../../app/disclosure-request/reset-lookup-secret.ts';
import { revealIdentity } from '../../app/disclosure-request/reveal-identity.ts';
import { updateRequestLetter } from '../../app/disclosure-request/update-letter.ts';
import { decideReviewCase } from '../../app/review/decide-review-case.ts';
import { listReviewCases } from '../../app/review/list-review-cases.ts';
import { openReviewCase } from '../../app/review/open-review-case.ts';
import type { AppDeps } from '../../app/shared/deps.ts';
import { LocalDateSchema } from '../../contract/calendar.ts';
import { DisclosureRequestIntakeSchema } from '../../contract/disclosure-request.ts';
import {
  AcknowledgeDueDateChangesSchema,
  ActOnRequestSchema,
  AssignRequestSchema,
  AttachmentUploadSchema,
  ConfirmReceiptSchema,
  DashboardQuerySchema,
  DrillDownQuerySchema,
  FeeQuoteQuerySchema,
  LetterDraftSchema,
  LetterIssueSchema,
  LetterUpdateSchema,
  MAX_ATTACHMENT_BYTES,
  ReportFeedQuerySchema,
  RequestListQuerySchema,
  ReviewCaseBodySchema,
  ReviewDecisionBodySchema,
} from '../../contract/disclosure-request-api.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { actorOf, requireActor } from '../plugins/request-context.ts';

const IdParams = z.object({ id: z.uuid('记录编号无效') });
const AttachmentParams = IdParams.extend({ attachmentId: z.uuid('文件编号无效') });
const LetterParams = IdParams.extend({ letterId: z.uuid('文书编号无效') });
const TAGS = ['disclosure-requests'];

/** RFC 6266: a Chinese file name as filename* (UTF-8), with an ASCII fallback. */
export function sendFile(
  reply: FastifyReply,
  file: { fileName: string; mediaType: string; content: Buffer },
  disposition: 'attachment' | 'inline' = 'attachment',
) {
  return reply
    .header('content-type', file.mediaType)
    .header(
      'content-disposition',
      `${disposition}; filename="download${
        file.fileName.includes('.')
          ? `.${file.fileName
              .split('.')
              .pop()!
              .replace(/[^A-Za-z0-9]/g, '')}`
          : ''
      }"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    )
    .header('cache-control', 'private, no-store')
    .send(file.content);
}

/**
 * 依申请公开 in the console: intake, the handling steps, the clock, letters, files, review cases, the
 * dashboard and the report feed. Each route parses, calls one use case and returns.
 */
export function disclosureRequestRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('preHandler', requireActor);

    app.get(
      '/disclosure-requests',
      { schema: { tags: TAGS, summary: '政府信息公开申请列表', querystring: RequestListQuerySchema } },
      async (request) => {
        const q = request.query;
        return listRequests(deps, {
          actor: actorOf(request),
          agencyId: q.agencyId,
          statuses: q.status ? q.status.split(',').filter(Boolean) : undefined,
          openOnly: q.open === 'true',
          mine: q.mine === 'true',
          search: q.search,
          limit: q.limit,
          offset: q.offset,
        });
      },
    );

    app.post(
      '/disclosure-requests',
      {
        schema: {
          tags: TAGS,
          summary: '登记申请（信件、当面、传真、电子邮件、口头，条例第二十九条、第三十一条）',
          body: DisclosureRequestIntakeSchema.and(
            z.object({ pieces: z.number().int().min(1).max(1000).optional() }),
          ),
        },
      },
      async (request, reply) => {
        const { pieces, ...intake } = request.body;
        const registered = await registerRequest(deps, { actor: actorOf(request), intake, pieces });
        return reply.code(201).send(registered);
      },
    );

    app.get(
      '/disclosure-requests/dashboard',
      {
        schema: {
          tags: TAGS,
          summary: '办理看板：即将到期、已超期（按机关、按承办人）',
          querystring: DashboardQuerySchema,
        },
      },
      async (request) =>
        computeDisclosureDashboard(deps, {
          actor: actorOf(request),
          agencyId: request.query.agencyId,
          dueSoonWorkdays: request.query.dueSoonWorkdays,
        }),
    );

    app.post(
      '/disclosure-requests/due-date-changes/acknowledge',
      {
        schema: {
          tags: TAGS,
          summary: '确认已知悉因工作日历调整而变化的答复期限',
          body: AcknowledgeDueDateChangesSchema,
        },
      },
      async (request) => acknowledgeDueDateChanges(deps, { actor: actorOf(request), ids: request.body.ids }),
    );

    app.get(
      '/disclosure-requests/handlers',
      { schema: { tags: TAGS, summary: '本机关的承办人、审核人' } },
      async (request) => listHandlers(deps, { actor: actorOf(request) }),
    );

    app.get(
      '/disclosure-requests/report-feed',
      {
        schema: {
          tags: TAGS,
          summary: '年度报告第三、四部分（由办理记录计算）',
          querystring: ReportFeedQuerySchema,
        },
      },
      async (request) =>
        computeReportSections34(deps, {
          actor: actorOf(request),
          agencyId: request.query.agencyId,
          year: request.query.year,
        }),
    );

    app.get(
      '/disclosure-requests/report-feed/drill-down',
      {
        schema: {
          tags: TAGS,
          summary: '年度报告某一单元格对应的申请或复议诉讼案件',
          querystring: DrillDownQuerySchema,
        },
      },
      async (request) => listReportDrillDown(deps, { actor: actorOf(request), ...request.query }),
    );

    app.get(
      '/disclosure-requests/proactive-proposals',
      {
        schema: {
          tags: TAGS,
          summary: '多个申请人申请相同信息，建议纳入主动公开（条例第四十四条）',
          querystring: z.object({
            agencyId: z.uuid(),
            withinDays: z.coerce.number().int().min(30).max(3650).optional(),
            minApplicants: z.coerce.number().int().min(2).max(20).optional(),
          }),
        },
      },
      async (request) =>
        listProactiveDisclosureProposals(deps, { actor: actorOf(request), ...request.query }),
    );

    app.get(
      '/disclosure-requests/:id',
      { schema: { tags: TAGS, summary: '申请详情', params: IdParams } },
      async (request) => getRequest(deps, { actor: actorOf(request), requestId: request.params.id }),
    );

    app.get(
      '/disclosure-requests/:id/clock',
      {
        schema: {
          tags: TAGS,
          summary: '计时说明',
          params: IdParams,
          querystring: z.object({ asOf: LocalDateSchema.optional() }),
        },
      },
      async (request) =>
        explainRequestDeadline(deps, {
          actor: actorOf(request),
          requestId: request.params.id,
          asOf: request.query.asOf,
        }),
    );

    app.post(
      '/disclosure-requests/:id/actions',
      {
        schema: {
          tags: TAGS,
          summary: '办理操作（按办理流程表）',
          params: IdParams,
          body: ActOnRequestSchema,
        },
      },
      async (request) =>
        actOnRequest(deps, { actor: actorOf(request), requestId: request.params.id, ...request.body }),
    );

    app.post(
      '/disclosure-requests/:id/confirm-receipt',
      {
        schema: {
          tags: TAGS,
          summary: '确认收到网上提交的申请（条例第三十一条第三项）',
          params: IdParams,
          body: ConfirmReceiptSchema,
        },
      },
      async (request) =>
        confirmReceipt(deps, { actor: actorOf(request), requestId: request.params.id, ...request.body }),
    );

    app.patch(
      '/disclosure-requests/:id/assignment',
      {
        schema: { tags: TAGS, summary: '分配承办人、登记件数', params: IdParams, body: AssignRequestSchema },
      },
      async (request) =>
        assignRequest(deps, { actor: actorOf(request), requestId: request.params.id, ...request.body }),
    );

    app.post(
      '/disclosure-requests/:id/identity',
      { schema: { tags: TAGS, summary: '查看申请人完整证件号码和电话（记录日志）', params: IdParams } },
      async (request) => revealIdentity(deps, { actor: actorOf(request), requestId: request.params.id }),
    );

    app.post(
      '/disclosure-requests/:id/lookup-secret',
      { schema: { tags: TAGS, summary: '为申请人重新生成查询码', params: IdParams } },
      async (request) => resetLookupSecret(deps, { actor: actorOf(request), requestId: request.params.id }),
    );

    app.get(
      '/disclosure-requests/:id/fee-quote',
      {
        schema: {
          tags: TAGS,
          summary: '信息处理费计算（国办函〔2020〕109号，按件或按量）',
          params: IdParams,
          querystring: FeeQuoteQuerySchema,
        },
      },
      async (request) =>
        quoteRequestFee(deps, {
          actor: actorOf(request),
          requestId: request.params.id,
          basis: request.query,
        }),
    );

    app.get(
      '/disclosure-requests/:id/attachments/:attachmentId',
      { schema: { tags: TAGS, summary: '下载附件', params: AttachmentParams } },
      async (request, reply) =>
        sendFile(
          reply,
          await getRequestAttachment(deps, {
            actor: actorOf(request),
            requestId: request.params.id,
            attachmentId: request.params.attachmentId,
          }),
        ),
    );

    app.post(
      '/disclosure-requests/:id/attachments',
      {
        bodyLimit: Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 64 * 1024,
        schema: {
          tags: TAGS,
          summary: '上传附件（10 MB 以内）',
          params: IdParams,
          body: AttachmentUploadSchema,
        },
      },
      async (request, reply) => {
        const content = Buffer.from(request.body.contentBase64, 'base64');
        if (content.byteLength > MAX_ATTACHMENT_BYTES) {
          throw new DomainError('validation_failed', '附件超过 10 MB，请压缩或分开上传');
        }
        const attachment = await uploadRequestAttachment(deps, {
          actor: actorOf(request),
          requestId: request.params.id,
          kind: request.body.kind,
          fileName: request.body.fileName,
          content,
          visibleToApplicant: request.body.visibleToApplicant,
          note: request.body.note,
        });
        return reply.code(201).send(attachment);
      },
    );

    app.post(
      '/disclosure-requests/:id/letters',
      { schema: { tags: TAGS, summary: '按模板起草文书', params: IdParams, body: LetterDraftSchema } },
      async (request, reply) => {
        const letter = await draftRequestLetter(deps, {
          actor: actorOf(request),
          requestId: request.params.id,
          ...request.body,
        });
        return reply.code(201).send(letter);
      },
    );

    app.patch(
      '/disclosure-requests/:id/letters/:letterId',
      { schema: { tags: TAGS, summary: '修改文书草稿', params: LetterParams, body: LetterUpdateSchema } },
      async (request) =>
        updateRequestLetter(deps, {
          actor: actorOf(request),
          requestId: request.params.id,
          letterId: request.params.letterId,
          ...request.body,
        }),
    );

    app.post(
      '/disclosure-requests/:id/letters/:letterId/issue',
      {
        schema: {
          tags: TAGS,
          summary: '出具文书（生成 DOCX 并归档）',
          params: LetterParams,
          body: LetterIssueSchema,
        },
      },
      async (request) =>
        issueRequestLetter(deps, {
          actor: actorOf(request),
          requestId: request.params.id,
          letterId: request.params.letterId,
          expectedVersion: request.body.expectedVersion,
        }),
    );

    app.get(
      '/disclosure-requests/:id/review-cases',
      { schema: { tags: ['review-cases'], summary: '行政复议、行政诉讼案件', params: IdParams } },
      async (request) => listReviewCases(deps, { actor: actorOf(request), requestId: request.params.id }),
    );

    app.post(
      '/disclosure-requests/:id/review-cases',
      {
        schema: {
          tags: ['review-cases'],
          summary: '登记行政复议或行政诉讼',
          params: IdParams,
          body: ReviewCaseBodySchema,
        },
      },
      async (request, reply) => {
        const reviewCase = await openReviewCase(deps, {
          actor: actorOf(request),
          requestId: request.params.id,
          ...request.body,
        });
        return reply.code(201).send(reviewCase);
      },
    );

    app.post(
      '/review-cases/:id/decision',
      {
        schema: {
          tags: ['review-cases'],
          summary: '登记复议决定或裁判结果（结果纠正的，审核人登记时重新答复）',
          params: IdParams,
          body: ReviewDecisionBodySchema.extend({
            replyWithinWorkdays: z.number().int().min(1).max(60).optional(),
          }),
        },
      },
      async (request) =>
        decideReviewCase(deps, { actor: actorOf(request), reviewCaseId: request.params.id, ...request.body }),
    );
  };
}
