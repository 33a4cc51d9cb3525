import fastifyMultipart from '@fastify/multipart';
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { getPublicAgency, listPublicAgencies } from '../app/agency/get-public-agency.ts';
import type { AttachmentFile } from '../app/disclosure-request/attachment-files.ts';
import { checkAttachment } from '../app/disclosure-request/attachment-files.ts';
import { getPublicDocument, lookUpRequest } from '../app/disclosure-request/look-up-request.ts';
import { submitApplication } from '../app/disclosure-request/submit-application.ts';
import type { AppDeps } from '../app/shared/deps.ts';
import { DisclosureApplicationSchema } from '../contract/disclosure-request.ts';
import {
  MAX_PORTAL_FILE_BYTES,
  MAX_PORTAL_FILES,
  PublicLookupSchema,
} from '../contract/disclosure-request-api.ts';
import { isDomainError } from '../core/shared/domain-error.ts';
import { html } from './html.ts';
import { renderPage } from './layout.ts';
import {
  type ApplyFormErrors,
  type ApplyFormValues,
  renderApplyFormPage,
  renderApplyIndexPage,
  renderApplyReceiptPage,
} from './pages/apply.page.ts';
import { renderTrackFormPage, renderTrackStatusPage } from './pages/track.page.ts';

/**
 * The public side of 依申请公开: apply, then look the request up by code and secret. Public forms have
 * no session, so every unsafe route is rate-limited per address; files are limited in number and size.
 */

/** Per address: 5 applications in 10 minutes, 10 lookups a minute, 20 downloads a minute. */
export const PORTAL_RATE_LIMITS = {
  apply: { max: 5, timeWindow: '10 minutes' },
  track: { max: 10, timeWindow: '1 minute' },
  download: { max: 20, timeWindow: '1 minute' },
} as const;

const FORM_FIELDS = [
  'applicantType',
  'name',
  'idKind',
  'idNumber',
  'idDocumentName',
  'contactPerson',
  'phone',
  'email',
  'postalAddress',
  'postalCode',
  'description',
  'documentNumber',
  'formWanted',
  'delivery',
  'needsAssistance',
] as const satisfies readonly (keyof ApplyFormValues)[];

const html200 = (reply: FastifyReply, body: string, status = 200) =>
  reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);

function toApplication(values: ApplyFormValues) {
  const blank = (v: string | undefined) => (v?.trim() ? v.trim() : null);
  const kind = values.idKind ?? 'resident_id';
  return {
    applicant: {
      type: values.applicantType,
      name: values.name ?? '',
      identityDocument:
        kind === 'other'
          ? { kind, number: values.idNumber ?? '', documentName: values.idDocumentName ?? '' }
          : { kind, number: values.idNumber ?? '' },
      contactPerson: blank(values.contactPerson),
      contact: {
        phone: values.phone ?? '',
        email: values.email ?? '',
        postalAddress: values.postalAddress ?? '',
        postalCode: values.postalCode ?? '',
      },
    },
    description: values.description ?? '',
    documentNumber: values.documentNumber ?? '',
    formWanted: values.formWanted,
    delivery: values.delivery,
    needsAssistance: values.needsAssistance === 'on',
  };
}

/** Which form field a schema issue belongs to. */
function fieldOf(path: readonly PropertyKey[]): keyof ApplyFormErrors {
  const key = path.map(String).join('.');
  const map: Record<string, keyof ApplyFormErrors> = {
    'applicant.type': 'applicantType',
    'applicant.name': 'name',
    'applicant.identityDocument.kind': 'idKind',
    'applicant.identityDocument': 'idKind',
    'applicant.identityDocument.number': 'idNumber',
    'applicant.identityDocument.documentName': 'idDocumentName',
    'applicant.contactPerson': 'contactPerson',
    'applicant.contact.phone': 'phone',
    'applicant.contact.email': 'email',
    'applicant.contact.postalAddress': 'postalAddress',
    'applicant.contact.postalCode': 'postalCode',
    description: 'description',
    documentNumber: 'documentNumber',
    formWanted: 'formWanted',
    delivery: 'delivery',
  };
  return map[key] ?? 'description';
}

export function errorsOf(error: z.ZodError): ApplyFormErrors {
  const errors: ApplyFormErrors = {};
  for (const issue of error.issues) {
    const field = fieldOf(issue.path);
    errors[field] ??= issue.message;
  }
  return errors;
}

class FormError extends Error {
  constructor(readonly errors: ApplyFormErrors) {
    super('form');
  }
}

/** Reads the posted form: multipart (with files) from a browser, or url-encoded. */
async function readForm(
  request: FastifyRequest,
): Promise<{ values: ApplyFormValues; files: AttachmentFile[] }> {
  const values: Record<string, string> = {};
  const files: AttachmentFile[] = [];
  if (!request.isMultipart()) {
    const body = (request.body ?? {}) as Record<string, unknown>;
    for (const field of FORM_FIELDS)
      if (typeof body[field] === 'string') values[field] = body[field] as string;
    return { values, files };
  }
  try {
    for await (const part of request.parts({
      limits: { fileSize: MAX_PORTAL_FILE_BYTES, files: MAX_PORTAL_FILES, fields: 40, fieldSize: 8000 },
    })) {
      if (part.type === 'file') {
        const content = await part.toBuffer();
        if (!part.filename || content.byteLength === 0) continue;
        files.push({ fileName: part.filename, content });
      } else if (
        (FORM_FIELDS as readonly string[]).includes(part.fieldname) &&
        typeof part.value === 'string'
      ) {
        values[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    const code = (error as FastifyError).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new FormError({ files: `每个附件不能超过 ${MAX_PORTAL_FILE_BYTES / 1024 / 1024} MB` });
    }
    if (code === 'FST_FILES_LIMIT') throw new FormError({ files: `最多上传 ${MAX_PORTAL_FILES} 个附件` });
    throw error;
  }
  return { values, files };
}

function renderMessagePage(title: string, message: string): string {
  return renderPage({
    title,
    main: html`<h1>${title}</h1><p>${message}</p><p><a href="/">返回首页</a></p>`,
  });
}

export function applicationPortalRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app) => {
    if (!app.hasContentTypeParser('multipart/form-data')) {
      await app.register(fastifyMultipart, {
        limits: { fileSize: MAX_PORTAL_FILE_BYTES, files: MAX_PORTAL_FILES, fields: 40 },
      });
    }

    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (error.statusCode === 429) {
        return html200(reply, renderMessagePage('操作过于频繁', '您的操作过于频繁，请稍后再试。'), 429);
      }
      if (error.statusCode === 413 || error.code === 'FST_CTP_BODY_TOO_LARGE') {
        return html200(reply, renderMessagePage('提交的内容过大', '提交的内容过大，请减少附件后重试。'), 413);
      }
      request.log.error({ err: error }, 'portal error');
      return html200(reply, renderMessagePage('系统繁忙', '系统暂时无法处理您的请求，请稍后重试。'), 500);
    });

    app.get('/apply', async (_request, reply) =>
      html200(reply, renderApplyIndexPage(await listPublicAgencies(deps))),
    );

    app.get<{ Params: { code: string } }>('/agencies/:code/apply', async (request, reply) => {
      const found = await getPublicAgency(deps, request.params.code);
      if (!found) return html200(reply, renderMessagePage('页面不存在', '未找到该机关。'), 404);
      return html200(reply, renderApplyFormPage(found.agency));
    });

    app.post<{ Params: { code: string } }>(
      '/agencies/:code/apply',
      { config: { rateLimit: PORTAL_RATE_LIMITS.apply } },
      async (request, reply) => {
        const found = await getPublicAgency(deps, request.params.code);
        if (!found) return html200(reply, renderMessagePage('页面不存在', '未找到该机关。'), 404);
        let form: { values: ApplyFormValues; files: AttachmentFile[] } = { values: {}, files: [] };
        try {
          form = await readForm(request);
          const parsed = DisclosureApplicationSchema.safeParse(toApplication(form.values));
          const errors: ApplyFormErrors = parsed.success ? {} : errorsOf(parsed.error);
          for (const file of form.files) {
            try {
              checkAttachment(file, MAX_PORTAL_FILE_BYTES);
            } catch (error) {
              if (!isDomainError(error)) throw error;
              errors.files ??= error.message;
            }
          }
          if (!parsed.success || Object.keys(errors).length > 0) throw new FormError(errors);
          const receipt = await submitApplication(deps, {
            agencyCode: found.agency.code,
            application: parsed.data,
            files: form.files,
          });
          return html200(reply, renderApplyReceiptPage(found.agency, receipt), 201);
        } catch (error) {
          if (error instanceof FormError) {
            return html200(reply, renderApplyFormPage(found.agency, form.values, error.errors), 400);
          }
          throw error;
        }
      },
    );

    app.get('/track', async (_request, reply) => html200(reply, renderTrackFormPage()));

    app.post('/track', { config: { rateLimit: PORTAL_RATE_LIMITS.track } }, async (request, reply) => {
      const parsed = PublicLookupSchema.safeParse(request.body ?? {});
      const given = (request.body ?? {}) as { trackingCode?: unknown };
      const code = typeof given.trackingCode === 'string' ? given.trackingCode.trim() : '';
      if (!parsed.success) {
        return html200(
          reply,
          renderTrackFormPage({ trackingCode: code, error: '请填写受理编号和查询码' }),
          400,
        );
      }
      try {
        const view = await lookUpRequest(deps, parsed.data);
        return html200(reply, renderTrackStatusPage(view, parsed.data));
      } catch (error) {
        if (isDomainError(error) && error.code === 'not_found') {
          return html200(reply, renderTrackFormPage({ trackingCode: code, error: error.message }), 404);
        }
        throw error;
      }
    });

    app.post(
      '/track/documents',
      { config: { rateLimit: PORTAL_RATE_LIMITS.download } },
      async (request, reply) => {
        const body = (request.body ?? {}) as Record<string, unknown>;
        const parsed = PublicLookupSchema.safeParse(body);
        const attachmentId = typeof body.attachmentId === 'string' ? body.attachmentId : '';
        if (!parsed.success || !/^[0-9a-f-]{36}$/i.test(attachmentId)) {
          return html200(reply, renderTrackFormPage({ error: '请先输入受理编号和查询码' }), 400);
        }
        try {
          const file = await getPublicDocument(deps, { ...parsed.data, attachmentId });
          return reply
            .header('content-type', file.mediaType)
            .header(
              'content-disposition',
              `attachment; filename="document.${
                file.fileName
                  .split('.')
                  .pop()
                  ?.replace(/[^A-Za-z0-9]/g, '') ?? 'bin'
              }"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
            )
            .header('cache-control', 'private, no-store')
            .send(file.content);
        } catch (error) {
          if (isDomainError(error) && error.code === 'not_found') {
            return html200(reply, renderTrackFormPage({ error: error.message }), 404);
          }
          throw error;
        }
      },
    );
  };
}
