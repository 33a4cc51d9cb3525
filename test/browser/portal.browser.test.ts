import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/server.ts';
import { launchBrowser, WEB_DIR } from '../helpers/browser.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

describe('public portal in Chromium', () => {
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

  it('reads the 行政审批局 guide page without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: '张家港市行政审批局', exact: true }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('张家港市行政审批局政府信息公开指南');
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('张家港市行政审批局办公室');
    expect(text).toContain('0512-58680100');
    expect(text).toContain('20 个工作日');
    expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual([
      '一、主动公开',
      '二、依申请公开',
      '三、监督和救济',
    ]);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await context.close();
  });

  it('fits a phone screen without horizontal scrolling', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    await page.goto(`${base}/agencies/11320582014000028G`);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });

  it('has no link to a page that does not exist', async () => {
    const page = await browser.newPage();
    const seen = new Set<string>();
    const queue = ['/'];
    while (queue.length > 0 && seen.size < 200) {
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
        if (!seen.has(url.pathname)) queue.push(url.pathname);
      }
    }
    expect(seen.size).toBeGreaterThan(6);
    await page.close();
  });
});
