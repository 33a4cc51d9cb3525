import pg from 'pg';
import type { System } from '../../src/bootstrap.ts';
import { createRepositories } from '../../src/db/repositories/index.ts';

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

/** The demo bureau (a county department: 第二十条 and the 市县 items of 第二十一条). */
export async function addBureau(system: System): Promise<string> {
  const agency = await createRepositories(system.database.db).agencies.insert({
    code: '11320582014000028G',
    codeKind: 'unified_social_credit_code',
    name: '张家港市行政审批局',
    shortName: null,
    level: 'county',
    kind: 'department',
    parentId: null,
    address: null,
    postalCode: null,
    officeHours: null,
    phone: null,
    fax: null,
    email: null,
    website: null,
    disclosureOffice: null,
    guideIntro: null,
  });
  return agency.id;
}

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
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await cleanup.end();
  }
}
