import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { seedOfficialCalendar } from '../../src/app/calendar/seed-official-calendar.ts';
import { systemClock } from '../../src/app/shared/deps.ts';
import { connectDatabase } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshotPath: string;
  }
}

/**
 * Migrates one PGlite and seeds its calendar once per run; every test database starts from this
 * snapshot (about 0.3 s) instead of from scratch (seconds).
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-test-'));
  const database = await connectDatabase({ dataDir: 'memory://' });
  try {
    await migrateToLatest(database.db as never);
    await seedOfficialCalendar({ db: database.db, clock: systemClock });
    const snapshot = await database.pglite!.dumpDataDir('none');
    const path = join(dir, 'migrated.tar');
    writeFileSync(path, Buffer.from(await snapshot.arrayBuffer()));
    project.provide('pgliteSnapshotPath', path);
  } finally {
    await database.close();
  }
  return () => rmSync(dir, { recursive: true, force: true });
}
