import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../test/helpers/database.ts';
import { loadWorkdayCalendar } from '../../app/calendar/load-workday-calendar.ts';
import { addWorkdays, isWorkday } from '../../core/calendar/index.ts';
import { createRepositories } from './index.ts';

describe.each(ENGINES)('foundation repositories on %s', (engine) => {
  let testDb: TestDatabase;
  let repos: ReturnType<typeof createRepositories>;

  beforeAll(async () => {
    testDb = await createTestDatabase(engine, { demo: true });
    repos = createRepositories(testDb.database.db);
  });
  afterAll(async () => testDb?.close());

  it('scopes agencies: own, subtree, all', async () => {
    const all = await repos.agencies.listAll();
    const city = all.find((a) => a.name === '张家港市人民政府')!;
    const bureau = all.find((a) => a.name === '张家港市行政审批局')!;
    const suzhou = all.find((a) => a.name === '苏州市人民政府')!;
    const subtree = await repos.agencies.listInScope({ kind: 'subtree', rootAgencyId: city.id });
    expect(subtree.map((a) => a.name).sort()).toEqual(
      [
        '张家港市人民政府',
        '张家港市塘桥镇为民服务中心',
        '张家港市塘桥镇人民政府',
        '张家港市塘桥镇韩山村便民服务中心',
        '张家港市行政审批局',
      ].sort(),
    );
    expect(await repos.agencies.isInScope({ kind: 'subtree', rootAgencyId: city.id }, bureau.id)).toBe(true);
    expect(await repos.agencies.isInScope({ kind: 'subtree', rootAgencyId: city.id }, suzhou.id)).toBe(false);
    expect(await repos.agencies.isInScope({ kind: 'own', agencyId: bureau.id }, city.id)).toBe(false);
    expect((await repos.agencies.listAncestors(bureau.id)).map((a) => a.name)).toEqual([
      '张家港市人民政府',
      '苏州市人民政府',
    ]);
  });

  it('finds an agency by code or by exact name', async () => {
    expect((await repos.agencies.findByCodeOrName('11320582014000028G'))?.name).toBe('张家港市行政审批局');
    expect((await repos.agencies.findByCodeOrName('张家港市行政审批局'))?.code).toBe('11320582014000028G');
    expect(await repos.agencies.findByCodeOrName('行政审批局')).toBeUndefined();
  });

  it('applies optimistic locking on agency updates', async () => {
    const bureau = (await repos.agencies.findByCode('11320582014000028G'))!;
    const updated = await repos.agencies.update(bureau.id, bureau.version, {
      officeHours: '工作日 9:00—17:00',
    });
    expect(updated?.version).toBe(bureau.version + 1);
    expect(await repos.agencies.update(bureau.id, bureau.version, { officeHours: 'stale' })).toBeUndefined();
  });

  it('keeps the audit log append-only', async () => {
    await repos.auditLog.append({
      actorStaffId: null,
      actorLabel: 'test',
      agencyId: null,
      action: 'test.action',
      entityType: 'test',
      entityId: '1',
      oldValue: { a: 1 },
      newValue: { a: 2 },
    });
    await expect(sql`UPDATE audit_log SET action = 'x'`.execute(testDb.database.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM audit_log`.execute(testDb.database.db)).rejects.toThrow(/append-only/);
    const rows = await repos.auditLog.list({
      scope: { kind: 'all' },
      entityType: 'test',
      limit: 10,
      offset: 0,
    });
    expect(rows[0]).toMatchObject({ action: 'test.action', oldValue: { a: 1 }, newValue: { a: 2 } });
  });

  it('counts login failures and locks at the limit', async () => {
    const staff = (await repos.staff.findCredentialsByUsername('tq.clerk'))!;
    const lockUntil = new Date(Date.now() + 15 * 60_000);
    for (let i = 1; i < 5; i++)
      expect((await repos.staff.recordLoginFailure(staff.id, 5, lockUntil)).locked).toBe(false);
    expect((await repos.staff.recordLoginFailure(staff.id, 5, lockUntil)).locked).toBe(true);
    await repos.staff.recordLoginSuccess(staff.id, new Date());
    expect((await repos.staff.findById(staff.id))?.lockedUntil).toBeNull();
  });

  it('holds the official calendar 2019–2026 as rows', async () => {
    const years = (await repos.calendar.listYears()).map((y) => y.year);
    expect(years).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    const calendar = await loadWorkdayCalendar(testDb.database.db);
    // 2025: 国庆+中秋 10/1–8, make-up 9/28 and 10/11; 2026: 春节 2/15–23, make-up 2/14 and 2/28; 元旦 1/1–3, make-up 1/4.
    expect(addWorkdays(calendar, '2025-09-26', 20)).toBe('2025-10-30');
    expect(isWorkday(calendar, '2025-09-28')).toBe(true);
    expect(isWorkday(calendar, '2025-10-08')).toBe(false);
    expect(isWorkday(calendar, '2026-02-14')).toBe(true);
    expect(isWorkday(calendar, '2026-02-23')).toBe(false);
    expect(isWorkday(calendar, '2026-02-28')).toBe(true);
    expect(isWorkday(calendar, '2026-01-04')).toBe(true);
    expect(addWorkdays(calendar, '2026-02-06', 10)).toBe('2026-02-27');
    expect(() => addWorkdays(calendar, '2026-12-25', 10)).toThrow(/2027年/);
  });

  it('replaces a year as a whole', async () => {
    await testDb.database.db.transaction().execute(async (trx) => {
      await createRepositories(trx).calendar.replaceYear(
        2027,
        [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }],
        'test',
        null,
      );
    });
    await testDb.database.db.transaction().execute(async (trx) => {
      await createRepositories(trx).calendar.replaceYear(
        2027,
        [{ date: '2027-02-06', kind: 'makeup_workday', name: '春节' }],
        'test 2',
        null,
      );
    });
    expect(await repos.calendar.listDays(2027)).toEqual([
      { date: '2027-02-06', kind: 'makeup_workday', name: '春节' },
    ]);
  });
});
