import { readFileSync } from 'node:fs';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  getPublishedReport,
  listPublishedReportsForYear,
  listPublishedReportsOfAgency,
  renderPublishedReport,
} from '../app/annual-report/public-annual-reports.ts';
import type { AppDeps } from '../app/shared/deps.ts';
import { isReportFormat, REPORT_BODY_STYLE } from '../export/index.ts';
import { contentDisposition } from '../http/routes/annual-report.routes.ts';
import {
  PORTAL_REPORT_FILES,
  REPORT_STYLESHEET,
  renderAgencyReportListPage,
  renderRegionReportsPage,
  renderReportPage,
} from './pages/annual-report.page.ts';
import { renderNotFoundPage } from './portal.routes.ts';

/**
 * Portal routes of the annual reports: /annual-reports?year= (every agency of the region),
 * /agencies/<code>/annual-reports (one agency's, newest first), /agencies/<code>/annual-reports/<year>
 * (the report) and …/<year>/download/<format> (its files). Only published reports exist here.
 */

// The official tables' styles come from the HTML export; the portal adds its own layout around them.
const STYLESHEET = `${REPORT_BODY_STYLE}\n${readFileSync(new URL('./assets/annual-report.css', import.meta.url), 'utf8')}`;

const YearParam = z
  .string()
  .regex(/^\d{4}$/)
  .transform(Number);
const RegionQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
});

function sendHtml(reply: FastifyReply, body: string, status = 200) {
  return reply.code(status).type('text/html; charset=utf-8').send(body);
}

function notFound(reply: FastifyReply) {
  return sendHtml(reply, renderNotFoundPage(), 404);
}

export function annualReportPortalRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app) => {
    app.get(REPORT_STYLESHEET, async (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(STYLESHEET),
    );

    app.get('/annual-reports', async (request, reply) => {
      const query = RegionQuery.parse(request.query ?? {});
      return sendHtml(reply, renderRegionReportsPage(await listPublishedReportsForYear(deps, query)));
    });

    app.get<{ Params: { code: string } }>('/agencies/:code/annual-reports', async (request, reply) => {
      const found = await listPublishedReportsOfAgency(deps, request.params.code);
      if (!found) return notFound(reply);
      return sendHtml(reply, renderAgencyReportListPage(found));
    });

    app.get<{ Params: { code: string; year: string } }>(
      '/agencies/:code/annual-reports/:year',
      async (request, reply) => {
        const year = YearParam.safeParse(request.params.year);
        if (!year.success) return notFound(reply);
        const found = await getPublishedReport(deps, { agencyCode: request.params.code, year: year.data });
        if (!found) return notFound(reply);
        return sendHtml(reply, renderReportPage(found));
      },
    );

    app.get<{ Params: { code: string; year: string; format: string } }>(
      '/agencies/:code/annual-reports/:year/download/:format',
      // Rendering a DOCX or XLSX costs CPU: a public client gets a reasonable number per minute.
      { config: { rateLimit: { max: 60, timeWindow: '1 minute' } } },
      async (request, reply) => {
        const year = YearParam.safeParse(request.params.year);
        const { format } = request.params;
        if (!year.success || !isReportFormat(format)) return notFound(reply);
        const file = await renderPublishedReport(deps, {
          agencyCode: request.params.code,
          year: year.data,
          format,
        });
        if (!file) return notFound(reply);
        const opens = PORTAL_REPORT_FILES.find((f) => f.format === format)?.opens ?? false;
        const disposition = contentDisposition(file.fileName, `annual-report-${year.data}.${file.extension}`);
        return reply
          .header('content-type', file.contentType)
          .header('content-disposition', opens ? disposition.replace(/^attachment/, 'inline') : disposition)
          .header('cache-control', 'public, max-age=600')
          .send(file.bytes);
      },
    );
  };
}
