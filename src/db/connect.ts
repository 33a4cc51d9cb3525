import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';

/**
 * One driver for both engines: Kysely's PostgresDialect over a node-postgres Pool, whose connection
 * is either a real PostgreSQL server (DATABASE_URL) or PGlite, PostgreSQL compiled to WASM, kept in a
 * data directory. The same SQL and the same result types on both.
 */
export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  /** Set for PGlite: the embedded instance, for snapshots in tests. */
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** postgres://… — when set, the real server is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory, or 'memory://' for a throw-away database. */
  dataDir?: string | undefined;
  /** A PGlite snapshot (from dumpDataDir) to start from. */
  snapshot?: Blob | undefined;
  /** Pool size on the real server. */
  maxConnections?: number | undefined;
}

const OID = { int8: 20, numeric: 1700, date: 1082 } as const;

/** Dates stay 'YYYY-MM-DD' strings (no time zone games); counts and sums come back as numbers. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === OID.date) return (value: string) => value;
    if (oid === OID.int8 || oid === OID.numeric) return (value: string) => Number(value);
    // biome-ignore lint/suspicious/noExplicitAny: pg's own overloads
    return (pg.types.getTypeParser as any)(oid, format);
  },
};

/**
 * snake_case columns become camelCase properties; the keys inside jsonb values stay exactly as they
 * were written (cell ids such as `carried_over` are data, not identifiers).
 */
function camelCase(): CamelCasePlugin {
  return new CamelCasePlugin({ maintainNestedObjectKeys: true });
}

export async function connectDatabase(options: ConnectOptions = {}): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.maxConnections ?? 10,
      types,
    });
    // A server restart or an administrator ends idle connections: the pool drops the broken client
    // and reconnects on the next query. Without a listener the 'error' event would end the process.
    pool.on('error', (error) => {
      process.stderr.write(`PostgreSQL connection lost (${error.message}); the pool will reconnect\n`);
    });
    pool.on('connect', (client) => {
      void client.query("SET TIME ZONE 'Asia/Shanghai'");
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [camelCase()] });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  const dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir, {
    extensions: { pg_trgm },
    ...(options.snapshot ? { loadDataDir: options.snapshot } : {}),
  });
  await pglite.exec("SET TIME ZONE 'Asia/Shanghai'");
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1, types });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [camelCase()] });
  return {
    db,
    engine: 'pglite',
    pglite,
    async close() {
      await db.destroy();
      await pglite.close();
    },
  };
}
