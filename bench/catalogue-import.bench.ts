/**
 * Bulk import of decisions: 1,000,000 rows from one CSV file into PostgreSQL through the product's
 * import (read, validate every row, stage, whole-file checks, publish in one statement), beside a raw
 * COPY of the same file into a table with the same columns and indexes, in the same run; then the
 * same import into PGlite. Peak RSS is sampled to show the import streams (the file is ~330 MB).
 *
 *   npx tsx bench/catalogue-import.bench.ts
 *   BENCH_ROWS=200000 BENCH_PGLITE_ROWS=100000 DATABASE_URL=postgres://… npx tsx bench/catalogue-import.bench.ts
 *
 * DATABASE_URL is an administrative URL (default postgres://postgres@127.0.0.1:5432/test): a fresh
 * database is created for the run and dropped after. psql must be installed for the COPY baseline.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { demoCreditCode, NAME_FIRST, NAME_SECOND, TRADES } from '../src/app/demo/catalogue.seed.ts';
import { importDecisions } from '../src/app/import/import-decisions.ts';
import { writeDecisionsCsv } from '../src/app/import/write-decisions-file.ts';
import { openSystem } from '../src/bootstrap.ts';
import type { DecisionInput } from '../src/core/catalogue/index.ts';
import { addDays } from '../src/core/shared/local-date.ts';
import {
  addBureau,
  BENCH_ADMIN_URL,
  BENCH_OUTPUT_DIR,
  benchPgliteImport,
  rateLine,
  withPeakRss,
  withScratchDatabase,
} from './lib/import-bench.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const PGLITE_ROWS = Number(process.env.BENCH_PGLITE_ROWS ?? ROWS);
const ADMIN_URL = BENCH_ADMIN_URL;
const OUT = BENCH_OUTPUT_DIR;

/** Realistic licensing rows (every column of a 双公示 export filled), unique 文号, spread over 2021. */
function* decisions(count: number): Generator<DecisionInput> {
  for (let i = 0; i < count; i++) {
    const name = `张家港${NAME_FIRST[i % NAME_FIRST.length]}${NAME_SECOND[(i * 7) % NAME_SECOND.length]}${TRADES[(i * 13) % TRADES.length]}有限公司`;
    const decidedOn = addDays('2021-01-04', Math.floor((i * 360) / count));
    yield {
      kind: 'licensing',
      documentNumber: `张审批企〔2021〕${String(i + 1).padStart(7, '0')}号`,
      title: `${name}设立登记`,
      matterName: '有限责任公司设立登记',
      matterCategory: i % 80 === 0 ? '基本建设类' : '企业开办类',
      counterpartyName: name,
      counterpartyCode: demoCreditCode(i + 1),
      decidedOn,
      validFrom: decidedOn,
      validUntil: null,
      publishedOn: addDays(decidedOn, 1 + (i % 9)),
      content: '准予有限责任公司设立登记',
      basis: '《中华人民共和国市场主体登记管理条例》',
      amountYuan: null,
    };
  }
}

mkdirSync(OUT, { recursive: true });
const csvPath = join(OUT, `decisions-${ROWS}.csv`);
let t0 = performance.now();
await writeDecisionsCsv(csvPath, decisions(ROWS));
const size = statSync(csvPath).size;
console.log(
  `file: ${csvPath} (${ROWS} rows, ${(size / 1024 / 1024).toFixed(0)} MB, written in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
);

// ── PostgreSQL: raw COPY beside the import, same file, same run ────────────────────────────────
await withScratchDatabase(ADMIN_URL, 'gongkai_bench', async (url) => {
  const system = await openSystem({ databaseUrl: url });
  try {
    const agencyId = await addBureau(system);
    // The baseline table: the file's columns, typed, with every index the decision table has.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`
      CREATE TABLE copy_baseline (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL DEFAULT '${agencyId}' REFERENCES agency(id),
        kind text NOT NULL, document_number text NOT NULL, title text NOT NULL, matter_name text,
        matter_category text, counterparty_name text NOT NULL, counterparty_code text, decided_on date NOT NULL,
        valid_from date, valid_until date, published_on date, content text, basis text, amount_yuan numeric(16, 2),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (agency_id, kind, document_number));
      CREATE INDEX ON copy_baseline (agency_id, kind, decided_on);
      CREATE INDEX ON copy_baseline USING gin (document_number gin_trgm_ops);
      CREATE INDEX ON copy_baseline USING gin (counterparty_name gin_trgm_ops);`);
    t0 = performance.now();
    const copy = spawnSync(
      'psql',
      [
        url,
        '-v',
        'ON_ERROR_STOP=1',
        '-c',
        `\\copy copy_baseline (kind, document_number, title, matter_name, matter_category, counterparty_name, counterparty_code, decided_on, valid_from, valid_until, published_on, content, basis, amount_yuan) FROM '${csvPath}' WITH (FORMAT csv, HEADER true)`,
      ],
      { encoding: 'utf8' },
    );
    if (copy.status !== 0) throw new Error(`COPY failed: ${copy.stderr}`);
    const copySeconds = (performance.now() - t0) / 1000;
    await client.query('DROP TABLE copy_baseline');
    await client.query('CHECKPOINT');
    await client.end();
    console.log(rateLine('PostgreSQL: raw COPY (psql \\copy), same indexes', ROWS, copySeconds));

    const { result, peakMb, startMb } = await withPeakRss(() =>
      importDecisions(system.deps, { actor: null, agencyId, file: { path: csvPath, name: 'decisions.csv' } }),
    );
    if (result.status !== 'succeeded' || result.rowsInserted !== ROWS)
      throw new Error(`import failed: ${result.message}`);
    const importSeconds = result.elapsedMs / 1000;
    console.log(
      rateLine(
        'PostgreSQL: gongkai import (validate, one transaction)',
        ROWS,
        importSeconds,
        `   = ${((copySeconds / importSeconds) * 100).toFixed(0)}% of COPY's rate (target ≥ 50%)   RSS ${startMb.toFixed(0)} → peak ${peakMb.toFixed(0)} MB`,
      ),
    );
    const again = await importDecisions(system.deps, {
      actor: null,
      agencyId,
      file: { path: csvPath, name: 'decisions.csv' },
    });
    console.log(
      rateLine(
        'PostgreSQL: same file again (adds nothing)',
        ROWS,
        again.elapsedMs / 1000,
        `   inserted ${again.rowsInserted}, unchanged ${again.rowsUnchanged}`,
      ),
    );
  } finally {
    await system.close();
  }
});

// ── PGlite (embedded), on disk ─────────────────────────────────────────────────────────────────
if (PGLITE_ROWS > 0) {
  const path = PGLITE_ROWS === ROWS ? csvPath : join(OUT, `decisions-${PGLITE_ROWS}.csv`);
  if (path !== csvPath) await writeDecisionsCsv(path, decisions(PGLITE_ROWS));
  await benchPgliteImport(
    'PGlite: gongkai import (staged, then one INSERT)',
    PGLITE_ROWS,
    (system, agencyId) =>
      importDecisions(system.deps, { actor: null, agencyId, file: { path, name: 'decisions.csv' } }),
  );
}
rmSync(csvPath, { force: true });
