import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSystem } from '../../bootstrap.ts';
import { createRepositories } from '../../db/repositories/index.ts';

const BIN = resolve(import.meta.dirname, '../../../bin/gongkai.js');

function gongkai(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env, DATABASE_URL: '' },
    timeout: 60_000,
  });
}

describe('gongkai fee quote', () => {
  it.each([
    [['--per-page', '250'], '4700'],
    [['--per-piece', '--earlier-this-month', '10', '--count', '5'], '500'],
    [['--per-page', '30'], '0'],
    [['--per-page', '31'], '10'],
    [['--per-piece', '--earlier-this-month', '30', '--count', '1'], '200'],
  ])('quote %j prints just %s', (args, amount) => {
    const result = gongkai(['fee', 'quote', ...args]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${amount}\n`);
  });

  it('adds the breakdown with --explain and refuses both methods at once', () => {
    const explained = gongkai(['fee', 'quote', '--per-page', '250', '--explain']);
    expect(explained.stdout.split('\n')[0]).toBe('4700');
    expect(explained.stdout).toContain('第201至250页共50页，每页40元，计2000元');
    const both = gongkai(['fee', 'quote', '--per-page', '10', '--per-piece', '--count', '1']);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('不得同时适用');
  });
});

describe('gongkai request', () => {
  let dir: string;
  let trackingCode: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gongkai-cli-'));
    const system = await openSystem({ dataDir: dir, demo: true });
    try {
      const repos = createRepositories(system.database.db);
      const bureau = (await repos.agencies.findByCodeOrName('张家港市行政审批局'))!;
      const { rows } = await repos.disclosureRequests.list({
        scope: { kind: 'own', agencyId: bureau.id },
        receivedFrom: '2021-01-01',
        receivedTo: '2021-12-31',
        limit: 10,
        offset: 0,
      });
      trackingCode = rows[0]!.trackingCode;
    } finally {
      await system.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the 计时说明 of a request by its tracking code', () => {
    const result = gongkai(['request', 'explain', trackingCode], { GONGKAI_DATA_DIR: dir });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('计时说明');
    expect(result.stdout).toContain('本申请已于2021年');
  });

  it('prints the report feed of the demo bureau for 2021', () => {
    const result = gongkai(
      ['request', 'report-feed', '--agency', '张家港市行政审批局', '--year', '2021', '--json'],
      {
        GONGKAI_DATA_DIR: dir,
      },
    );
    expect(result.status, result.stderr).toBe(0);
    const feed = JSON.parse(result.stdout);
    expect(feed.section3['unavailable.not_held'].natural_person).toBe(2);
    expect(feed.section3.new.total).toBe(2);
  });
});
