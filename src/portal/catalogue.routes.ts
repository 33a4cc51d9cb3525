import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import { listPublicAgencies } from '../app/agency/get-public-agency.ts';
import {
  getPublicAttachment,
  getPublicDecision,
  getPublicEntry,
  listPublicCatalogue,
  listPublicDecisions,
  MAX_PORTAL_PAGE,
  PORTAL_PAGE_SIZE,
  type PublicSearch,
  publicSearchKey,
  searchPublicCatalogue,
  searchPublicDecisions,
} from '../app/catalogue/public-catalogue.ts';
import { cachedSearch } from '../app/catalogue/search-cache.ts';
import type { AppDeps } from '../app/shared/deps.ts';
import type { Agency } from '../core/agency/index.ts';
import { DECISION_KINDS, DOCUMENT_TYPES, indexNumberFromSlug, VALIDITIES } from '../core/catalogue/index.ts';
import { localDateInChina } from '../core/shared/local-date.ts';
import { renderDecisionListPage, renderDecisionPage } from './pages/catalogue-decisions.page.ts';
import { renderCatalogueEntryPage } from './pages/catalogue-entry.page.ts';
import { renderCatalogueListPage } from './pages/catalogue-list.page.ts';
import { renderDecisionSearchPage, renderSearchPage } from './pages/search.page.ts';
import { renderNotFoundPage } from './portal.routes.ts';

/**
 * Portal routes of proactive disclosure: the catalogue by agency, entries at stable addresses
 * (/agencies/<code>/catalogue/<索引号 with ~ for />), decisions, and the search. Query parameters that
 * do not parse are ignored rather than refused: a reader following an old link still gets a page.
 */

const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

const PageSchema = z.coerce.number().int().min(1).catch(1);
const YearSchema = lenient(z.coerce.number().int().min(2000).max(2100));

const CatalogueQuery = z.object({
  year: YearSchema,
  category: lenient(z.string().regex(/^a2[01]_[a-z0-9]+$/)),
  validity: lenient(z.enum(VALIDITIES)),
  page: PageSchema,
});

const DecisionQuery = z.object({
  kind: lenient(z.enum(DECISION_KINDS)),
  year: YearSchema,
  q: lenient(z.string().trim().max(100)),
  page: PageSchema,
});

const SearchQuery = z.object({
  q: z.string().trim().max(100).catch(''),
  agency: lenient(z.string().trim().max(20)),
  category: lenient(z.string().regex(/^a2[01]_[a-z0-9]+$/)),
  year: YearSchema,
  validity: lenient(z.enum(VALIDITIES)),
  type: lenient(z.enum(DOCUMENT_TYPES)),
  page: PageSchema,
});

const DecisionSearchQuery = z.object({
  q: z.string().trim().max(100).catch(''),
  agency: lenient(z.string().trim().max(20)),
  year: YearSchema,
  page: PageSchema,
});

function sendHtml(reply: FastifyReply, body: string | Buffer, status = 200) {
  return reply.code(status).type('text/html; charset=utf-8').send(body);
}

function notFound(reply: FastifyReply) {
  return sendHtml(reply, renderNotFoundPage(), 404);
}

export function cataloguePortalRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Params: { code: string } }>('/agencies/:code/catalogue', async (request, reply) => {
      const query = CatalogueQuery.parse(request.query ?? {});
      const page = Math.min(query.page, MAX_PORTAL_PAGE);
      const found = await listPublicCatalogue(deps, {
        agencyCode: request.params.code,
        year: query.year,
        category: query.category,
        validity: query.validity,
        page,
      });
      if (!found) return notFound(reply);
      return sendHtml(
        reply,
        renderCatalogueListPage({
          agency: found.agency,
          entries: found.entries,
          total: found.total,
          page,
          pageSize: PORTAL_PAGE_SIZE,
          maxPage: MAX_PORTAL_PAGE,
          filters: { year: query.year, category: query.category, validity: query.validity },
          facets: found.facets,
          decisionYears: found.decisionYears,
        }),
      );
    });

    app.get<{ Params: { code: string; slug: string } }>(
      '/agencies/:code/catalogue/:slug',
      async (request, reply) => {
        const found = await getPublicEntry(deps, {
          agencyCode: request.params.code,
          indexNumber: indexNumberFromSlug(request.params.slug),
        });
        if (!found) return notFound(reply);
        // A withdrawn entry keeps its address and says so: 410 Gone, with the notice.
        return sendHtml(
          reply,
          renderCatalogueEntryPage(found),
          found.entry.status === 'withdrawn' ? 410 : 200,
        );
      },
    );

    app.get<{ Params: { code: string; slug: string; attachmentId: string } }>(
      '/agencies/:code/catalogue/:slug/attachments/:attachmentId',
      async (request, reply) => {
        if (!z.uuid().safeParse(request.params.attachmentId).success) return notFound(reply);
        const file = await getPublicAttachment(deps, {
          agencyCode: request.params.code,
          indexNumber: indexNumberFromSlug(request.params.slug),
          attachmentId: request.params.attachmentId,
        });
        if (!file) return notFound(reply);
        const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
        return reply
          .type(file.mediaType)
          .header(
            'content-disposition',
            `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
          )
          .header('cache-control', 'public, max-age=3600')
          .send(file.content);
      },
    );

    app.get<{ Params: { code: string } }>('/agencies/:code/decisions', async (request, reply) => {
      const query = DecisionQuery.parse(request.query ?? {});
      const page = Math.min(query.page, MAX_PORTAL_PAGE);
      const found = await listPublicDecisions(deps, {
        agencyCode: request.params.code,
        kind: query.kind,
        year: query.year,
        text: query.q || undefined,
        page,
      });
      if (!found) return notFound(reply);
      return sendHtml(
        reply,
        renderDecisionListPage({
          agency: found.agency,
          items: found.items,
          total: found.total,
          totalIsCapped: found.totalIsCapped,
          page,
          pageSize: PORTAL_PAGE_SIZE,
          maxPage: MAX_PORTAL_PAGE,
          filters: { kind: query.kind, year: query.year, text: query.q || undefined },
          years: found.years,
        }),
      );
    });

    app.get<{ Params: { code: string; id: string } }>(
      '/agencies/:code/decisions/:id',
      async (request, reply) => {
        const decision = await getPublicDecision(deps, {
          agencyCode: request.params.code,
          decisionId: request.params.id,
        });
        if (!decision) return notFound(reply);
        return sendHtml(reply, renderDecisionPage(decision));
      },
    );

    app.get('/search', async (request, reply) => {
      const query = SearchQuery.parse(request.query ?? {});
      const page = Math.min(query.page, MAX_PORTAL_PAGE);
      const filters = {
        text: query.q,
        agencyCode: query.agency,
        category: query.category,
        year: query.year,
        validity: query.validity,
        documentType: query.type,
      };
      const render = (found: PublicSearch | null, agencies: Agency[]) =>
        renderSearchPage(filters, found, agencies, {
          pageSize: PORTAL_PAGE_SIZE,
          maxPage: MAX_PORTAL_PAGE,
          currentYear: Number(localDateInChina(deps.clock.now()).slice(0, 4)),
        });
      if (query.q === '') return sendHtml(reply, render(null, await listPublicAgencies(deps)));
      // The page itself is kept a short while: searches repeat, and a kept page costs no rendering.
      const input = { ...filters, page };
      const html = await cachedSearch(deps.db, publicSearchKey(input), Date.now(), async () => {
        const found = await searchPublicCatalogue(deps, input);
        return render(found, found.agencies);
      });
      return sendHtml(reply, html);
    });

    app.get('/search/decisions', async (request, reply) => {
      const query = DecisionSearchQuery.parse(request.query ?? {});
      const page = Math.min(query.page, MAX_PORTAL_PAGE);
      const found =
        query.q !== ''
          ? await searchPublicDecisions(deps, {
              text: query.q,
              agencyCode: query.agency,
              year: query.year,
              page,
            })
          : null;
      const agencies = found?.agencies ?? (await listPublicAgencies(deps));
      return sendHtml(
        reply,
        renderDecisionSearchPage(
          { text: query.q, agencyCode: query.agency, year: query.year },
          found,
          agencies,
          {
            page,
            pageSize: PORTAL_PAGE_SIZE,
            maxPage: MAX_PORTAL_PAGE,
            currentYear: Number(localDateInChina(deps.clock.now()).slice(0, 4)),
          },
        ),
      );
    });
  };
}
