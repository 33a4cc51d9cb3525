import { readFileSync } from 'node:fs';
import type { FastifyPluginAsync } from 'fastify';
import { getPublicAgency, listPublicAgencies } from '../app/agency/get-public-agency.ts';
import type { AppDeps } from '../app/shared/deps.ts';
import { annualReportPortalRoutes } from './annual-report.routes.ts';
import { applicationPortalRoutes } from './application.routes.ts';
import { cataloguePortalRoutes } from './catalogue.routes.ts';
import { html } from './html.ts';
import { renderPage } from './layout.ts';
import { renderGuidePage } from './pages/guide.page.ts';
import { renderHomePage } from './pages/home.page.ts';

const PORTAL_CSS = readFileSync(new URL('./assets/portal.css', import.meta.url), 'utf8');

export function renderNotFoundPage(): string {
  return renderPage({
    title: '页面不存在',
    main: html`<h1>页面不存在</h1><p>您访问的页面不存在或已被移除。<a href="/">返回首页</a></p>`,
  });
}

/** The public portal: server-rendered HTML, readable without JavaScript. */
export function portalRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app) => {
    app.get('/portal.css', async (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(PORTAL_CSS),
    );

    app.get('/', async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send(renderHomePage(await listPublicAgencies(deps))),
    );

    await app.register(applicationPortalRoutes(deps));
    await app.register(cataloguePortalRoutes(deps));
    await app.register(annualReportPortalRoutes(deps));

    app.get<{ Params: { code: string } }>('/agencies/:code', async (request, reply) => {
      const found = await getPublicAgency(deps, request.params.code);
      if (!found) return reply.code(404).type('text/html; charset=utf-8').send(renderNotFoundPage());
      return reply.type('text/html; charset=utf-8').send(renderGuidePage(found.agency, found.ancestors));
    });
  };
}
