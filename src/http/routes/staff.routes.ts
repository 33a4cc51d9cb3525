import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app/shared/deps.ts';
import { createStaff } from '../../app/staff/create-staff.ts';
import { listStaff } from '../../app/staff/list-staff.ts';
import { resetStaffPassword, updateStaff } from '../../app/staff/update-staff.ts';
import {
  ResetPasswordSchema,
  StaffInputSchema,
  StaffUpdateSchema,
  StaffViewSchema,
} from '../../contract/staff.ts';
import { actorOf, requireActor } from '../plugins/request-context.ts';

const IdParams = z.object({ id: z.uuid('记录编号无效') });

export function staffRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('preHandler', requireActor);

    app.get(
      '/staff',
      {
        schema: {
          tags: ['staff'],
          summary: '工作人员账号',
          querystring: z.object({ agencyId: z.uuid('机关编号无效').optional() }),
          response: { 200: z.array(StaffViewSchema) },
        },
      },
      async (request) =>
        listStaff(deps, {
          actor: actorOf(request),
          ...(request.query.agencyId ? { agencyId: request.query.agencyId } : {}),
        }),
    );

    app.post(
      '/staff',
      {
        schema: {
          tags: ['staff'],
          summary: '新建账号',
          body: StaffInputSchema,
          response: { 201: StaffViewSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createStaff(deps, { actor: actorOf(request), staff: request.body })),
    );

    app.patch(
      '/staff/:id',
      {
        schema: {
          tags: ['staff'],
          params: IdParams,
          body: StaffUpdateSchema,
          response: { 200: StaffViewSchema },
        },
      },
      async (request) =>
        updateStaff(deps, { actor: actorOf(request), staffId: request.params.id, changes: request.body }),
    );

    app.post(
      '/staff/:id/password',
      { schema: { tags: ['staff'], summary: '重置密码', params: IdParams, body: ResetPasswordSchema } },
      async (request) => {
        await resetStaffPassword(deps, {
          actor: actorOf(request),
          staffId: request.params.id,
          newPassword: request.body.newPassword,
        });
        return { ok: true };
      },
    );
  };
}
