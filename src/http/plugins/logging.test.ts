import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.ts';
import { DEMO_PASSWORD } from '../../app/demo/demo-region.ts';
import { buildServer } from '../server.ts';

describe('request logs', () => {
  let testDb: TestDatabase;
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });

  beforeAll(async () => {
    testDb = await createTestDatabase('pglite', { demo: true });
  });
  afterAll(async () => testDb?.close());

  it('never contain ID numbers, phones, passwords or session cookies', async () => {
    const app = await buildServer({ deps: testDb.deps, logLevel: 'info', logStream: stream });
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: DEMO_PASSWORD },
    });
    const cookie = login.cookies.find((c) => c.name === 'gk_session')!.value;
    await app.inject({
      url: '/api/agencies?id=11010519491231002X&phone=13912345678',
      headers: { cookie: `gk_session=${cookie}` },
    });
    await app.close();
    const log = lines.join('');
    expect(log).toContain('/api/agencies');
    expect(log).not.toContain('11010519491231002X');
    expect(log).not.toContain('13912345678');
    expect(log).not.toContain(DEMO_PASSWORD);
    expect(log).not.toContain(cookie);
  });
});
