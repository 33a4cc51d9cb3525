import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createAgency } from '../../app/agency/create-agency.ts';
import { getAgency, listAgencies } from '../../app/agency/list-agencies.ts';
import { updateAgency } from '../../app/agency/update-agency.ts';
import type { AppDeps } from '../../app/shared/deps.ts';
import { AgencyInputSchema, AgencySchema, AgencyUpdateSchema } from '../../contract/agency.ts';
import { actorOf, requireActor } from '../plugins/request-context.ts';

const IdParams = z.object({ id: z.uuid('记录编号无效') });

export function agencyRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('preHandler', requireActor);

    app.get(
      '/agencies',
      { schema: { tags: ['agencies'], summary: '可见的机关', response: { 200: z.array(AgencySchema) } } },
      async (request) => listAgencies(deps, { actor: actorOf(request) }),
    );

    app.get(
      '/agencies/:id',
      { schema: { tags: ['agencies'], params: IdParams, response: { 200: AgencySchema } } },
      async (request) => getAgency(deps, { actor: actorOf(request), agencyId: request.params.id }),
    );

    app.post(
      '/agencies',
      {
        schema: {
          tags: ['agencies'],
          summary: '新建机关',
          body: AgencyInputSchema,
          response: { 201: AgencySchema },
        },
      },
      async (request, reply) => {
        const agency = await createAgency(deps, { actor: actorOf(request), agency: request.body });
        return reply.code(201).send(agency);
      },
    );

    app.patch(
      '/agencies/:id',
      {
        schema: {
          tags: ['agencies'],
          summary: '修改机关信息',
          params: IdParams,
          body: AgencyUpdateSchema,
          response: { 200: AgencySchema },
        },
      },
      async (request) =>
        updateAgency(deps, { actor: actorOf(request), agencyId: request.params.id, changes: request.body }),
    );
  };
}
