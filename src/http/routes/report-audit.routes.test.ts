import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  ENGINES,
  fixedClock,
  type TestDatabase,
} from '../../../test/helpers/database.ts';
import { as, createTestServer, type LoggedIn, logInAs } from '../../../test/helpers/http.ts';
import { SHARED_DIR } from '../../../test/helpers/shared-fixtures.ts';
import { DEMO_PASSWORD } from '../../app/demo/demo-region.ts';
import type { AnnualReportView, CompiledReport } from '../../contract/annual-report-api.ts';
import type { AuditedReportFile, ImportAuditedReport, ReportAnalysis } from '../../contract/report-audit.ts';
import { diffTables, type ReportTables } from '../../core/annual-report/index.ts';
import { createRepositories } from '../../db/repositories/index.ts';

const SHARED = process.env.GONGKAI_SHARED ?? SHARED_DIR;
const SEED_TEXT = readFileSync(join(SHARED, 'fixtures/seed/zhangjiagang-approval-bureau-2021.txt'), 'utf8');
const HONGZE_2023_PDF = readFileSync(join(SHARED, 'fixtures/github-reports/kiro__hongze-district-2023.pdf'));
/** The seed report as the bureau would have published it a year earlier. */
const BUREAU_2020 = Buffer.from(SEED_TEXT.replace(/2021(\s?)年/g, '2020$1年'), 'utf8');

function multipart(files: { name: string; bytes: Uint8Array }[]) {
  const boundary = `----gongkai${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const file of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      Buffer.from(file.bytes),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

function importBody(file: AuditedReportFile, agencyId: string, year: number): ImportAuditedReport {
  return {
    agencyId,
    year,
    fileName: file.file,
    source: file.source,
    tables: file.tables,
    prose: file.prose,
    provenance: file.provenance,
    unread: file.unread,
    publishedOn: file.publishedOn,
    datedOn: file.datedOn,
    warnings: file.warnings,
  };
}

describe.each(ENGINES)('HTTP: auditing published reports on %s', (engine) => {
  let testDb: TestDatabase;
  let app: FastifyInstance;
  let supervisor: LoggedIn;
  let clerk: LoggedIn;
  let reviewer: LoggedIn;
  let ids: Record<'bureau' | 'suzhou' | 'tangqiao', string>;

  const analyse = (session: LoggedIn | null, files: { name: string; bytes: Uint8Array }[]) => {
    const { payload, contentType } = multipart(files);
    return app.inject({
      method: 'POST',
      url: '/api/report-audit/analyses',
      headers: { ...(session ? as(session) : {}), 'content-type': contentType },
      payload,
    });
  };
  const store = (session: LoggedIn, body: ImportAuditedReport) =>
    app.inject({ method: 'POST', url: '/api/report-audit/imports', headers: as(session), payload: body });

  beforeAll(async () => {
    testDb = await createTestDatabase(engine, { demo: true, clock: fixedClock('2026-03-01T02:00:00Z') });
    app = await createTestServer(testDb);
    supervisor = await logInAs(app, 'zjg.supervisor', DEMO_PASSWORD);
    clerk = await logInAs(app, 'spj.clerk', DEMO_PASSWORD);
    reviewer = await logInAs(app, 'spj.reviewer', DEMO_PASSWORD);
    const agencies = createRepositories(testDb.deps.db).agencies;
    const id = async (name: string) => (await agencies.findByCodeOrName(name))!.id;
    ids = {
      bureau: await id('张家港市行政审批局'),
      suzhou: await id('苏州市人民政府'),
      tangqiao: await id('张家港市塘桥镇人民政府'),
    };
  });
  afterAll(async () => {
    await app?.close();
    await testDb?.close();
  });

  it('documents both routes in OpenAPI', async () => {
    const paths = Object.keys((await app.inject('/api/openapi.json')).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/report-audit/analyses', '/api/report-audit/imports']),
    );
  });

  it('refuses people who are not signed in, and a clerk (no report.review or report.compile)', async () => {
    const files = [{ name: 'a.txt', bytes: BUREAU_2020 }];
    expect((await analyse(null, files)).statusCode).toBe(401);
    const byClerk = await analyse(clerk, files);
    expect(byClerk.statusCode).toBe(403);
    expect(byClerk.json().error.message).toBe('您没有执行此操作的权限');

    const analysis = (await analyse(supervisor, files)).json() as ReportAnalysis;
    const file = analysis.files[0] as AuditedReportFile;
    const storedByClerk = await store(clerk, importBody(file, ids.bureau, 2020));
    expect(storedByClerk.statusCode).toBe(403);
  });

  it('requires the CSRF header on uploads', async () => {
    const { payload, contentType } = multipart([{ name: 'a.txt', bytes: BUREAU_2020 }]);
    const response = await app.inject({
      method: 'POST',
      url: '/api/report-audit/analyses',
      headers: { cookie: supervisor.cookie, 'content-type': contentType },
      payload,
    });
    expect(response.statusCode).toBe(403);
  });

  it('reads each uploaded file, with findings, provenance and the agency it names in the supervisor’s subtree', async () => {
    const zip = new JSZip();
    zip.file('洪泽区/2023.pdf', HONGZE_2023_PDF);
    const response = await analyse(supervisor, [
      { name: '张家港市行政审批局2020年度报告.txt', bytes: BUREAU_2020 },
      { name: '报告包.zip', bytes: await zip.generateAsync({ type: 'uint8array' }) },
      { name: 'notes.txt', bytes: Buffer.from('会议纪要：无。') },
    ]);
    expect(response.statusCode).toBe(200);
    const { files } = response.json() as ReportAnalysis;
    expect(files.map((f) => [f.file, f.ok])).toEqual([
      ['张家港市行政审批局2020年度报告.txt', true],
      ['报告包.zip!/洪泽区/2023.pdf', true],
      ['notes.txt', false],
    ]);
    const [bureau, hongze, notes] = files as [AuditedReportFile, AuditedReportFile, { error: string }];
    expect(bureau).toMatchObject({
      agency: '张家港市行政审批局',
      year: 2020,
      source: 'text',
      suggestedAgency: { id: ids.bureau, name: '张家港市行政审批局' },
      existingReport: null,
      cellsRead: 200,
      cellsUnread: 0,
    });
    expect(bureau.provenance['section3.new.total']).toMatchObject({
      source: 'text',
      text: expect.any(String),
    });
    // 淮安市洪泽区人民政府 is no agency of this supervisor: nothing is suggested.
    expect(hongze.suggestedAgency).toBeNull();
    expect(
      hongze.findings
        .filter((f) => f.id === 'R4')
        .map((f) => f.values['section4.reconsideration.total'] ?? 'n/a'),
    ).toEqual([0, 'n/a']);
    expect(hongze.provenance['section4.reconsideration.upheld']).toMatchObject({
      source: 'pdf',
      page: 4,
      text: '10',
    });
    expect(notes.error).toContain('未读出任何表格数字');
  });

  it('refuses a file above 20 MB with a Chinese message, and an upload without files', async () => {
    const big = await analyse(supervisor, [
      { name: '大文件.pdf', bytes: new Uint8Array(20 * 1024 * 1024 + 1) },
    ]);
    expect(big.statusCode).toBe(413);
    expect(big.json().error.message).toBe('文件“大文件.pdf”超过单个文件20 MB的上限');
    const none = await analyse(supervisor, []);
    expect(none.statusCode).toBe(400);
    expect(none.json().error.message).toBe('请选择要核查的报告文件');
  });

  it('stores a parsed report as the agency’s report; the compilation and R6 then use it', async () => {
    const { files } = (
      await analyse(supervisor, [{ name: '2020.txt', bytes: BUREAU_2020 }])
    ).json() as ReportAnalysis;
    const file = files[0] as AuditedReportFile;
    // Its 结转下年度 differs from the 上年结转 of the bureau's 2021 report, so R6 has something to say.
    const tables: ReportTables = {
      ...file.tables,
      section3: {
        ...file.tables.section3,
        carried_forward: { ...file.tables.section3.carried_forward, natural_person: 3, total: 3 },
      },
    };
    const response = await store(supervisor, { ...importBody(file, ids.bureau, 2020), tables });
    expect(response.statusCode).toBe(201);
    const view = response.json() as AnnualReportView;
    expect(view).toMatchObject({
      agencyId: ids.bureau,
      year: 2020,
      status: 'published',
      source: 'parsed',
      title: '张家港市行政审批局2020年政府信息公开工作年度报告',
    });
    expect(diffTables(view.tables, tables)).toEqual([]);

    const compiled = await app.inject({
      method: 'POST',
      url: '/api/annual-report-compilations/2020/build',
      headers: as(supervisor),
      payload: { agencyIds: [ids.bureau] },
    });
    expect(compiled.statusCode).toBe(200);
    const compilation = compiled.json() as CompiledReport;
    expect(compilation.included.map((i) => i.reportId)).toEqual([view.id]);
    expect(compilation.tables.section3.carried_forward.total).toBe(3);

    // The seed's 2021 report is now checked against the stored 2020 one.
    const again = (await analyse(supervisor, [{ name: '2021.txt', bytes: Buffer.from(SEED_TEXT) }])).json();
    const y2021 = (again as ReportAnalysis).files[0] as AuditedReportFile;
    expect(y2021.previous).toEqual({ label: '系统中张家港市行政审批局2020年度报告', year: 2020 });
    expect(y2021.existingReport).toMatchObject({ source: 'authored' });
    const r6 = y2021.findings.filter((f) => f.id === 'R6');
    expect(r6.map((f) => f.values)).toEqual([
      { 'section3.carried_over.natural_person': 0, 'previous.section3.carried_forward.natural_person': 3 },
      { 'section3.carried_over.total': 0, 'previous.section3.carried_forward.total': 3 },
    ]);

    // Storing again replaces the imported report; an authored report is never overwritten.
    expect((await store(supervisor, importBody(file, ids.bureau, 2020))).statusCode).toBe(201);
    const authored = await store(supervisor, importBody(y2021, ids.bureau, 2021));
    expect(authored.statusCode).toBe(409);
    expect(authored.json().error.message).toContain('不能用导入的报告覆盖');
  });

  it('never stores into an agency outside the supervisor’s subtree, nor a year the file does not state', async () => {
    const { files } = (
      await analyse(supervisor, [{ name: '2020.txt', bytes: BUREAU_2020 }])
    ).json() as ReportAnalysis;
    const file = files[0] as AuditedReportFile;
    const outside = await store(supervisor, importBody(file, ids.suzhou, 2020));
    expect(outside.statusCode).toBe(404);
    const wrongYear = await store(supervisor, importBody(file, ids.tangqiao, 2019));
    expect(wrongYear.statusCode).toBe(400);
    expect(wrongYear.json().error.message).toBe('解析出的报告年度为2020，与所选2019年度不一致');
  });

  it('lets a reviewer audit, and store only for its own agency', async () => {
    const response = await analyse(reviewer, [{ name: '2020.txt', bytes: BUREAU_2020 }]);
    expect(response.statusCode).toBe(200);
    const file = (response.json() as ReportAnalysis).files[0] as AuditedReportFile;
    expect(file.suggestedAgency?.id).toBe(ids.bureau);
    expect((await store(reviewer, importBody(file, ids.tangqiao, 2020))).statusCode).toBe(404);
    expect((await store(reviewer, importBody(file, ids.bureau, 2020))).statusCode).toBe(201);
  });

  it('fills the year from the choice when the title could not be read, and strips tag-like text from prose', async () => {
    const { files } = (
      await analyse(supervisor, [{ name: '2020.txt', bytes: BUREAU_2020 }])
    ).json() as ReportAnalysis;
    const file = files[0] as AuditedReportFile;
    const body = importBody(file, ids.tangqiao, 2020);
    body.tables = { ...body.tables, year: 0, agency: '' };
    body.prose = { ...body.prose, overview: '概述<script>alert(1)</script>完' };
    const response = await store(supervisor, body);
    expect(response.statusCode).toBe(201);
    const view = response.json() as AnnualReportView;
    expect(view).toMatchObject({ year: 2020, agencyName: '张家港市塘桥镇人民政府' });
    expect(view.tables.agency).toBe('张家港市塘桥镇人民政府');
    expect(view.prose.overview).toBe('概述alert(1)完');
  });
});
