import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/app/demo/demo-region.ts';
import { buildServer } from '../../src/http/server.ts';
import { animationsDone, launchBrowser, WEB_DIR } from '../helpers/browser.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

/**
 * A member of the public applies on the portal with JavaScript off; a clerk confirms the receipt,
 * replies and issues the reply letter in the console; the applicant sees the result and downloads
 * the letter, still without JavaScript.
 */
describe('a disclosure request from the portal to the reply, in Chromium', () => {
  let testDb: TestDatabase;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let trackingCode = '';
  let secret = '';

  beforeAll(async () => {
    testDb = await createTestDatabase('pglite', { demo: true });
    app = await buildServer({ deps: testDb.deps, logLevel: 'silent', webDir: WEB_DIR });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await testDb?.close();
  });

  it('lets a member of the public apply without JavaScript, correcting a mistake first', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByRole('navigation', { name: '网站导航' }).getByRole('link', { name: '申请公开' }).click();
    await page.getByRole('link', { name: '张家港市行政审批局', exact: true }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('向张家港市行政审批局申请政府信息公开');

    await page.getByLabel('自然人', { exact: true }).check();
    await page.getByLabel('姓名或名称').fill('刘晓明');
    await page.getByLabel('证件号码').fill('110105194912310021');
    await page.getByLabel('联系电话').fill('13912345678');
    await page.getByLabel('所需信息的名称或描述').fill('张家港市2025年度建设工程施工许可证核发情况汇总');
    await page.getByLabel('电子邮件（电子文本）').check();
    await page.getByLabel('电子邮件发送').check();
    await page.getByRole('button', { name: '提交申请' }).click();

    const summary = page.getByRole('alert');
    await expect.poll(() => summary.textContent()).toContain('居民身份证号码无效');
    expect(await summary.textContent()).toContain('请填写电子邮箱');
    expect(await page.getByLabel('姓名或名称').inputValue()).toBe('刘晓明');

    await page.getByLabel('证件号码').fill('11010519491231002X');
    await page.getByLabel('电子邮箱').fill('liu@example.cn');
    await page.getByLabel('附件').setInputFiles({
      name: '身份证明.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4 identity'),
    });
    await page.getByRole('button', { name: '提交申请' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('申请已提交');
    trackingCode = (await page.getByTestId('tracking-code').textContent()) ?? '';
    secret = (await page.getByTestId('lookup-secret').textContent()) ?? '';
    expect(trackingCode).toMatch(/^Y\d{8}-[0-9A-Z]{6}$/);
    expect(secret).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    await page.getByRole('link', { name: '查询办理进度' }).first().click();
    await page.getByLabel('受理编号').fill(trackingCode);
    await page.getByLabel('查询码').fill(secret);
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('已提交，等待行政机关确认收到');
    await context.close();
  });

  it('lets the clerk confirm the receipt, reply and issue the reply letter in the console', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(`${base}/console/login`);
    await page.getByLabel('用户名').fill('spj.clerk');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByTestId('current-user').waitFor();
    await page.getByRole('menuitem', { name: /依申请公开/ }).click();
    await page.getByLabel('搜索申请').fill(trackingCode);
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: trackingCode }).click();
    await expect.poll(() => page.getByTestId('request-status').textContent()).toBe('网上提交，待确认收到');

    await page.getByRole('button', { name: '确认收到申请' }).click();
    await animationsDone(page.getByRole('dialog'));
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await expect.poll(() => page.getByTestId('request-status').textContent()).toBe('办理中');

    await page.getByRole('button', { name: '作出答复' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('办理结果').click();
    await page.keyboard.type('不掌握');
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => page.getByTestId('request-status').textContent()).toBe('已答复');

    await page.getByRole('button', { name: '按模板起草' }).click();
    const editor = page.getByRole('dialog');
    const body = editor.getByLabel('文书正文');
    await expect.poll(() => body.inputValue()).toContain('第三十六条第（四）项');
    const text = await body.inputValue();
    await body.fill(text.replace(/\n（请填写[^）]*）/, ''));
    await editor.getByRole('button', { name: '出具并归档' }).click();
    await expect.poll(() => page.getByText('已出具').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('link', { name: '下载 DOCX' }).count()).toBe(1);
    await page.close();
  });

  it('shows the applicant the reply and its 计时说明, and lets them download the letter without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/track`);
    await page.getByLabel('受理编号').fill(trackingCode);
    await page.getByLabel('查询码').fill(secret);
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('已答复');
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('无法提供—本机关不掌握相关政府信息');
    expect(await page.getByTestId('explanation').textContent()).toContain('收到申请日');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载' }).first().click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/答复书.*\.docx$/);
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    const zip = await JSZip.loadAsync(readFileSync(path));
    expect(await zip.file('word/document.xml')!.async('string')).toContain(trackingCode);
    await context.close();
  });
});
