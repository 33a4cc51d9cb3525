import pg from 'pg';

/**
 * Databases made and dropped on a PostgreSQL server through its administrative URL, for tests and
 * benchmarks (plain node-postgres, no vitest: `bench/` uses it too).
 */
async function asAdmin<T>(adminUrl: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** Creates database `name` (if `ifMissing`, only when it does not exist yet) and returns its URL. */
export async function createServerDatabase(
  adminUrl: string,
  name: string,
  options: { ifMissing?: boolean } = {},
): Promise<string> {
  await asAdmin(adminUrl, async (admin) => {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 1 && options.ifMissing) return;
    await admin.query(`CREATE DATABASE ${name}`);
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops database `name`, closing its connections. */
export async function dropServerDatabase(adminUrl: string, name: string): Promise<void> {
  await asAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
