import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeParsedReport } from '../../src/app/annual-report/store-parsed-report.ts';
import { loadDemoReport2021 } from '../../src/app/demo/annual-report.seed.ts';
import { DEMO_PASSWORD } from '../../src/app/demo/demo-region.ts';
import { createRepositories } from '../../src/db/repositories/index.ts';
import { buildServer } from '../../src/http/server.ts';
import { animationsDone, launchBrowser, WEB_DIR } from '../helpers/browser.ts';
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

  it('shows the demo 2021 report as published and reconciled, its figures computed from the ledger', async () => {
    const page = await logIn('spj.clerk');
    await page.getByRole('menuitem', { name: /年度报告/ }).click();
    await page.getByRole('link', { name: '2021年度报告' }).click();
    await expect.poll(() => page.getByTestId('report-status').textContent()).toBe('已发布');
    expect(await page.getByTestId('findings-summary').textContent()).toContain('核对通过');
    const licensing = page.locator('[data-cell="section2.licensing.decisions"]');
    expect(await licensing.textContent()).toBe('43850');
    // Read-only: no inputs in the grid, and no refresh.
    expect(await page.locator('.report-grid input').count()).toBe(0);
    expect(await page.getByRole('button', { name: /从台账取数/ }).count()).toBe(0);

    // Computed cells are marked (a legend says how) and open the records behind them.
    expect(await licensing.getAttribute('data-origin')).toBe('computed');
    expect(await licensing.getAttribute('title')).toContain('台账生成：陈承办（spj.clerk）');
    expect(await page.getByTestId('cell-legend').textContent()).toContain('台账生成');
    const fee = page.locator('[data-cell="section2.administrative_fee.amount_wan_yuan"]');
    expect(await fee.getAttribute('data-origin')).toBeNull();
    await licensing.getByRole('button').click();
    const drawer = page.getByTestId('ledger-drawer');
    await expect.poll(() => drawer.textContent()).toContain('台账现有 43850，与报告一致');
    const allDecisions = drawer.getByRole('link', { name: /查看全部行政许可决定/ });
    expect(await allDecisions.getAttribute('href')).toBe('/console/decisions?kind=licensing&year=2021');
    await page.getByRole('button', { name: '关闭' }).click();
    await drawer.waitFor({ state: 'detached' });

    const notHeld = page.locator('[data-cell="section3.unavailable.not_held.natural_person"]');
    expect(await notHeld.getAttribute('data-origin')).toBe('computed');
    await notHeld.getByRole('button').click();
    await expect.poll(() => drawer.getByRole('link', { name: /^Y2021/ }).count()).toBe(2);
    expect(await drawer.textContent()).toContain('王建国');
    await drawer.getByRole('link', { name: /^Y20210315/ }).click();
    await page.waitForURL(/\/console\/requests\/[0-9a-f-]{36}$/);
    await page.close();
  });

  it('shows each rule’s breach beside its cells as it is typed, and clears it when fixed', async () => {
    const page = await logIn('spj.clerk');
    await page.goto(`${base}/console/annual-reports`);
    // The list first (the dialog offers the years not yet taken), then the dialog.
    await page.getByRole('cell', { name: '2021' }).first().waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: /新建年度报告/ }).click();
    await animationsDone(page.getByRole('dialog'));
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /新\s*建/ })
      .click();
    await page.getByTestId('findings-summary').waitFor({ timeout: 20_000 });
    reportPath = new URL(page.url()).pathname;
    expect(reportPath).toMatch(/^\/console\/annual-reports\/[0-9a-f-]{36}$/);
    // The new report starts with the ledger's figures; only the fee (no fee records) is blank.
    expect(await page.locator('[data-cell="section3.new.total"]').getAttribute('data-origin')).toBe(
      'computed',
    );
    expect(await page.getByLabel(NEW_TOTAL).inputValue()).toBe('0');
    expect(await page.getByTestId('findings-summary').textContent()).toContain('尚有 1 个单元格未填写');
    await page.getByRole('button', { name: '空白单元格填0' }).click();
    const beside = (table: string, row: string) => page.getByTestId(`check-${table}-${row}`);

    // R7 (warning): last year 10 in force, none issued or repealed, 0 in force now.
    await expect.poll(() => beside('section2.documents', 'normative_document').textContent()).toContain('R7');

    // R1 and R2.
    await page.getByLabel(NEW_NATURAL_PERSON).fill('3');
    // Typed over: no longer shown as computed.
    expect(
      await page.locator('[data-cell="section3.new.natural_person"]').getAttribute('data-origin'),
    ).toBeNull();
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

  it('refreshes from the ledger, keeping what a person typed unless asked to replace it', async () => {
    const page = await logIn('spj.clerk');
    await page.goto(`${base}${reportPath}`);
    await page.getByLabel(NEW_NATURAL_PERSON).waitFor();
    await page.getByRole('button', { name: /从台账取数/ }).click();
    const dialog = page.getByRole('dialog');
    const overwrite = dialog.getByRole('checkbox', { name: /人工填报的 \d+ 个单元格也改为台账数据/ });
    await overwrite.waitFor();
    await dialog.getByRole('button', { name: /取\s*数/ }).click();
    const result = page.getByTestId('ledger-result');
    await expect.poll(() => result.textContent()).toContain('保留人工填报');
    expect(await result.textContent()).toContain(`${NEW_NATURAL_PERSON} 为 3（台账为 0）`);
    expect(await page.getByLabel(NEW_NATURAL_PERSON).inputValue()).toBe('3');
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: /从台账取数/ }).click();
    await animationsDone(dialog);
    await overwrite.check();
    await dialog.getByRole('button', { name: /取\s*数/ }).click();
    await expect.poll(() => page.getByLabel(NEW_NATURAL_PERSON).inputValue()).toBe('0');
    expect(await page.locator('[data-cell="section3.new.natural_person"]').getAttribute('data-origin')).toBe(
      'computed',
    );
    expect(await page.getByTestId('check-section3-new').textContent()).toBe('');
    expect(await page.getByLabel(NEW_NATURAL_PERSON).getAttribute('title')).toContain(
      '台账生成：陈承办（spj.clerk）',
    );
    // The fee has no records to compute it from: the typed -2 stays, and so does its R5.
    expect(await page.getByLabel('第二部分“行政事业性收费”本年收费金额（单位：万元）').inputValue()).toBe(
      '-2',
    );
    await page.locator('[data-cell="section3.new.total"] .ledger-mark').click();
    await expect
      .poll(() => page.getByTestId('ledger-drawer').textContent())
      .toContain('没有对应的申请（该项为 0）');
    await page.close();
  });

  it('returns a submitted report with the reason asked for in its dialog, then accepts and publishes it', async () => {
    const status = (page: Page) => page.getByTestId('report-status').textContent();
    // The clerk clears the last breach (the fee typed as -2), the reviewer submits.
    const clerk = await logIn('spj.clerk');
    await clerk.goto(`${base}${reportPath}`);
    await clerk.getByLabel('第二部分“行政事业性收费”本年收费金额（单位：万元）').fill('0');
    await clerk.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => clerk.getByText('有未保存的修改').count()).toBe(0);
    await clerk.close();
    const reviewer = await logIn('spj.reviewer');
    await reviewer.goto(`${base}${reportPath}`);
    await reviewer.getByRole('button', { name: '报送审核' }).click();
    await expect.poll(() => status(reviewer)).toBe('已报送');

    // The supervising office returns it: no return without a reason.
    const supervisor = await logIn('zjg.supervisor');
    await supervisor.goto(`${base}${reportPath}`);
    await supervisor.getByRole('button', { name: '退回修改' }).click();
    let dialog = supervisor.getByRole('dialog');
    await animationsDone(dialog);
    const confirmReturn = dialog.getByRole('button', { name: /^退\s*回$/ });
    expect(await confirmReturn.isDisabled()).toBe(true);
    await dialog.getByLabel('退回原因').fill('请核对第三部分自然人申请数');
    await confirmReturn.click();
    await expect.poll(() => status(supervisor)).toBe('已退回');
    await dialog.waitFor({ state: 'detached' });
    await reviewer.reload();
    await expect
      .poll(() => reviewer.locator('.ant-alert', { hasText: '退回原因：请核对第三部分自然人申请数' }).count())
      .toBe(1);

    await reviewer.getByRole('button', { name: '报送审核' }).click();
    await expect.poll(() => status(reviewer)).toBe('已报送');
    await reviewer.close();
    await supervisor.reload();
    await supervisor.getByRole('button', { name: '审核通过' }).click();
    await expect.poll(() => status(supervisor)).toBe('已审核通过');
    await supervisor.close();

    // The agency publishes it on the day given in the dialog.
    const publishedOn = `${new Date().getFullYear()}-01-01`;
    const admin = await logIn('spj.admin');
    await admin.goto(`${base}${reportPath}`);
    await admin.getByRole('button', { name: /^发\s*布$/ }).click();
    dialog = admin.getByRole('dialog');
    await animationsDone(dialog);
    await dialog.getByLabel('发布日期').fill(publishedOn);
    await dialog.getByRole('button', { name: /^发\s*布$/ }).click();
    await expect.poll(() => status(admin)).toBe('已发布');
    await dialog.waitFor({ state: 'detached' });
    expect(await admin.locator('.ant-descriptions').textContent()).toContain(`发布日期${publishedOn}`);

    // The 操作日志 names each step in Chinese, none by its code.
    await admin.getByRole('menuitem', { name: /操作日志/ }).click();
    const actions = admin.locator('.ant-table-tbody tr td:nth-child(4)');
    await expect.poll(() => actions.allTextContents()).toContain('发布年度报告');
    const shown = await actions.allTextContents();
    expect(shown).toEqual(expect.arrayContaining(['审核通过年度报告', '退回年度报告', '报送年度报告']));
    expect(shown.filter((label) => /^[a-z_]+\.[a-z_]+$/.test(label))).toEqual([]);
    await admin.close();
    // Four people log in and take six steps: 11 s on a quiet machine, so the default 30 s is too
    // close on a loaded one.
  }, 90_000);
});
