import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/app/demo/demo-region.ts';
import { buildServer } from '../../src/http/server.ts';
import { launchBrowser, WEB_DIR } from '../helpers/browser.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

describe('staff console in Chromium', () => {
  let testDb: TestDatabase;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;

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

  it('refuses a wrong password, then logs a clerk in to the dashboard of their agency', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/console/`);
    await page.getByLabel('用户名').fill('spj.clerk');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('用户名或密码错误');

    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByTestId('current-user').waitFor();
    expect(await page.getByTestId('current-user').textContent()).toBe('陈承办');
    await expect.poll(() => page.locator('text=张家港市行政审批局').count()).toBeGreaterThan(0);
    // A clerk has no account management in the menu.
    expect(await page.getByRole('menuitem', { name: /账号管理/ }).count()).toBe(0);
    await page.close();
  });

  it('lets an admin compute a deadline on the calendar page', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/console/login`);
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByTestId('current-user').waitFor();
    await page.getByRole('menuitem', { name: /工作日历/ }).click();
    await page
      .locator('[data-date="2025-10-11"]')
      .waitFor({ state: 'detached' })
      .catch(() => {});
    await page.getByRole('combobox', { name: '选择年度' }).click();
    await page.getByTitle('2025 年').click();
    await expect.poll(() => page.locator('td.makeup_workday[data-date="2025-10-11"]').count()).toBe(1);
    await page.getByLabel('起算事件日期').fill('2025-09-26');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /计\s*算/ }).click();
    await expect.poll(() => page.getByTestId('due-on').textContent()).toContain('2025-10-30');
    await page.close();
  });
});
