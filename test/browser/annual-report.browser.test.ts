import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeParsedReport } from '../../src/app/annual-report/store-parsed-report.ts';
import { loadDemoReport2021 } from '../../src/app/demo/annual-report.seed.ts';
import { DEMO_PASSWORD } from '../../src/app/demo/demo-region.ts';
import { createRepositories } from '../../src/db/repositories/index.ts';
import { buildServer } from '../../src/http/server.ts';
import { launchBrowser, WEB_DIR } from '../helpers/browser.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

const NEW_NATURAL_PERSON = '第三部分“一、本年新收政府信息公开申请数量”行“自然人”列';
const NEW_TOTAL = '第三部分“一、本年新收政府信息公开申请数量”行“总计”列';

describe('annual report authoring in Chromium', () => {
  let testDb: TestDatabase;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let reportPath: string;

  beforeAll(async () => {
    testDb = await createTestDatabase('pglite', { demo: true });
    app = await buildServer({ deps: testDb.deps, logLevel: 'silent', webDir: WEB_DIR });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    // The year before the one the console offers first (last year), so that R6/R7 have it: 10
    // 行政规范性文件 in force then, nothing carried forward.
    const repos = createRepositories(testDb.deps.db);
    const clerk = (await repos.staff.listInScope({ kind: 'all' })).find((s) => s.username === 'spj.clerk')!;
    const year = new Date().getFullYear() - 2;
    const { tables, prose } = loadDemoReport2021();
    await storeParsedReport(testDb.deps, {
      actor: { ...clerk, staffId: clerk.id },
      agencyId: clerk.agencyId,
      year,
      tables: {
        ...tables,
        year,
        section2: { ...tables.section2, normative_document: { issued: 2, repealed: 0, in_force: 10 } },
      },
      prose,
      provenance: { fileName: `${year}年度报告.html`, publishedOn: `${year + 1}-01-20` },
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await testDb?.close();
  });

  async function logIn(username: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${base}/console/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByTestId('current-user').waitFor();
    return page;
  }

  it('shows the demo 2021 report as published and reconciled', async () => {
    const page = await logIn('spj.clerk');
    await page.getByRole('menuitem', { name: /年度报告/ }).click();
    await page.getByRole('link', { name: '2021年度报告' }).click();
    await expect.poll(() => page.getByTestId('report-status').textContent()).toBe('已发布');
    expect(await page.getByTestId('findings-summary').textContent()).toContain('核对通过');
    expect(await page.locator('[data-cell="section2.licensing.decisions"]').textContent()).toBe('43850');
    // Read-only: no inputs in the grid.
    expect(await page.locator('.report-grid input').count()).toBe(0);
    await page.close();
  });

  it('shows each rule’s breach beside its cells as it is typed, and clears it when fixed', async () => {
    const page = await logIn('spj.clerk');
    await page.goto(`${base}/console/annual-reports`);
    await page.getByRole('button', { name: /新建年度报告/ }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /新\s*建/ })
      .click();
    await page.getByTestId('findings-summary').waitFor();
    reportPath = new URL(page.url()).pathname;
    expect(reportPath).toMatch(/^\/console\/annual-reports\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('findings-summary').textContent()).toContain('个单元格未填写');
    await page.getByRole('button', { name: '空白单元格填0' }).click();
    const beside = (table: string, row: string) => page.getByTestId(`check-${table}-${row}`);

    // R7 (warning): last year 10 in force, none issued or repealed, 0 in force now.
    await expect.poll(() => beside('section2.documents', 'normative_document').textContent()).toContain('R7');

    // R1 and R2.
    await page.getByLabel(NEW_NATURAL_PERSON).fill('3');
    const newRow = beside('section3', 'new');
    await expect.poll(() => newRow.textContent()).toContain('R2');
    expect(await newRow.textContent()).toContain('各类申请人自然人3');
    const carriedForward = beside('section3', 'carried_forward');
    expect(await carriedForward.textContent()).toContain('R1');
    expect(await carriedForward.textContent()).toContain('本年新收3+上年结转0=3');
    expect(await page.getByLabel(NEW_NATURAL_PERSON).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('findings-summary').textContent()).toMatch(/核对发现 \d+ 处错误/);
    await page.getByLabel(NEW_TOTAL).fill('3');
    await expect.poll(() => newRow.textContent()).toBe('');

    // R3: an outcome leaf that the total does not count.
    await page.getByLabel('第三部分“（一）予以公开”行“自然人”列').fill('1');
    await expect.poll(() => beside('section3', 'outcome_total').textContent()).toContain('R3');

    // R4: section 四's total.
    await page.getByLabel('第四部分行政复议“总计”').fill('1');
    await expect.poll(() => beside('section4', 'all').textContent()).toContain('R4');

    // R5: a negative fee.
    await page.getByLabel('第二部分“行政事业性收费”本年收费金额（单位：万元）').fill('-2');
    await expect.poll(() => beside('section2.fee', 'administrative_fee').textContent()).toContain('R5');

    // R6: 上年结转 that last year's report did not carry forward.
    await page.getByLabel('第三部分“二、上年结转政府信息公开申请数量”行“科研机构”列').fill('4');
    await expect.poll(() => beside('section3', 'carried_over').textContent()).toContain('R6');
    expect(await beside('section3', 'carried_over').textContent()).toContain('年度报告的结转下年度继续办理0');

    await page.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.getByText('有未保存的修改').count()).toBe(0);
    await page.reload();
    await page.getByLabel(NEW_NATURAL_PERSON).waitFor();
    expect(await page.getByLabel(NEW_NATURAL_PERSON).inputValue()).toBe('3');
    expect(await page.getByLabel(NEW_NATURAL_PERSON).getAttribute('title')).toContain(
      '人工填报：陈承办（spj.clerk）',
    );
    expect(await beside('section3', 'carried_over').textContent()).toContain('R6');
    await page.close();
  });

  it('refuses the reviewer’s submission while the breach stands, with the rule’s message', async () => {
    const page = await logIn('spj.reviewer');
    await page.goto(`${base}${reportPath}`);
    await page.getByRole('button', { name: '报送审核' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toContain('报送未成功');
    expect(await dialog.textContent()).toContain('不能报送：【R1】');
    await page.close();
  });
});
