import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.ts';
import { as, createTestServer, type LoggedIn, logInAs } from '../../../test/helpers/http.ts';
import { DEMO_PASSWORD } from '../../app/demo/demo-region.ts';
import { HTTP_STATUS_BY_CODE } from '../error-map.ts';

const BUREAU_CODE = '11320582014000028G';

describe('HTTP: auth, authorisation and isolation', () => {
  let testDb: TestDatabase;
  let app: FastifyInstance;
  let admin: LoggedIn;
  let bureauClerk: LoggedIn;
  let townClerk: LoggedIn;
  let bureauAdmin: LoggedIn;
  let supervisor: LoggedIn;
  let bureauId: string;
  let townId: string;

  beforeAll(async () => {
    testDb = await createTestDatabase('pglite', { demo: true });
    app = await createTestServer(testDb);
    admin = await logInAs(app, 'admin', DEMO_PASSWORD);
    bureauClerk = await logInAs(app, 'spj.clerk', DEMO_PASSWORD);
    bureauAdmin = await logInAs(app, 'spj.admin', DEMO_PASSWORD);
    townClerk = await logInAs(app, 'tq.clerk', DEMO_PASSWORD);
    supervisor = await logInAs(app, 'zjg.supervisor', DEMO_PASSWORD);
    bureauId = bureauClerk.agencyId;
    townId = townClerk.agencyId;
  });
  afterAll(async () => {
    await app?.close();
    await testDb?.close();
  });

  it('serves health, OpenAPI and security headers', async () => {
    const health = await app.inject('/api/health');
    expect(health.json()).toMatchObject({ status: 'ok' });
    expect(health.headers['x-content-type-options']).toBe('nosniff');
    expect(health.headers['content-security-policy']).toContain("default-src 'self'");
    expect(health.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(health.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(health.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(health.headers['referrer-policy']).toBe('no-referrer');
    // Errors and the portal's pages carry them too.
    const missing = await app.inject('/agencies/NOPE/catalogue');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-security-policy']).toBe(health.headers['content-security-policy']);
    const openapi = (await app.inject('/api/openapi.json')).json();
    expect(openapi.openapi).toMatch(/^3\./);
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/api/agencies', '/api/auth/login', '/api/calendar/import']),
    );
  });

  it('refuses a wrong password with a Chinese message, and an unknown user alike', async () => {
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'spj.clerk', password: 'nope' },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'ghost', password: 'nope' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toEqual({ code: 'login_failed', message: '用户名或密码错误' });
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('locks an account after five wrong passwords, even for the right one', async () => {
    const attempt = (password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'spj.reviewer', password },
        remoteAddress: '10.9.9.9',
      });
    for (let i = 0; i < 4; i++) expect((await attempt('wrong')).statusCode).toBe(401);
    expect((await attempt('wrong')).json().error.code).toBe('account_locked');
    const right = await attempt(DEMO_PASSWORD);
    expect(right.statusCode).toBe(423);
    expect(right.json().error.message).toContain('锁定');
  });

  it('throttles login attempts per address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'x', password: 'y' },
        remoteAddress: '10.1.1.1',
      });
      codes.push(r.statusCode);
    }
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
  });

  it('requires a session for every API route', async () => {
    for (const url of [
      '/api/agencies',
      '/api/staff',
      '/api/calendar',
      '/api/audit-log',
      '/api/auth/session',
    ]) {
      const r = await app.inject(url);
      expect(r.statusCode, url).toBe(401);
      expect(r.json().error.code).toBe('unauthenticated');
    }
  });

  it('requires the CSRF header on unsafe requests with a cookie session', async () => {
    const withoutCsrf = await app.inject({
      method: 'PATCH',
      url: `/api/agencies/${bureauId}`,
      headers: { cookie: bureauAdmin.cookie },
      payload: { version: 1, phone: '0512-1' },
    });
    expect(withoutCsrf.statusCode).toBe(403);
    expect(withoutCsrf.json().error.code).toBe('csrf_invalid');
  });

  it('keeps a clerk of one agency out of another agency’s records', async () => {
    const list = await app.inject({ url: '/api/agencies', headers: as(townClerk) });
    expect(list.json().map((a: { id: string }) => a.id)).toEqual([townId]);
    const read = await app.inject({ url: `/api/agencies/${bureauId}`, headers: as(townClerk) });
    expect(read.statusCode).toBe(404);
    const change = await app.inject({
      method: 'PATCH',
      url: `/api/agencies/${bureauId}`,
      headers: as(townClerk),
      payload: { version: 1, phone: '0512-00000000' },
    });
    expect(change.statusCode).toBe(403);
    const staff = await app.inject({ url: '/api/staff', headers: as(townClerk) });
    expect(staff.statusCode).toBe(403);
    const audit = await app.inject({ url: '/api/audit-log', headers: as(townClerk) });
    expect(audit.statusCode).toBe(403);
  });

  it('lets an agency admin edit only its own agency and staff', async () => {
    const own = await app.inject({ url: `/api/agencies/${bureauId}`, headers: as(bureauAdmin) });
    const changed = await app.inject({
      method: 'PATCH',
      url: `/api/agencies/${bureauId}`,
      headers: as(bureauAdmin),
      payload: { version: own.json().version, officeHours: '工作日 8:30—17:30' },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().officeHours).toBe('工作日 8:30—17:30');
    const stale = await app.inject({
      method: 'PATCH',
      url: `/api/agencies/${bureauId}`,
      headers: as(bureauAdmin),
      payload: { version: own.json().version, officeHours: 'x' },
    });
    expect(stale.statusCode).toBe(409);
    const other = await app.inject({
      method: 'PATCH',
      url: `/api/agencies/${townId}`,
      headers: as(bureauAdmin),
      payload: { version: 1, phone: '1' },
    });
    expect(other.statusCode).toBe(404);
    const moveSelf = await app.inject({
      method: 'PATCH',
      url: `/api/agencies/${bureauId}`,
      headers: as(bureauAdmin),
      payload: { version: changed.json().version, parentId: townId },
    });
    expect(moveSelf.statusCode).toBe(403);
    const staff = await app.inject({ url: '/api/staff', headers: as(bureauAdmin) });
    expect(new Set(staff.json().map((s: { agencyId: string }) => s.agencyId))).toEqual(new Set([bureauId]));
    const grant = await app.inject({
      method: 'POST',
      url: '/api/staff',
      headers: as(bureauAdmin),
      payload: {
        agencyId: bureauId,
        username: 'spj.boss',
        displayName: '越权',
        password: 'Abcdefgh12345',
        roles: ['system_admin'],
      },
    });
    expect(grant.statusCode).toBe(403);
    const elsewhere = await app.inject({
      method: 'POST',
      url: '/api/staff',
      headers: as(bureauAdmin),
      payload: {
        agencyId: townId,
        username: 'tq.new',
        displayName: '越界',
        password: 'Abcdefgh12345',
        roles: ['clerk'],
      },
    });
    expect(elsewhere.statusCode).toBe(404);
  });

  it('lets a supervisor see its subtree but not change records', async () => {
    const list = await app.inject({ url: '/api/agencies', headers: as(supervisor) });
    expect(list.json()).toHaveLength(5);
    const change = await app.inject({
      method: 'PATCH',
      url: `/api/agencies/${bureauId}`,
      headers: as(supervisor),
      payload: { version: 1, phone: '1' },
    });
    expect(change.statusCode).toBe(403);
  });

  it('validates input at the edge with Chinese messages and changes nothing', async () => {
    const before = (await app.inject({ url: '/api/agencies', headers: as(admin) })).json().length;
    const bad = await app.inject({
      method: 'POST',
      url: '/api/agencies',
      headers: as(admin),
      payload: { code: '11320582014000028X', name: '测试局', level: 'county', kind: 'department' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('校验位');
    const badLevel = await app.inject({
      method: 'POST',
      url: '/api/agencies',
      headers: as(admin),
      payload: { code: '113205820140000521', name: '测试局', level: 'galaxy', kind: 'department' },
    });
    expect(badLevel.statusCode).toBe(400);
    expect(badLevel.json().error.message).toContain('层级');
    const duplicate = await app.inject({
      method: 'POST',
      url: '/api/agencies',
      headers: as(admin),
      payload: { code: BUREAU_CODE, name: '重复的局', level: 'county', kind: 'department' },
    });
    expect(duplicate.statusCode).toBe(409);
    expect((await app.inject({ url: '/api/agencies', headers: as(admin) })).json()).toHaveLength(before);
  });

  it('records every change in the audit log, old → new', async () => {
    const log = await app.inject({ url: '/api/audit-log?entityType=agency', headers: as(admin) });
    const update = log.json().find((row: { action: string }) => row.action === 'agency.updated');
    expect(update.actorLabel).toContain('spj.admin');
    expect(update.oldValue.officeHours).not.toBe('工作日 8:30—17:30');
    expect(update.newValue.officeHours).toBe('工作日 8:30—17:30');
  });

  it('masks phones in staff views', async () => {
    const staff = await app.inject({ url: '/api/staff', headers: as(admin) });
    const clerk = staff.json().find((s: { username: string }) => s.username === 'spj.clerk');
    expect(clerk.phone).toBe('139****5603');
    expect(staff.body).not.toContain('13912345603');
    expect(staff.body).not.toContain('scrypt');
  });

  it('imports a new year of the calendar (admins only) and computes deadlines with it', async () => {
    const notice = '2027-01-01,休,元旦\n2027-01-02,休,元旦\n2027-01-03,休,元旦';
    const refused = await app.inject({
      method: 'POST',
      url: '/api/calendar/import',
      headers: as(bureauAdmin),
      payload: { fileName: '2027.csv', content: notice },
    });
    expect(refused.statusCode).toBe(403);
    const missing = await app.inject({
      url: '/api/calendar/add-workdays?from=2026-12-25&workdays=10',
      headers: as(bureauClerk),
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.message).toContain('2027年');
    const imported = await app.inject({
      method: 'POST',
      url: '/api/calendar/import',
      headers: as(admin),
      payload: { fileName: '2027.csv', content: notice },
    });
    expect(imported.json()).toMatchObject({ year: 2027, holidays: 3, makeupWorkdays: 0 });
    const due = await app.inject({
      url: '/api/calendar/add-workdays?from=2026-12-25&workdays=10',
      headers: as(bureauClerk),
    });
    expect(due.json().dueOn).toBe('2027-01-11');
    const invalid = await app.inject({
      method: 'POST',
      url: '/api/calendar/import',
      headers: as(admin),
      payload: { fileName: 'bad.csv', content: '2027-02-03,班,春节' },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.message).toContain('不是周末');
  });

  it('ends the session on logout', async () => {
    const session = await logInAs(app, 'spj.clerk', DEMO_PASSWORD);
    expect((await app.inject({ url: '/api/auth/session', headers: as(session) })).statusCode).toBe(200);
    await app.inject({ method: 'POST', url: '/api/auth/logout', headers: as(session) });
    expect((await app.inject({ url: '/api/auth/session', headers: as(session) })).statusCode).toBe(401);
  });

  it('maps every closed error code to a status in one table', () => {
    for (const status of Object.values(HTTP_STATUS_BY_CODE)) expect(status).toBeGreaterThanOrEqual(400);
  });

  it('answers unknown API paths with JSON and unknown pages with the portal 404', async () => {
    const api = await app.inject('/api/nothing');
    expect(api.statusCode).toBe(404);
    expect(api.json().error.message).toBe('接口不存在');
    const page = await app.inject('/nothing');
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('页面不存在');
  });
});
