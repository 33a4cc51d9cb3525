import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/app/demo/demo-region.ts';
import { buildServer } from '../../src/http/server.ts';
import { launchBrowser, WEB_DIR } from '../helpers/browser.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

/** Screenshots of each step go to this folder when it is set (to look at what the console shows). */
const SHOTS = process.env.SCREENSHOT_DIR;

describe('console: importing an old catalogue from XLSX in Chromium', () => {
  let testDb: TestDatabase;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let dir: string;
  let xlsx: string;

  const shot = async (page: Page, name: string) => {
    if (!SHOTS) return;
    await page.waitForTimeout(600); // the drawer's and the progress bar's animations
    await page.screenshot({ path: join(SHOTS, `document-import-${name}.png`) });
  };

  beforeAll(async () => {
    // The real clock: the browser drops a session cookie whose expiry a fixed clock put in the past.
    testDb = await createTestDatabase('pglite', { demo: true });
    app = await buildServer({ deps: testDb.deps, logLevel: 'silent', webDir: WEB_DIR });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    dir = mkdtempSync(join(tmpdir(), 'gongkai-document-import-browser-'));

    // An old system's export: a title line, its own column names, dates as Excel dates.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('目录导出');
    sheet.addRow(['张家港市行政审批局信息公开目录（旧系统导出）']);
    sheet.addRow(['序号', '文件名称', '发文字号', '印发日期', '上网时间', '信息类别', '体裁', '效力状态']);
    const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
    sheet.addRow([
      1,
      '关于印发《政务服务“好差评”管理办法》的通知',
      '张审批规〔2020〕6号',
      day('2020-04-01'),
      day('2020-04-03'),
      '行政法规、规章和规范性文件',
      '行政规范性文件',
      '现行有效',
    ]);
    sheet.addRow([
      2,
      '关于政务服务中心搬迁至新址办公的公告',
      '',
      day('2020-07-06'),
      day('2020-07-08'),
      'a20_02',
      '通知公告',
      '',
    ]);
    sheet.addRow([
      3,
      '《政务服务“好差评”管理办法》政策解读',
      '',
      day('2020-04-01'),
      day('2020-04-03'),
      'a20_01',
      '政策解读',
      '',
    ]);
    sheet.getColumn(4).numFmt = 'yyyy-mm-dd';
    sheet.getColumn(5).numFmt = 'yyyy"年"m"月"d"日"';
    xlsx = join(dir, '旧系统目录.xlsx');
    await workbook.xlsx.writeFile(xlsx);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await testDb?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Picks a header in one of the mapping step's selects: typed, then chosen with Enter. */
  const chooseColumn = async (page: Page, select: string, header: string) => {
    const box = page.getByRole('combobox', { name: select });
    await box.click();
    await box.fill(header);
    await page.locator(`.ant-select-item-option-active[title="${header}"]`).waitFor();
    await box.press('Enter');
  };

  const openImport = async (page: Page) => {
    await page.getByRole('button', { name: /导入文件/ }).click();
    await page.getByText('点击或拖入 CSV / XLSX 文件').waitFor();
  };

  it('uploads an XLSX, maps the column it does not know, imports with progress, and lists the entries published', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${base}/console/login`);
    await page.getByLabel('用户名').fill('spj.clerk');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByTestId('current-user').waitFor();
    await page.getByRole('menuitem', { name: /公开目录/ }).click();
    await openImport(page);
    expect(await page.getByRole('link', { name: /下载导入模板/ }).getAttribute('href')).toContain(
      'target=documents',
    );
    await shot(page, '1-choose');

    // Step 2: the header below the title line is found; 上网时间 is not a name the import knows.
    await page.locator('.ant-drawer input[type="file"]').setInputFiles(xlsx);
    await page.getByText('表头在第 2 行').waitFor();
    await page.getByText('还需指定：发布日期').waitFor();
    expect(await page.getByRole('button', { name: '开始导入' }).isDisabled()).toBe(true);
    await chooseColumn(page, '发布日期取自的列', '上网时间');
    await page.getByText('还需指定').waitFor({ state: 'detached' });
    await shot(page, '2-map');

    // Step 3: the import runs, the report says what was published.
    await page.getByRole('button', { name: '开始导入' }).click();
    await page.getByRole('alert').getByText('导入完成：新增 3 条目录条目').waitFor({ timeout: 20_000 });
    expect(await page.getByRole('progressbar', { name: '导入进度' }).getAttribute('aria-valuenow')).toBe(
      '100',
    );
    await shot(page, '3-done');
    await page.getByRole('button', { name: /^完\s*成$/ }).click();

    // The catalogue lists them as published, with their 2020 dates and 索引号.
    await page.getByRole('searchbox', { name: '名称、文号或索引号' }).fill('“好差评”管理办法');
    await page.getByRole('searchbox', { name: '名称、文号或索引号' }).press('Enter');
    const row = page.getByRole('row', { name: /政务服务“好差评”管理办法》的通知/ });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^014000028\/2020-0000[12]$/),
        '张审批规〔2020〕6号',
        '2020-04-01',
        '2020-04-03',
        '已公开',
      ]),
    );
    expect(await page.getByRole('row', { name: /政策解读/ }).count()).toBe(1);
    await shot(page, '4-listed');

    // The same file again adds nothing and says so.
    await openImport(page);
    await page.locator('.ant-drawer input[type="file"]').setInputFiles(xlsx);
    await chooseColumn(page, '发布日期取自的列', '上网时间');
    await page.getByRole('button', { name: '开始导入' }).click();
    await page
      .getByRole('alert')
      .getByText('全部 3 条目录条目此前已经导入，未新增任何记录')
      .waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: '导入另一个文件' }).click();

    // A file with bad rows: nothing published, each row's problem with its line and column.
    const bad = join(dir, '有问题的目录.csv');
    writeFileSync(
      bad,
      '\uFEFF标题,文号,成文日期,发布日期,类别,文种\n' +
        '关于甲事项的通知,,2021-02-30,2021-03-01,a20_05,通知公告\n' +
        '关于乙事项的通知,,2021-03-05,2021-03-01,工作动态,通知公告\n',
    );
    await page.locator('.ant-drawer input[type="file"]').setInputFiles(bad);
    await page.getByRole('button', { name: '开始导入' }).click();
    await page
      .getByRole('alert')
      .getByText(/未导入任何记录：2 行数据中发现 3 处问题/)
      .waitFor({ timeout: 20_000 });
    const report = page.getByRole('table', { name: '未通过校验的行' });
    expect(await report.getByRole('row').count()).toBe(4);
    expect(await report.textContent()).toContain('类别“工作动态”无法识别');
    await shot(page, '5-rejected');
    await page.close();
  }, 120_000);
});
