import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportReport } from '../../src/app/import/run-import.ts';
import { openSystem, type System } from '../../src/bootstrap.ts';
import { insertBureau } from '../../test/helpers/fixtures.ts';
import { createServerDatabase, dropServerDatabase } from '../../test/helpers/server-database.ts';

/** What the import benchmarks share: a scratch PostgreSQL database, the bureau, RSS sampling, a line. */

/** Samples the process's resident set while `work` runs. */
export async function withPeakRss<T>(
  work: () => Promise<T>,
): Promise<{ result: T; peakMb: number; startMb: number }> {
  const startMb = process.memoryUsage().rss / 1024 / 1024;
  let peak = startMb;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss / 1024 / 1024);
  }, 200);
  try {
    const result = await work();
    return { result, peakMb: Math.max(peak, process.memoryUsage().rss / 1024 / 1024), startMb };
  } finally {
    clearInterval(timer);
  }
}

/** The demo bureau alone (a county department: 第二十条 and the 市县 items of 第二十一条). */
export function addBureau(system: System): Promise<string> {
  return insertBureau(system.database.db);
}

/** The server the benchmarks make their databases on: DATABASE_URL, an administrative URL. */
export const BENCH_ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** Where the benchmarks write their generated files (ignored by git). */
export const BENCH_OUTPUT_DIR = join(import.meta.dirname, '..', 'output');

export function rateLine(label: string, rows: number, seconds: number, extra = ''): string {
  return `${label.padEnd(52)} ${String(rows).padStart(9)} rows  ${seconds.toFixed(1).padStart(7)} s  ${Math.round(
    rows / seconds,
  )
    .toString()
    .padStart(8)} rows/s${extra}`;
}

/**
 * A fresh database on the server of `adminUrl` for the length of `work`, dropped after (even when
 * the work fails).
 */
export async function withScratchDatabase<T>(
  adminUrl: string,
  prefix: string,
  work: (url: string) => Promise<T>,
): Promise<T> {
  const name = `${prefix}_${process.pid}`;
  const url = await createServerDatabase(adminUrl, name);
  try {
    return await work(url);
  } finally {
    await dropServerDatabase(adminUrl, name);
  }
}

/** An embedded PGlite on disk, in a temporary folder removed after `work`. */
export async function withPgliteSystem<T>(work: (system: System) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-bench-pglite-'));
  try {
    const system = await openSystem({ dataDir });
    try {
      return await work(system);
    } finally {
      await system.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** One import into a fresh PGlite with the bureau: its rate and peak RSS printed under `label`. */
export async function benchPgliteImport(
  label: string,
  rows: number,
  run: (system: System, agencyId: string) => Promise<ImportReport>,
): Promise<void> {
  await withPgliteSystem(async (system) => {
    const agencyId = await addBureau(system);
    const { result, peakMb, startMb } = await withPeakRss(() => run(system, agencyId));
    if (result.status !== 'succeeded') throw new Error(`import failed: ${result.message}`);
    console.log(
      rateLine(
        label,
        rows,
        result.elapsedMs / 1000,
        `   RSS ${startMb.toFixed(0)} → peak ${peakMb.toFixed(0)} MB`,
      ),
    );
  });
}
