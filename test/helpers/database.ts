import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { seedOfficialCalendar } from '../../src/app/calendar/seed-official-calendar.ts';
import { type DemoLogin, seedDemo } from '../../src/app/demo/seed-demo.ts';
import type { AppDeps, Clock } from '../../src/app/shared/deps.ts';
import { connectDatabase, type Database, type Engine } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createServerDatabase, dropServerDatabase } from './server-database.ts';

/**
 * The engines every repository test runs on: PGlite always, the real PostgreSQL server whenever
 * TEST_DATABASE_URL is given (.ci/run always gives it).
 */
export const ENGINES: Engine[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase {
  database: Database;
  deps: AppDeps;
  close(): Promise<void>;
}

export function fixedClock(iso: string): Clock & { set(iso: string): void } {
  let now = new Date(iso);
  return {
    now: () => new Date(now),
    set(next: string) {
      now = new Date(next);
    },
  };
}

let snapshotBytes: Buffer | undefined;

/**
 * A fresh, migrated database with the official calendar: a PGlite from the run's snapshot, or a
 * new database on the PostgreSQL server, dropped on close.
 */
export async function createTestDatabase(
  engine: Engine,
  options: { clock?: Clock; demo?: boolean } = {},
): Promise<TestDatabase & { demoLogins: DemoLogin[] }> {
  let database: Database;
  let dropDatabase: (() => Promise<void>) | null = null;
  if (engine === 'pglite') {
    snapshotBytes ??= readFileSync(inject('pgliteSnapshotPath'));
    database = await connectDatabase({ dataDir: 'memory://', snapshot: new Blob([snapshotBytes]) });
  } else {
    const adminUrl = process.env.TEST_DATABASE_URL!;
    const name = `gongkai_test_${randomBytes(6).toString('hex')}`;
    const url = await createServerDatabase(adminUrl, name);
    database = await connectDatabase({ databaseUrl: url, maxConnections: 5 });
    await migrateToLatest(database.db as never);
    dropDatabase = () => dropServerDatabase(adminUrl, name);
  }
  const deps: AppDeps = { db: database.db, clock: options.clock ?? { now: () => new Date() } };
  if (engine === 'postgres') await seedOfficialCalendar(deps);
  const demoLogins = options.demo ? await seedDemo(deps) : [];
  return {
    database,
    deps,
    demoLogins,
    async close() {
      await database.close();
      await dropDatabase?.();
    },
  };
}
