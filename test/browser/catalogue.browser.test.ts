import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/app/demo/demo-region.ts';
import { buildServer } from '../../src/http/server.ts';
import { launchBrowser, WEB_DIR } from '../helpers/browser.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

const BUREAU = '11320582014000028G';

describe('catalogue, search and decision import in Chromium', () => {
  let testDb: TestDatabase;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let dir: string;

  beforeAll(async () => {
    // The real clock: the browser drops a session cookie whose expiry a fixed clock put in the past.
    testDb = await createTestDatabase('pglite', { demo: true });
    app = await buildServer({ deps: testDb.deps, logLevel: 'silent', webDir: WEB_DIR });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    dir = mkdtempSync(join(tmpdir(), 'gongkai-catalogue-browser-'));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await testDb?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('searches from the home page without JavaScript and opens a hit at its stable address', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByLabel('检索政府信息公开目录').fill('行政许可');
    await page.getByRole('button', { name: '检索' }).click();
    await page.waitForURL(/\/search\?q=/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('政府信息检索');
    expect(await page.getByRole('status').textContent()).toMatch(/“行政许可”找到目录条目 \d+ 条/);
    const marks = await page.locator('ol.entry-list mark').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    expect(new Set(marks)).toEqual(new Set(['行政许可']));
    const first = page.locator('ol.entry-list a.entry-title').first();
    const title = (await first.textContent())!.trim();
    await first.click();
    await page.waitForURL(new RegExp(`/agencies/${BUREAU}/catalogue/014000028~2021-\\d{5}$`));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(title);
    expect(await page.locator('table.entry-fields th').allTextContents()).toEqual(
      expect.arrayContaining(['索引号', '名称', '发布机构', '成文日期', '发布日期', '公开类别', '有效性']),
    );

    // Filters are plain GET forms: narrow the catalogue to one category and year.
    await page.goto(`${base}/agencies/${BUREAU}/catalogue`);
    await page.getByLabel('发布年度').selectOption('2021');
    await page.getByLabel('有效性').selectOption('in_force');
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL(/year=2021/);
    expect(await page.locator('#results').textContent()).toMatch(/筛选结果（共 270 条）/);
    await context.close();
  });

  it('fits a phone screen on the catalogue, entry, search and decision pages', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    for (const path of [
      `/agencies/${BUREAU}/catalogue`,
      `/agencies/${BUREAU}/catalogue/014000028~2021-00001`,
      `/search?q=${encodeURIComponent('张审批〔2021〕12')}`,
      `/agencies/${BUREAU}/decisions?kind=licensing&year=2021`,
    ]) {
      const response = await page.goto(`${base}${path}`);
      expect(response?.status(), path).toBe(200);
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - window.innerWidth',
      );
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await page.close();
  });

  it('has no catalogue link to a page that does not exist', async () => {
    const page = await browser.newPage();
    const seen = new Set<string>();
    const queue = [`/agencies/${BUREAU}/catalogue`, `/search?q=${encodeURIComponent('政策解读')}`];
    while (queue.length > 0 && seen.size < 80) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const response = await page.goto(`${base}${path}`);
      expect(response?.status(), path).toBe(200);
      if (path.startsWith('/console')) continue;
      const hrefs = await page.$$eval('a[href]', (links) => links.map((a) => a.getAttribute('href') ?? '#'));
      for (const href of hrefs) {
        if (href.startsWith('#') || /^[a-z]+:/i.test(href)) continue;
        const url = new URL(href, `${base}${path}`);
        const target = url.pathname + url.search;
        if (!seen.has(target)) queue.push(target);
      }
    }
    expect(seen.size).toBeGreaterThan(30);
    await page.close();
  });

  it('imports a decisions file in the console with progress, then reports the same file as already imported', async () => {
    const file = join(dir, '2021年行政处罚决定.csv');
    writeFileSync(
      file,
      '\uFEFF决定类别,文号,决定名称,行政相对人名称,决定日期\n' +
        '行政处罚,张审罚〔2021〕21号,未按规定公示年度报告案,张家港某某商贸有限公司,2021-03-04\n' +
        '行政处罚,张审罚〔2021〕22号,超范围经营案,张家港某某餐饮店,2021-03-05\n',
    );
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}/console/login`);
    await page.getByLabel('用户名').fill('spj.clerk');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByTestId('current-user').waitFor();
    await page.getByRole('menuitem', { name: /行政决定/ }).click();
    await page.getByText('点击或拖入 CSV / XLSX 文件开始导入').waitFor();
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByRole('alert').getByText('导入完成：新增 2 条决定').waitFor({ timeout: 20_000 });
    expect(await page.getByRole('progressbar', { name: '导入进度' }).getAttribute('aria-valuenow')).toBe(
      '100',
    );
    await page.locator('input[type="file"]').setInputFiles(file);
    await page
      .getByRole('alert')
      .getByText('全部 2 条决定此前已经导入，未新增任何记录')
      .waitFor({ timeout: 20_000 });

    // The timeliness page lists the demo's overdue draft with its workdays.
    await page.getByRole('menuitem', { name: /公开时效/ }).click();
    await page.getByText('关于调整企业开办窗口设置的通告').waitFor();
    expect(await page.getByText(/超期 \d+ 个工作日/).count()).toBeGreaterThan(0);
    await page.close();
  });
});
