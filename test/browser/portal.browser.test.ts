import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/server.ts';
import { launchBrowser, WEB_DIR } from '../helpers/browser.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

const BUREAU = '11320582014000028G';

/**
 * Run in the page (a string: the test code is not compiled with the DOM library): the lowest contrast
 * ratio (WCAG 2) of any text in <main> against the nearest painted background, and that text.
 */
const LOWEST_TEXT_CONTRAST = `(() => {
  const channel = (c) => { const s = c / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
  const rgb = (css) => (css.match(/[\\d.]+/g) ?? []).map(Number);
  const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  let min = { ratio: 21, text: '' };
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || el.closest('.visually-hidden')) continue;
    const fg = luminance(rgb(getComputedStyle(el).color));
    const bg = luminance(background(el));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    if (ratio < min.ratio) min = { ratio, text: node.textContent.trim().slice(0, 20) };
  }
  return min;
})()`;

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
    const downloads = new Set<string>();
    const queue = ['/'];
    while (queue.length > 0 && seen.size < 200) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const response = await page.goto(`${base}${path}`);
      expect(response?.status(), path).toBe(200);
      if (path.startsWith('/console')) continue;
      const hrefs = await page.$$eval('a[href]:not([download])', (links) =>
        links.map((a) => a.getAttribute('href') ?? '#'),
      );
      for (const href of hrefs) {
        if (href.startsWith('#') || /^[a-z]+:/i.test(href)) continue;
        const url = new URL(href, `${base}${path}`);
        if (!seen.has(url.pathname)) queue.push(url.pathname);
      }
      // Files (a download link would abort a navigation): each must answer 200 with a body.
      const files = await page.$$eval('a[href][download]', (links) =>
        links.map((a) => a.getAttribute('href')!),
      );
      for (const href of files) {
        const url = new URL(href, `${base}${path}`);
        if (downloads.has(url.pathname)) continue;
        downloads.add(url.pathname);
        const file = await page.request.get(url.href);
        expect(file.status(), url.pathname).toBe(200);
        expect((await file.body()).length, url.pathname).toBeGreaterThan(1000);
      }
    }
    expect(seen.size).toBeGreaterThan(6);
    // The annual reports are reached from the navigation: the region, the agency's list, the report.
    for (const path of [
      '/annual-reports',
      `/agencies/${BUREAU}/annual-reports`,
      `/agencies/${BUREAU}/annual-reports/2021`,
      `/agencies/${BUREAU}/annual-reports/2021/download/html-vivid`,
    ]) {
      expect(seen, path).toContain(path);
    }
    expect(downloads).toContain(`/agencies/${BUREAU}/annual-reports/2021/download/docx`);
    expect(downloads).toContain(`/agencies/${BUREAU}/annual-reports/2021/download/xlsx`);
    await page.close();
    // Two hundred pages and the report files, on a machine shared with other test files.
  }, 120_000);

  it('reads the published annual report without JavaScript, on a desktop and on a phone', async () => {
    for (const width of [1280, 390]) {
      const context = await browser.newContext({
        javaScriptEnabled: false,
        viewport: { width, height: 800 },
      });
      const page = await context.newPage();
      await page.goto(`${base}/`);
      await page
        .getByRole('navigation', { name: '网站导航' })
        .getByRole('link', { name: '年度报告' })
        .click();
      await page.getByRole('link', { name: '张家港市行政审批局2021年政府信息公开工作年度报告' }).click();
      expect(new URL(page.url()).pathname).toBe(`/agencies/${BUREAU}/annual-reports/2021`);
      const h1 = page.getByRole('heading', { level: 1 });
      await expect.poll(() => h1.count()).toBe(1);
      expect((await h1.textContent())?.replace(/\s/g, '')).toBe(
        '张家港市行政审批局2021年政府信息公开工作年度报告',
      );
      // Headings in order: one h1, then h2 only (no level skipped).
      const levels = await page.$$eval('main :is(h1,h2,h3,h4,h5,h6)', (hs) =>
        hs.map((h) => Number(h.tagName[1])),
      );
      expect(levels[0]).toBe(1);
      for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1);
      expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual([
        '一、总体情况',
        '二、主动公开政府信息情况',
        '三、收到和处理政府信息公开申请情况',
        '四、政府信息公开行政复议、行政诉讼情况',
        '五、存在的主要问题及改进情况',
        '六、其他需要报告的事项',
      ]);
      // The tables are named by their captions; the number of 行政许可 is where a reader looks for it.
      const s2 = page.getByRole('table', { name: /主动公开政府信息情况/ });
      await expect.poll(() => s2.getByRole('row', { name: /行政许可/ }).textContent()).toContain('43850');
      // The page never scrolls sideways; section 三 scrolls inside its own frame, reachable by keyboard.
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - window.innerWidth',
      );
      expect(overflow, `${width}px`).toBeLessThanOrEqual(0);
      const frame = page.getByRole('region', { name: /^收到和处理政府信息公开申请情况（单位/ });
      expect(await frame.getAttribute('tabindex')).toBe('0');
      const frameOverflow = await frame.evaluate((el) => el.scrollWidth - el.clientWidth);
      if (width === 390) expect(frameOverflow).toBeGreaterThan(100);
      else expect(frameOverflow).toBeLessThanOrEqual(0);
      // Text contrast at least 4.5:1 (WCAG AA) against the nearest painted background.
      const worst = await page.evaluate<{ ratio: number; text: string }>(LOWEST_TEXT_CONTRAST);
      expect(worst.ratio, worst.text).toBeGreaterThanOrEqual(4.5);
      await context.close();
    }
  });
});
