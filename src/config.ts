import { resolve } from 'node:path';

/** Every setting comes from the environment; defaults give a working embedded system. */
export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  host: string;
  port: number;
  logLevel: string;
  secureCookies: boolean;
  trustProxy: boolean;
  /** Seed the demo region into an empty database. */
  demo: boolean;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.GONGKAI_DATA_DIR || 'data/pglite'),
    host: env.HOST || '127.0.0.1',
    port: Number(env.PORT || 3000),
    logLevel: env.LOG_LEVEL || 'info',
    secureCookies: env.GONGKAI_SECURE_COOKIES === 'true',
    trustProxy: env.GONGKAI_TRUST_PROXY === 'true',
    demo: env.GONGKAI_DEMO !== 'false',
  };
}
