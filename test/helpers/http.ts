import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/http/server.ts';
import type { TestDatabase } from './database.ts';

export async function createTestServer(testDb: TestDatabase, options: { webDir?: string } = {}) {
  return buildServer({
    deps: testDb.deps,
    logLevel: 'silent',
    ...(options.webDir ? { webDir: options.webDir } : {}),
  });
}

export interface LoggedIn {
  cookie: string;
  csrfToken: string;
  agencyId: string;
  staffId: string;
}

export async function logInAs(app: FastifyInstance, username: string, password: string): Promise<LoggedIn> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
  });
  if (response.statusCode !== 200) throw new Error(`login ${username} failed: ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'gk_session');
  const body = response.json() as { csrfToken: string; agencyId: string; staffId: string };
  return {
    cookie: `gk_session=${cookie!.value}`,
    csrfToken: body.csrfToken,
    agencyId: body.agencyId,
    staffId: body.staffId,
  };
}

/** Headers of a signed-in browser: the session cookie and the CSRF header. */
export function as(session: LoggedIn): Record<string, string> {
  return { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
}
