import { seedOfficialCalendar } from './app/calendar/seed-official-calendar.ts';
import { type DemoLogin, seedDemo } from './app/demo/seed-demo.ts';
import { type AppDeps, type Clock, systemClock } from './app/shared/deps.ts';
import { connectDatabase, type Database } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { createRepositories } from './db/repositories/index.ts';

export interface System {
  database: Database;
  deps: AppDeps;
  /** Set when this start seeded the demo region. */
  demoLogins: DemoLogin[] | null;
  close(): Promise<void>;
}

/**
 * Opens the database (PGlite in a directory, or PostgreSQL), applies the migrations, fills the
 * calendar from the maintained package when it is empty, and seeds the demo region into an empty
 * database when asked. Safe to run on every start and from several servers at once.
 */
export async function openSystem(options: {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  demo?: boolean;
  clock?: Clock;
  snapshot?: Blob;
}): Promise<System> {
  const database = await connectDatabase({
    databaseUrl: options.databaseUrl,
    dataDir: options.dataDir,
    snapshot: options.snapshot,
  });
  try {
    await migrateToLatest(database.db as never);
    const deps: AppDeps = { db: database.db, clock: options.clock ?? systemClock };
    const repos = createRepositories(database.db);
    if ((await repos.calendar.listYears()).length === 0) await seedOfficialCalendar(deps);
    let demoLogins: DemoLogin[] | null = null;
    if (options.demo && (await repos.agencies.count()) === 0) demoLogins = await seedDemo(deps);
    return { database, deps, demoLogins, close: () => database.close() };
  } catch (error) {
    await database.close();
    throw error;
  }
}
