import type { FastifyReply, FastifyRequest } from 'fastify';
import { resolveSession } from '../../app/auth/resolve-session.ts';
import type { AppDeps } from '../../app/shared/deps.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { Actor } from '../../core/staff/index.ts';

export const SESSION_COOKIE = 'gk_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
  }
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves the session cookie into the actor on every /api request. Cookie sessions must send the
 * session's CSRF token in a header on every unsafe method (a cross-site form cannot set headers).
 */
export function createSessionHook(deps: AppDeps) {
  return async function sessionHook(request: FastifyRequest): Promise<void> {
    request.actor = null;
    request.csrfToken = null;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await resolveSession(deps, token);
    if (!session) return;
    request.actor = session.actor;
    request.csrfToken = session.csrfToken;
    if (UNSAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (sent !== session.csrfToken) throw new DomainError('csrf_invalid');
    }
  };
}

/** Route guard: the request must come from a signed-in member of staff. */
export async function requireActor(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  if (!request.actor) throw new DomainError('unauthenticated');
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new DomainError('unauthenticated');
  return request.actor;
}
