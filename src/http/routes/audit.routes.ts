import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAuditLog } from '../../app/audit/list-audit-log.ts';
import type { AppDeps } from '../../app/shared/deps.ts';
import { actorOf, requireActor } from '../plugins/request-context.ts';

export function auditRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/audit-log',
      {
        preHandler: requireActor,
        schema: {
          tags: ['audit'],
          summary: '操作日志（只增不改）',
          querystring: z.object({
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(50),
            entityType: z.string().max(50).optional(),
            entityId: z.string().max(100).optional(),
          }),
        },
      },
      async (request) => listAuditLog(deps, { actor: actorOf(request), ...request.query }),
    );
  };
}
