import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppDeps } from '../app/shared/deps.ts';
import { isDomainError } from '../core/shared/domain-error.ts';
import { portalRoutes, renderNotFoundPage } from '../portal/portal.routes.ts';
import { errorBody, HTTP_STATUS_BY_CODE } from './error-map.ts';
import { loggerOptions } from './plugins/logging.ts';
import { createSessionHook } from './plugins/request-context.ts';
import { securityHeaders } from './plugins/security-headers.ts';
import { agencyRoutes } from './routes/agency.routes.ts';
import { annualReportRoutes } from './routes/annual-report.routes.ts';
import { auditRoutes } from './routes/audit.routes.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { calendarRoutes, publicCalendarRoutes } from './routes/calendar.routes.ts';
import { catalogueRoutes } from './routes/catalogue.routes.ts';
import { disclosureRequestRoutes } from './routes/disclosure-request.routes.ts';
import { reportAuditRoutes } from './routes/report-audit.routes.ts';
import { staffRoutes } from './routes/staff.routes.ts';

export interface ServerOptions {
  deps: AppDeps;
  /** Built console (vite output); the console is not served when absent. */
  webDir?: string;
  logLevel?: string;
  /** Set behind HTTPS (production): session cookies get the Secure flag. */
  secureCookies?: boolean;
  /** Behind a load balancer: trust X-Forwarded-For for client addresses. */
  trustProxy?: boolean;
  version?: string;
  /** Where request logs go (stdout by default); tests read them. */
  logStream?: NodeJS.WritableStream;
}

export const DEFAULT_WEB_DIR = resolve(import.meta.dirname, '../../dist/web');

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { deps } = options;
  const app = Fastify({
    logger: loggerOptions(options.logLevel ?? 'info', options.logStream),
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const headers = securityHeaders();
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: () => ({ statusCode: 429, ...errorBody('rate_limited') }),
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Gongkai 公开 API',
        description: '政府信息公开系统接口',
        version: options.version ?? '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'gk_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isDomainError(error)) {
      const status = HTTP_STATUS_BY_CODE[error.code];
      if (status >= 500) request.log.error({ err: error }, 'domain error');
      return reply.code(status).send(errorBody(error.code, error.message, error.details));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => ({
        field:
          (v.instancePath || '').replace(/^\//, '').replaceAll('/', '.') ||
          (v.params as { issue?: { path?: unknown } })?.issue?.path,
        message: v.message,
      }));
      const first = issues[0]?.message;
      return reply
        .code(400)
        .send(errorBody('validation_failed', first ? `提交的内容不符合要求：${first}` : undefined, issues));
    }
    if (error.statusCode === 429) return reply.code(429).send(errorBody('rate_limited'));
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      const message = error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? '提交的内容过大' : '请求格式不正确';
      return reply.code(error.statusCode).send(errorBody('validation_failed', message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send(errorBody('internal_error'));
  });

  app.get('/api/health', { schema: { tags: ['system'], summary: '健康检查' } }, async () => {
    await deps.db.selectFrom('calendarYear').select('year').limit(1).execute();
    return { status: 'ok', time: deps.clock.now().toISOString() };
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(
    async (api) => {
      api.addHook('onRequest', createSessionHook(deps));
      await api.register(authRoutes(deps, { secureCookies: options.secureCookies ?? false }));
      await api.register(agencyRoutes(deps));
      await api.register(staffRoutes(deps));
      await api.register(calendarRoutes(deps));
      await api.register(publicCalendarRoutes(deps));
      await api.register(auditRoutes(deps));
      await api.register(catalogueRoutes(deps));
      await api.register(disclosureRequestRoutes(deps));
      await api.register(annualReportRoutes(deps));
      await api.register(reportAuditRoutes(deps));
    },
    { prefix: '/api' },
  );

  await app.register(portalRoutes(deps));

  const webDir = options.webDir ?? DEFAULT_WEB_DIR;
  const hasConsole = existsSync(resolve(webDir, 'index.html'));
  if (hasConsole) {
    await app.register(fastifyStatic, {
      root: webDir,
      prefix: '/console/',
      // Wildcard: files built after start (a rebuilt console) are served too.
      wildcard: true,
      index: 'index.html',
    });
  }

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) return reply.code(404).send(errorBody('not_found', '接口不存在'));
    const isConsoleRoute =
      request.url === '/console' ||
      (request.url.startsWith('/console/') && !request.url.startsWith('/console/assets/'));
    if (hasConsole && request.method === 'GET' && isConsoleRoute) {
      // The console is a single-page app: its routes (not its missing assets) all load index.html.
      return reply.type('text/html; charset=utf-8').sendFile('index.html', webDir);
    }
    return reply.code(404).type('text/html; charset=utf-8').send(renderNotFoundPage());
  });

  return app;
}
