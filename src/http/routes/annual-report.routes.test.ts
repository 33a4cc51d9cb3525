import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, fixedClock, type TestDatabase } from '../../../test/helpers/database.ts';
import { as, createTestServer, type LoggedIn, logInAs } from '../../../test/helpers/http.ts';
import { SHARED_DIR } from '../../../test/helpers/shared-fixtures.ts';
import { DEMO_PASSWORD } from '../../app/demo/demo-region.ts';
import type { AnnualReportSummary, AnnualReportView } from '../../contract/annual-report-api.ts';
import { listCells, type ReportTables } from '../../core/annual-report/index.ts';
import { contentDisposition } from './annual-report.routes.ts';

const SEED_EXPECTED = `${SHARED_DIR}/fixtures/seed/zhangjiagang-approval-bureau-2021.expected.json`;
const TITLE_2021 = '张家港市行政审批局2021年政府信息公开工作年度报告';

function seedExpectedTables(): ReportTables {
  const { source: _s, findings: _f, notes: _n, ...tables } = JSON.parse(readFileSync(SEED_EXPECTED, 'utf8'));
  return tables as ReportTables;
}

/** Every number of a sheet, row by row, left to right: the values of the table as printed. */
function numbersOf(sheet: ExcelJS.Worksheet): number[] {
  const out: number[] = [];
  sheet.eachRow((row) => {
    row.eachCell((cell) => {
      // A merged range repeats its value in every cell; only its top-left cell holds it.
      if (cell.master.address !== cell.address) return;
      if (typeof cell.value === 'number') out.push(cell.value);
    });
  });
  return out;
}

describe('HTTP: annual reports', () => {
  let testDb: TestDatabase;
  let app: FastifyInstance;
  let clerk: LoggedIn;
  let reviewer: LoggedIn;
  let townClerk: LoggedIn;
  let supervisor: LoggedIn;
  let report2021: AnnualReportSummary;

  beforeAll(async () => {
    testDb = await createTestDatabase('pglite', { demo: true, clock: fixedClock('2023-01-10T02:00:00Z') });
    app = await createTestServer(testDb);
    clerk = await logInAs(app, 'spj.clerk', DEMO_PASSWORD);
    reviewer = await logInAs(app, 'spj.reviewer', DEMO_PASSWORD);
    townClerk = await logInAs(app, 'tq.clerk', DEMO_PASSWORD);
    supervisor = await logInAs(app, 'zjg.supervisor', DEMO_PASSWORD);
    const list = await app.inject({ url: '/api/annual-reports', headers: as(clerk) });
    expect(list.statusCode).toBe(200);
    report2021 = (list.json() as AnnualReportSummary[]).find((r) => r.year === 2021)!;
  });
  afterAll(async () => {
    await app?.close();
    await testDb?.close();
  });

  it('documents every route in OpenAPI', async () => {
    const paths = Object.keys((await app.inject('/api/openapi.json')).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/annual-reports',
        '/api/annual-reports/{id}',
        '/api/annual-reports/{id}/cells',
        '/api/annual-reports/{id}/fill-from-ledger',
        '/api/annual-reports/{id}/prose',
        '/api/annual-reports/{id}/submit',
        '/api/annual-reports/{id}/return',
        '/api/annual-reports/{id}/accept',
        '/api/annual-reports/{id}/publish',
        '/api/annual-reports/{id}/audit',
        '/api/annual-reports/{id}/export',
        '/api/annual-report-compilations/{year}',
        '/api/annual-report-compilations/{year}/build',
        '/api/annual-report-compilations/{year}/export',
      ]),
    );
  });

  it('lists the bureau’s published 2021 report to its clerk, with no breach', () => {
    expect(report2021).toMatchObject({
      title: TITLE_2021,
      status: 'published',
      errorCount: 0,
      warningCount: 0,
      deadline: '2022-01-31',
      publishedOn: '2022-01-28',
    });
  });

  it('keeps the bureau’s report from a clerk of 塘桥镇: not read, not changed, not exported', async () => {
    const id = report2021.id;
    const read = await app.inject({ url: `/api/annual-reports/${id}`, headers: as(townClerk) });
    expect(read.statusCode).toBe(404);
    expect(read.json().error.message).toBe('未找到相应记录');
    const change = await app.inject({
      method: 'PATCH',
      url: `/api/annual-reports/${id}/cells`,
      headers: as(townClerk),
      payload: { version: 1, cells: [{ cell: 'section3.new.total', value: 9 }] },
    });
    expect(change.statusCode).toBe(404);
    for (const url of [`/api/annual-reports/${id}/export?format=json`, `/api/annual-reports/${id}/audit`]) {
      expect((await app.inject({ url, headers: as(townClerk) })).statusCode).toBe(404);
    }
    const list = await app.inject({
      url: `/api/annual-reports?agencyId=${clerk.agencyId}`,
      headers: as(townClerk),
    });
    expect(list.statusCode).toBe(404);
    expect((await app.inject({ url: `/api/annual-reports/${id}` })).statusCode).toBe(401);
    // The bureau's own report is unchanged.
    const own = await app.inject({ url: `/api/annual-reports/${id}`, headers: as(clerk) });
    expect((own.json() as AnnualReportView).tables.section3.new.total).toBe(2);
  });

  it('exports the demo 2021 report as JSON equal to the seed, cell by cell, with a Chinese file name', async () => {
    const response = await app.inject({
      url: `/api/annual-reports/${report2021.id}/export?format=json`,
      headers: as(clerk),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="annual-report.json"; filename*=UTF-8''${encodeURIComponent(`${TITLE_2021}.json`)}`,
    );
    expect(response.json()).toEqual(seedExpectedTables());
  });

  it('exports DOCX, HTML, vivid HTML and text that are what they say', async () => {
    const get = (format: string) =>
      app.inject({ url: `/api/annual-reports/${report2021.id}/export?format=${format}`, headers: as(clerk) });
    const docx = await get('docx');
    expect(docx.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(docx.rawPayload);
    const documentXml = await zip.file('word/document.xml')!.async('string');
    expect(documentXml).toContain('三、收到和处理政府信息公开申请情况');
    expect(documentXml).toContain('43850');
    const html = await get('html');
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('<table');
    expect(html.body).toContain(TITLE_2021);
    const vivid = await get('html-vivid');
    expect(vivid.body).toContain('<svg');
    expect(decodeURIComponent(vivid.headers['content-disposition'] as string)).toContain('（图解版）.html');
    const text = await get('txt');
    expect(text.body.startsWith(TITLE_2021)).toBe(true);
    expect((await get('pdf')).statusCode).toBe(400);
  });

  it('exports XLSX that reads back with the same numbers, cell for cell', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/annual-reports',
      headers: as(clerk),
      payload: { year: 2022 },
    });
    expect(created.statusCode).toBe(201);
    const draft = created.json() as AnnualReportView;
    let next = 1;
    const cells = listCells(draft.tables).map(({ cell }) => ({
      cell,
      value: cell.endsWith('amount_wan_yuan') ? 12.3456 : next++,
    }));
    const saved = await app.inject({
      method: 'PATCH',
      url: `/api/annual-reports/${draft.id}/cells`,
      headers: as(clerk),
      payload: { version: draft.version, cells },
    });
    expect(saved.statusCode).toBe(200);
    const tables = (saved.json() as AnnualReportView).tables;
    const xlsx = await app.inject({
      url: `/api/annual-reports/${draft.id}/export?format=xlsx`,
      headers: as(clerk),
    });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const [s2, s3, s4] = workbook.worksheets;
    const values = (prefix: string) =>
      listCells(tables)
        .filter((c) => c.cell.startsWith(`${prefix}.`))
        .map((c) => c.value);
    expect(numbersOf(s2!)).toEqual(values('section2'));
    expect(numbersOf(s3!)).toEqual(values('section3'));
    expect(numbersOf(s4!)).toEqual(values('section4'));
  });

  it('refuses to submit a report that breaks a rule, in Chinese, and requires the CSRF header', async () => {
    const list = (await app.inject({ url: '/api/annual-reports', headers: as(reviewer) })).json();
    const draft = list.find((r: AnnualReportSummary) => r.year === 2022) as AnnualReportSummary;
    const view = (await app.inject({ url: `/api/annual-reports/${draft.id}`, headers: as(reviewer) })).json();
    const noCsrf = await app.inject({
      method: 'POST',
      url: `/api/annual-reports/${draft.id}/submit`,
      headers: { cookie: reviewer.cookie },
      payload: { version: view.version },
    });
    expect(noCsrf.statusCode).toBe(403);
    const submit = await app.inject({
      method: 'POST',
      url: `/api/annual-reports/${draft.id}/submit`,
      headers: as(reviewer),
      payload: { version: view.version },
    });
    expect(submit.statusCode).toBe(422);
    expect(submit.json().error).toMatchObject({ code: 'report_has_errors' });
    expect(submit.json().error.message).toMatch(/^年度报告有\d+处错误，不能报送：【R1】/);
    const trail = await app.inject({ url: `/api/annual-reports/${draft.id}/audit`, headers: as(clerk) });
    expect(trail.json().map((e: { action: string }) => e.action)).toEqual([
      'annual_report.cells_updated',
      'annual_report.created',
    ]);
    // The draft started with the ledger's figures (no 规章 in the catalogue: 0).
    expect(trail.json()[0].summary).toMatch(/^修改\d+个单元格：第二部分“规章”本年制发件数由0改为1/);
  });

  it('gives the supervisor the compilation of its agencies, built and exported', async () => {
    const overview = await app.inject({
      url: '/api/annual-report-compilations/2021',
      headers: as(supervisor),
    });
    expect(overview.statusCode).toBe(200);
    const rows = overview.json().rows as { agencyName: string; timeliness: string }[];
    expect(rows.find((r) => r.agencyName === '张家港市行政审批局')?.timeliness).toBe('on_time');
    expect(
      (await app.inject({ url: '/api/annual-report-compilations/2021', headers: as(clerk) })).statusCode,
    ).toBe(403);
    const build = await app.inject({
      method: 'POST',
      url: '/api/annual-report-compilations/2021/build',
      headers: as(supervisor),
      payload: { agencyIds: [clerk.agencyId] },
    });
    expect(build.statusCode).toBe(200);
    expect(build.json().tables.section2.licensing.decisions).toBe(43850);
    expect(build.json().title).toBe('张家港市人民政府2021年政府信息公开工作年度报告');
    const file = await app.inject({
      url: `/api/annual-report-compilations/2021/export?format=json&agencyIds=${clerk.agencyId}`,
      headers: as(supervisor),
    });
    expect(file.statusCode).toBe(200);
    expect(file.json().section3.new.total).toBe(2);
    expect(file.json().agency).toBe('张家港市人民政府');
  });

  it('encodes a Chinese file name for Content-Disposition (RFC 6266 / 5987)', () => {
    expect(contentDisposition('年报（图解版）.html', 'r.html')).toBe(
      'attachment; filename="r.html"; filename*=UTF-8\'\'%E5%B9%B4%E6%8A%A5%EF%BC%88%E5%9B%BE%E8%A7%A3%E7%89%88%EF%BC%89.html',
    );
    expect(contentDisposition("a'(b).txt", 'x.txt')).toContain("filename*=UTF-8''a%27%28b%29.txt");
  });
});
