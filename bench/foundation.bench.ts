/**
 * Foundation figures: the authenticated API and the portal guide page against a bare Fastify route
 * measured in the same run, and the workday calendar's deadline arithmetic.
 * Run: npx tsx bench/foundation.bench.ts
 */
import Fastify from 'fastify';
import { loadWorkdayCalendar } from '../src/app/calendar/load-workday-calendar.ts';
import { DEMO_PASSWORD } from '../src/app/demo/demo-region.ts';
import { openSystem } from '../src/bootstrap.ts';
import { addWorkdays } from '../src/core/calendar/index.ts';
import { addDays } from '../src/core/shared/local-date.ts';
import { buildServer } from '../src/http/server.ts';
import { formatLoad, runLoad } from './lib/load.ts';

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5000);
const CONCURRENCY = 32;

const system = await openSystem({
  dataDir: 'memory://',
  demo: true,
  ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
});
try {
  // Deadline arithmetic: addWorkdays(20) against a plain 28-day date step as the baseline.
  const calendar = await loadWorkdayCalendar(system.database.db);
  const starts = Array.from({ length: 2000 }, (_, i) => addDays('2021-01-01', i % 1800));
  let t0 = performance.now();
  for (let round = 0; round < 10; round++) for (const d of starts) addDays(d, 28);
  const baselineOps = (starts.length * 10) / ((performance.now() - t0) / 1000);
  t0 = performance.now();
  for (let round = 0; round < 10; round++) for (const d of starts) addWorkdays(calendar, d, 20);
  const workdayOps = (starts.length * 10) / ((performance.now() - t0) / 1000);
  console.log(
    `calendar: addWorkdays(20) ${workdayOps.toFixed(0)} ops/s   baseline addDays(28) ${baselineOps.toFixed(0)} ops/s`,
  );

  const bare = Fastify({ logger: false });
  bare.get('/hello', async () => ({ hello: 'world' }));
  const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });

  const app = await buildServer({ deps: system.deps, logLevel: 'warn' });
  const appUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const login = await fetch(`${appUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'spj.clerk', password: DEMO_PASSWORD }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

  console.log(
    `HTTP, ${CONCURRENCY} concurrent clients, ${DURATION_MS / 1000} s each (${system.database.engine})`,
  );
  console.log(
    formatLoad(
      'baseline: bare Fastify route',
      await runLoad({ url: `${bareUrl}/hello`, concurrency: CONCURRENCY, durationMs: DURATION_MS }),
    ),
  );
  console.log(
    formatLoad(
      'GET /api/health (database round trip)',
      await runLoad({ url: `${appUrl}/api/health`, concurrency: CONCURRENCY, durationMs: DURATION_MS }),
    ),
  );
  console.log(
    formatLoad(
      'GET /api/agencies (session + scope query)',
      await runLoad({
        url: `${appUrl}/api/agencies`,
        concurrency: CONCURRENCY,
        durationMs: DURATION_MS,
        headers: { cookie },
      }),
    ),
  );
  console.log(
    formatLoad(
      'GET /agencies/:code (portal guide page)',
      await runLoad({
        url: `${appUrl}/agencies/11320582014000028G`,
        concurrency: CONCURRENCY,
        durationMs: DURATION_MS,
      }),
    ),
  );
  await app.close();
  await bare.close();
} finally {
  await system.close();
}
