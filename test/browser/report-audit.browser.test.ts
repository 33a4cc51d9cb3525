import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/app/demo/demo-region.ts';
import { createRepositories } from '../../src/db/repositories/index.ts';
import { buildServer } from '../../src/http/server.ts';
import { launchBrowser, WEB_DIR } from '../helpers/browser.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { SHARED_DIR } from '../helpers/shared-fixtures.ts';

const SHARED = process.env.GONGKAI_SHARED ?? SHARED_DIR;
const HONGZE_2023_PDF = join(SHARED, 'fixtures/github-reports/kiro__hongze-district-2023.pdf');

describe('report audit page in Chromium', () => {
  let testDb: TestDatabase;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let temp: string;
  let bureau2020: string;

  async function logIn(page: Page, username: string) {
    await page.goto(`${base}/console/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByTestId('current-user').waitFor();
  }

  beforeAll(async () => {
    testDb = await createTestDatabase('pglite', { demo: true });
    app = await buildServer({ deps: testDb.deps, logLevel: 'silent', webDir: WEB_DIR });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    temp = mkdtempSync(join(tmpdir(), 'gongkai-audit-page-'));
    bureau2020 = join(temp, '张家港市行政审批局2020年报告.txt');
    const seed = readFileSync(join(SHARED, 'fixtures/seed/zhangjiagang-approval-bureau-2021.txt'), 'utf8');
    writeFileSync(bureau2020, seed.replace(/2021(\s?)年/g, '2020$1年'));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await testDb?.close();
    rmSync(temp, { recursive: true, force: true });
  });

  it('shows a supervisor each uploaded report as printed, with breaches, sources on hover, and stores one', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await logIn(page, 'zjg.supervisor');
    await page.getByRole('menuitem', { name: /年报核查/ }).click();
    await page.locator('input[type=file]').setInputFiles([HONGZE_2023_PDF, bureau2020]);
    const rows = page.locator('.audit-results tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(2);

    // The first report is shown: its table 四 breaks R4 as published.
    const detail = page.getByTestId('audit-detail');
    await expect
      .poll(() => detail.locator('.ant-card-head-title').first().textContent())
      .toBe('kiro__hongze-district-2023.pdf');
    expect(await detail.getByTestId('cell-counts').textContent()).toBe('读出 186 个，未读出 21 个');
    const total = page.locator('td[data-cell="section4.reconsideration.total"]');
    expect(await total.getAttribute('class')).toContain('cell-error');
    expect(await page.locator('[data-finding="R4"]').count()).toBe(2);
    await total.hover();
    const tooltip = page.locator('.ant-tooltip:not(.ant-tooltip-hidden) .audit-cell-card');
    await tooltip.waitFor();
    expect(await tooltip.textContent()).toMatch(/第四部分行政复议“总计”来源：第4页（x \d+，y \d+），原文“0”/);

    // Storing the second one as the bureau's 2020 report: the agency is chosen from the printed name.
    await rows.nth(1).click();
    await expect
      .poll(() => detail.locator('.ant-card-head-title').first().textContent())
      .toBe('张家港市行政审批局2020年报告.txt');
    expect(
      await page
        .getByLabel('保存到机关')
        .locator('xpath=ancestor::div[contains(@class,"ant-select")][1]')
        .textContent(),
    ).toContain('张家港市行政审批局');
    await page.getByRole('button', { name: /保存为该机关的年度报告/ }).click();
    await page.getByText('已保存为张家港市行政审批局2020年度报告').first().waitFor();
    await expect.poll(() => rows.nth(1).textContent()).toContain('已保存');
    const stored = await createRepositories(testDb.deps.db).annualReports.findByAgencyAndYear(
      (await createRepositories(testDb.deps.db).agencies.findByCodeOrName('张家港市行政审批局'))!.id,
      2020,
    );
    expect(stored).toMatchObject({ source: 'parsed', status: 'published' });
    await page.close();
  });

  it('offers a clerk no audit page', async () => {
    const page = await browser.newPage();
    await logIn(page, 'spj.clerk');
    expect(await page.getByRole('menuitem', { name: /年报核查/ }).count()).toBe(0);
    await page.close();
  });
});
