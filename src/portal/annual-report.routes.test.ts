import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, fixedClock, type TestDatabase } from '../../test/helpers/database.ts';
import { as, createTestServer, type LoggedIn, logInAs } from '../../test/helpers/http.ts';
import { DEMO_PASSWORD } from '../app/demo/demo-region.ts';
import type { AnnualReportView } from '../contract/annual-report-api.ts';
import { listCells, type ReportTables, SECTION_TITLES } from '../core/annual-report/index.ts';
import { createRepositories } from '../db/repositories/index.ts';
import { formatValue } from '../export/report-layout.ts';

const BUREAU = '11320582014000028G';
const TANGQIAO = '11320582014000036B';
const TITLE_2021 = '张家港市行政审批局2021年政府信息公开工作年度报告';
const TITLE_2022 = '张家港市行政审批局2022年政府信息公开工作年度报告';

/** Every number of a sheet, row by row, left to right (a merged range counts once). */
function numbersOf(sheet: ExcelJS.Worksheet): number[] {
  const out: number[] = [];
  sheet.eachRow((row) => {
    row.eachCell((cell) => {
      if (cell.master.address !== cell.address) return;
      if (typeof cell.value === 'number') out.push(cell.value);
    });
  });
  return out;
}

/** The text of a DOCX body, runs joined (a title breaks its line between two runs). */
async function docxText(payload: Buffer): Promise<string> {
  const xml = await (await JSZip.loadAsync(payload)).file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|');
}

/** The value cells of the page's official tables by cell id, as printed. */
function printedCells(body: string): Map<string, string> {
  const root = parse(body);
  return new Map(
    root
      .querySelectorAll('table.official td[data-cell]')
      .map((td) => [td.getAttribute('data-cell')!, td.text]),
  );
}

/** What the page must print for each cell of the stored tables. */
function expectedCells(tables: ReportTables): Map<string, string> {
  return new Map(
    listCells(tables).map(({ cell, value }) => [
      cell,
      formatValue(value, cell.endsWith('amount_wan_yuan') ? 'amount' : 'count'),
    ]),
  );
}

describe.each(ENGINES)('portal annual reports on %s', (engine) => {
  let testDb: TestDatabase;
  let app: FastifyInstance;
  let clerk: LoggedIn;
  let reviewer: LoggedIn;
  let supervisor: LoggedIn;
  let bureauAdmin: LoggedIn;
  let draft2022: AnnualReportView;
  let tables2022: ReportTables;

  beforeAll(async () => {
    testDb = await createTestDatabase(engine, { demo: true, clock: fixedClock('2023-01-10T02:00:00Z') });
    app = await createTestServer(testDb);
    clerk = await logInAs(app, 'spj.clerk', DEMO_PASSWORD);
    reviewer = await logInAs(app, 'spj.reviewer', DEMO_PASSWORD);
    supervisor = await logInAs(app, 'zjg.supervisor', DEMO_PASSWORD);
    bureauAdmin = await logInAs(app, 'spj.admin', DEMO_PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await testDb?.close();
  });

  async function stored(year: number) {
    const repos = createRepositories(testDb.deps.db);
    const agency = await repos.agencies.findByCode(BUREAU);
    return repos.annualReports.findByAgencyAndYear(agency!.id, year);
  }

  it('shows the published 2021 report as the document: title, six sections, the stored figures', async () => {
    const response = await app.inject(`/agencies/${BUREAU}/annual-reports/2021`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    const root = parse(response.body);
    const h1s = root.querySelectorAll('h1');
    expect(h1s.map((h) => h.text)).toEqual([TITLE_2021]);
    expect(root.querySelector('title')?.text).toContain(TITLE_2021);
    expect(root.querySelectorAll('main h2').map((h) => h.text)).toEqual([...SECTION_TITLES]);
    expect(root.querySelector('.meta')?.text).toContain('2022年1月28日');
    expect(root.querySelector('link[href="/annual-report.css"]')).not.toBeNull();
    // The prose as published, not a summary.
    const report = (await stored(2021))!;
    const firstParagraph = report.prose.overview
      .split(/\n{2,}/)[0]!
      .replace(/\*\*/g, '')
      .trim();
    expect(root.querySelector('#section-1')!.parentNode!.text).toContain(firstParagraph.slice(0, 30));
    // Every cell of the three official tables, as stored at publication.
    expect(printedCells(response.body)).toEqual(expectedCells(report.tables));
    expect(printedCells(response.body).get('section2.licensing.decisions')).toBe('43850');
    // Accessible tables: captions, scoped headers, section 三's merged header cells.
    const tables = root.querySelectorAll('table.official');
    expect(tables).toHaveLength(3);
    for (const table of tables) {
      expect(table.querySelector('caption')?.text.length).toBeGreaterThan(4);
      for (const th of table.querySelectorAll('th')) expect(th.getAttribute('scope')).toBeTruthy();
    }
    const s3 = root.querySelector('table.section3')!;
    expect(Number(s3.querySelector('th#s3-applicants')?.getAttribute('colspan'))).toBeGreaterThan(5);
    expect(s3.querySelector('th#s3-org')?.getAttribute('colspan')).toBe('5');
    expect(Number(s3.querySelector('th#s3-results')?.getAttribute('rowspan'))).toBeGreaterThan(20);
    // One layout: the page prints the very tables of the HTML export.
    const exported = parse((await app.inject(`/agencies/${BUREAU}/annual-reports/2021/download/html`)).body);
    for (const key of ['section2', 'section3', 'section4']) {
      expect(root.querySelector(`table.${key}`)!.outerHTML).toBe(
        exported.querySelector(`table.${key}`)!.outerHTML,
      );
    }
    // Wide tables scroll in their own focusable region, named by the caption.
    const region = s3.parentNode!;
    expect(region.getAttribute('class')).toBe('table-scroll');
    expect(region.getAttribute('tabindex')).toBe('0');
  });

  it('serves the stylesheet with the export’s table styles', async () => {
    const css = await app.inject('/annual-report.css');
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
    expect(css.body).toContain('table.section3, table.section4 { min-width: 760px; }');
    expect(css.body).toContain('.report-document');
  });

  it('offers DOCX and XLSX of the published report that read back with its numbers', async () => {
    const page = parse((await app.inject(`/agencies/${BUREAU}/annual-reports/2021`)).body);
    const hrefs = page.querySelectorAll('.report-downloads a').map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(
      ['docx', 'xlsx', 'html', 'html-vivid', 'txt', 'json'].map(
        (f) => `/agencies/${BUREAU}/annual-reports/2021/download/${f}`,
      ),
    );
    const report = (await stored(2021))!;

    const docx = await app.inject(`/agencies/${BUREAU}/annual-reports/2021/download/docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.headers['content-disposition']).toContain(`attachment; filename="annual-report-2021.docx"`);
    expect(decodeURIComponent(docx.headers['content-disposition'] as string)).toContain(`${TITLE_2021}.docx`);
    const text2021 = await docxText(docx.rawPayload);
    expect(text2021.replace('|', '')).toContain(TITLE_2021);
    expect(text2021).toContain('|三、收到和处理政府信息公开申请情况|');
    expect(text2021).toContain('|43850|');

    const xlsx = await app.inject(`/agencies/${BUREAU}/annual-reports/2021/download/xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const [s2, s3, s4] = workbook.worksheets;
    const values = (prefix: string) =>
      listCells(report.tables)
        .filter((c) => c.cell.startsWith(`${prefix}.`))
        .map((c) => c.value);
    expect(numbersOf(s2!)).toEqual(values('section2'));
    expect(numbersOf(s3!)).toEqual(values('section3'));
    expect(numbersOf(s4!)).toEqual(values('section4'));

    const html = await app.inject(`/agencies/${BUREAU}/annual-reports/2021/download/html`);
    expect(html.headers['content-disposition']).toMatch(/^inline; /);
    expect(printedCells(html.body)).toEqual(expectedCells(report.tables));
    const json = await app.inject(`/agencies/${BUREAU}/annual-reports/2021/download/json`);
    expect(json.json()).toMatchObject({ year: 2021, section2: report.tables.section2 });
    const text = await app.inject(`/agencies/${BUREAU}/annual-reports/2021/download/txt`);
    expect(text.body.startsWith(TITLE_2021)).toBe(true);
    expect((await app.inject(`/agencies/${BUREAU}/annual-reports/2021/download/pdf`)).statusCode).toBe(404);
  });

  it('lists the agency’s reports and links them from its guide, catalogue and the region', async () => {
    const list = await app.inject(`/agencies/${BUREAU}/annual-reports`);
    expect(list.statusCode).toBe(200);
    const root = parse(list.body);
    expect(root.querySelectorAll('h1').map((h) => h.text)).toEqual([
      '张家港市行政审批局政府信息公开工作年度报告',
    ]);
    expect(root.querySelectorAll('.report-item-title a').map((a) => a.text)).toEqual([TITLE_2021]);
    expect(root.querySelector('.section-nav a[aria-current="page"]')?.text).toBe('政府信息公开工作年度报告');

    const guide = await app.inject(`/agencies/${BUREAU}`);
    expect(guide.body).toContain(`href="/agencies/${BUREAU}/annual-reports"`);
    const catalogue = await app.inject(`/agencies/${BUREAU}/catalogue`);
    expect(catalogue.body).toContain(`href="/agencies/${BUREAU}/annual-reports"`);
    const home = await app.inject('/');
    expect(
      parse(home.body).querySelector('nav[aria-label="网站导航"] a[href="/annual-reports"]'),
    ).not.toBeNull();

    const region = await app.inject('/annual-reports');
    expect(region.statusCode).toBe(200);
    const regionRoot = parse(region.body);
    expect(regionRoot.querySelector('h1')?.text).toBe('2021年度政府信息公开工作年度报告');
    const rows = regionRoot.querySelectorAll('table.region-reports tbody tr');
    const agencies = await createRepositories(testDb.deps.db).agencies.listAll();
    expect(rows).toHaveLength(agencies.length);
    const linked = regionRoot
      .querySelectorAll('table.region-reports td a')
      .map((a) => [a.getAttribute('href'), a.text]);
    expect(linked).toEqual([[`/agencies/${BUREAU}/annual-reports/2021`, TITLE_2021]]);
    // The government comes before its departments (the agency tree's order).
    const names = rows.map((r) => r.querySelector('th')!.text.trim());
    expect(names.indexOf('张家港市人民政府')).toBeLessThan(names.indexOf('张家港市行政审批局'));
    expect((await app.inject('/annual-reports?year=abc')).statusCode).toBe(200);
    const empty = await app.inject('/annual-reports?year=2019');
    expect(parse(empty.body).querySelectorAll('table.region-reports td a')).toHaveLength(0);
  });

  it('answers 404 for another agency’s code, an unknown agency and a malformed year', async () => {
    for (const url of [
      `/agencies/${TANGQIAO}/annual-reports/2021`,
      `/agencies/${TANGQIAO}/annual-reports/2021/download/docx`,
      '/agencies/000000000000000000/annual-reports',
      '/agencies/000000000000000000/annual-reports/2021',
      `/agencies/${BUREAU}/annual-reports/21`,
      `/agencies/${BUREAU}/annual-reports/2021x`,
      `/agencies/${BUREAU}/annual-reports/2020`,
    ]) {
      const response = await app.inject(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.body, url).toContain('页面不存在');
    }
    const town = await app.inject(`/agencies/${TANGQIAO}/annual-reports`);
    expect(town.statusCode).toBe(200);
    expect(town.body).toContain('尚未在本平台发布年度报告');
  });

  it('keeps a report off the portal until it is published, then shows it as published', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/annual-reports',
      headers: as(clerk),
      payload: { year: 2022 },
    });
    expect(created.statusCode).toBe(201);
    draft2022 = created.json() as AnnualReportView;
    // Figures that reconcile (R1–R6): last year's carried-forward applications come in and go on.
    const last = (await stored(2021))!.tables;
    const cells: { cell: string; value: number }[] = listCells(draft2022.tables).map(({ cell }) => ({
      cell,
      value: 0,
    }));
    const set = (cell: string, value: number) => {
      cells.find((c) => c.cell === cell)!.value = value;
    };
    set('section2.licensing.decisions', 51234);
    set('section2.penalty.decisions', 17);
    set('section2.administrative_fee.amount_wan_yuan', 1.25);
    for (const [column, value] of Object.entries(last.section3.carried_forward)) {
      set(`section3.carried_over.${column}`, value ?? 0);
      set(`section3.carried_forward.${column}`, value ?? 0);
    }
    for (const row of ['new', 'disclosed', 'outcome_total']) {
      set(`section3.${row}.natural_person`, 9);
      set(`section3.${row}.total`, 9);
    }
    set('section4.reconsideration.upheld', 2);
    set('section4.reconsideration.total', 2);
    const saved = await app.inject({
      method: 'PATCH',
      url: `/api/annual-reports/${draft2022.id}/cells`,
      headers: as(clerk),
      payload: { version: draft2022.version, cells },
    });
    expect(saved.statusCode).toBe(200);
    draft2022 = saved.json() as AnnualReportView;
    tables2022 = draft2022.tables;

    const hidden = async () => {
      expect((await app.inject(`/agencies/${BUREAU}/annual-reports/2022`)).statusCode).toBe(404);
      expect((await app.inject(`/agencies/${BUREAU}/annual-reports/2022/download/xlsx`)).statusCode).toBe(
        404,
      );
      expect((await app.inject(`/agencies/${BUREAU}/annual-reports`)).body).not.toContain(TITLE_2022);
      const region = await app.inject('/annual-reports?year=2022');
      expect(region.body).not.toContain(TITLE_2022);
      expect(region.body).not.toContain('51234');
    };
    await hidden(); // draft

    const step = async (session: LoggedIn, action: string, body: Record<string, unknown> = {}) => {
      const response = await app.inject({
        method: 'POST',
        url: `/api/annual-reports/${draft2022.id}/${action}`,
        headers: as(session),
        payload: { version: draft2022.version, ...body },
      });
      expect(response.statusCode, response.body).toBe(200);
      draft2022 = response.json() as AnnualReportView;
    };
    await step(reviewer, 'submit');
    await hidden(); // submitted
    await step(supervisor, 'accept');
    await hidden(); // accepted
    await step(bureauAdmin, 'publish', { publishedOn: '2023-01-09' });
    expect(draft2022.status).toBe('published');

    const page = await app.inject(`/agencies/${BUREAU}/annual-reports/2022`);
    expect(page.statusCode).toBe(200);
    expect(parse(page.body).querySelector('h1')?.text).toBe(TITLE_2022);
    expect(page.body).toContain('2023年1月9日');
    expect(printedCells(page.body)).toEqual(expectedCells(tables2022));
    expect(printedCells(page.body).get('section2.administrative_fee.amount_wan_yuan')).toBe('1.25');

    const list = parse((await app.inject(`/agencies/${BUREAU}/annual-reports`)).body);
    expect(list.querySelectorAll('.report-item-title a').map((a) => a.text)).toEqual([
      TITLE_2022,
      TITLE_2021,
    ]);
    const region = parse((await app.inject('/annual-reports')).body);
    expect(region.querySelector('h1')?.text).toBe('2022年度政府信息公开工作年度报告');
    expect(region.querySelectorAll('.year-nav a').map((a) => a.text)).toEqual([
      '2022 年（1 份）',
      '2021 年（1 份）',
    ]);

    const xlsx = await app.inject(`/agencies/${BUREAU}/annual-reports/2022/download/xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(numbersOf(workbook.worksheets[0]!)).toEqual(
      listCells(tables2022)
        .filter((c) => c.cell.startsWith('section2.'))
        .map((c) => c.value),
    );
    const docx = await app.inject(`/agencies/${BUREAU}/annual-reports/2022/download/docx`);
    const text2022 = await docxText(docx.rawPayload);
    expect(text2022.replace('|', '')).toContain(TITLE_2022);
    expect(text2022).toContain('|51234|');
    // The 图解版 compares with last year's published report.
    const vivid = await app.inject(`/agencies/${BUREAU}/annual-reports/2022/download/html-vivid`);
    expect(vivid.body).toContain('<svg');
    expect(vivid.body).toContain('比上年');
  });

  it('shows the report as it was published: a later edit is refused and the page does not change', async () => {
    const before = (await app.inject(`/agencies/${BUREAU}/annual-reports/2022`)).body;
    const edit = await app.inject({
      method: 'PATCH',
      url: `/api/annual-reports/${draft2022.id}/cells`,
      headers: as(clerk),
      payload: { version: draft2022.version, cells: [{ cell: 'section2.licensing.decisions', value: 1 }] },
    });
    expect(edit.statusCode).toBeGreaterThanOrEqual(400);
    const after = (await app.inject(`/agencies/${BUREAU}/annual-reports/2022`)).body;
    expect(printedCells(after)).toEqual(printedCells(before));
    expect(printedCells(after).get('section2.licensing.decisions')).toBe('51234');
  });
});
