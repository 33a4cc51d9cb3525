import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changeOwnPassword } from '../../app/auth/change-password.ts';
import { logIn } from '../../app/auth/log-in.ts';
import { logOut } from '../../app/auth/log-out.ts';
import type { AppDeps } from '../../app/shared/deps.ts';
import { ChangePasswordSchema, LoginSchema } from '../../contract/staff.ts';
import { permissionsOf, STAFF_ROLES } from '../../core/staff/index.ts';
import { actorOf, requireActor, SESSION_COOKIE } from '../plugins/request-context.ts';

const SessionSchema = z.object({
  staffId: z.string(),
  username: z.string(),
  displayName: z.string(),
  agencyId: z.string(),
  roles: z.array(z.enum(STAFF_ROLES)),
  permissions: z.array(z.string()),
  csrfToken: z.string(),
});

export function authRoutes(deps: AppDeps, options: { secureCookies: boolean }): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/auth/login',
      {
        schema: {
          tags: ['auth'],
          summary: '工作人员登录',
          body: LoginSchema,
          response: { 200: SessionSchema },
        },
        // Per-address throttling on top of the per-account lockout.
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      },
      async (request, reply) => {
        const result = await logIn(deps, {
          ...request.body,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        });
        reply.setCookie(SESSION_COOKIE, result.sessionToken, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: options.secureCookies,
          expires: result.expiresAt,
        });
        return {
          ...result.actor,
          permissions: [...permissionsOf(result.actor.roles)],
          csrfToken: result.csrfToken,
        };
      },
    );

    app.get(
      '/auth/session',
      {
        schema: { tags: ['auth'], summary: '当前登录信息', response: { 200: SessionSchema } },
        preHandler: requireActor,
      },
      async (request) => {
        const actor = actorOf(request);
        return { ...actor, permissions: [...permissionsOf(actor.roles)], csrfToken: request.csrfToken ?? '' };
      },
    );

    app.post(
      '/auth/logout',
      { schema: { tags: ['auth'], summary: '退出登录' }, preHandler: requireActor },
      async (request, reply) => {
        const token = request.cookies[SESSION_COOKIE];
        if (token) await logOut(deps, token);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true };
      },
    );

    app.post(
      '/auth/password',
      {
        schema: { tags: ['auth'], summary: '修改本人密码', body: ChangePasswordSchema },
        preHandler: requireActor,
      },
      async (request) => {
        await changeOwnPassword(deps, { actor: actorOf(request), ...request.body });
        return { ok: true };
      },
    );
  };
}
