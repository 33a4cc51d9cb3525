import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, fixedClock, type TestDatabase } from '../../../test/helpers/database.ts';
import { as, createTestServer, type LoggedIn, logInAs } from '../../../test/helpers/http.ts';
import { DEMO_PASSWORD } from '../../app/demo/demo-region.ts';

const BUREAU = '11320582014000028G';

describe('HTTP: catalogue API and portal', () => {
  let testDb: TestDatabase;
  let app: FastifyInstance;
  let clerk: LoggedIn;
  let reviewer: LoggedIn;
  let townClerk: LoggedIn;

  beforeAll(async () => {
    testDb = await createTestDatabase('pglite', { demo: true, clock: fixedClock('2026-11-27T02:00:00Z') });
    app = await createTestServer(testDb);
    clerk = await logInAs(app, 'spj.clerk', DEMO_PASSWORD);
    reviewer = await logInAs(app, 'spj.reviewer', DEMO_PASSWORD);
    townClerk = await logInAs(app, 'tq.clerk', DEMO_PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await testDb?.close();
  });

  const waitForJob = async (session: LoggedIn, id: string) => {
    for (let i = 0; i < 200; i++) {
      const job = (await app.inject({ url: `/api/catalogue/imports/${id}`, headers: as(session) })).json();
      if (job.status !== 'running') return job;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('import did not finish');
  };

  it('publishes an entry through the API: draft, review, 索引号, portal page', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/catalogue/entries',
      headers: as(clerk),
      payload: {
        agencyId: clerk.agencyId,
        title: '关于开展2026年企业开办满意度调查的通知',
        summary: '面向新开办企业开展满意度调查。',
        formedOn: '2026-11-25',
        category: 'a20_05',
        documentType: 'notice',
        body: '各有关企业：\n为持续优化营商环境，现开展满意度调查。',
      },
    });
    expect(created.statusCode).toBe(201);
    const draft = created.json();
    expect(draft).toMatchObject({ status: 'draft', indexNumber: null });

    // Without the CSRF header the session's unsafe request is refused.
    const noCsrf = await app.inject({
      method: 'POST',
      url: `/api/catalogue/entries/${draft.id}/submit`,
      headers: { cookie: clerk.cookie },
      payload: { version: draft.version },
    });
    expect(noCsrf.statusCode).toBe(403);

    const attachment = await app.inject({
      method: 'POST',
      url: `/api/catalogue/entries/${draft.id}/attachments?fileName=${encodeURIComponent('调查问卷.pdf')}`,
      headers: { ...as(clerk), 'content-type': 'application/octet-stream' },
      payload: Buffer.from('%PDF-1.4 demo'),
    });
    expect(attachment.statusCode).toBe(201);

    const submitted = await app.inject({
      method: 'POST',
      url: `/api/catalogue/entries/${draft.id}/submit`,
      headers: as(clerk),
      payload: { version: draft.version },
    });
    expect(submitted.json()).toMatchObject({ status: 'in_review' });
    const forbidden = await app.inject({
      method: 'POST',
      url: `/api/catalogue/entries/${draft.id}/approve`,
      headers: as(clerk),
      payload: { version: submitted.json().version },
    });
    expect(forbidden.statusCode).toBe(403);
    const approved = await app.inject({
      method: 'POST',
      url: `/api/catalogue/entries/${draft.id}/approve`,
      headers: as(reviewer),
      payload: { version: submitted.json().version, note: '不涉密，同意公开' },
    });
    expect(approved.statusCode).toBe(200);
    const entry = approved.json();
    expect(entry.indexNumber).toMatch(/^014000028\/2026-\d{5}$/);

    // The town's clerk does not see the bureau's entry.
    const hidden = await app.inject({ url: `/api/catalogue/entries/${draft.id}`, headers: as(townClerk) });
    expect(hidden.statusCode).toBe(404);

    const slug = entry.indexNumber.replace('/', '~');
    const page = await app.inject(`/agencies/${BUREAU}/catalogue/${slug}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('关于开展2026年企业开办满意度调查的通知');
    expect(page.body).toContain(entry.indexNumber);
    expect(page.body).toContain('为持续优化营商环境');
    const link = /href="([^"]+\/attachments\/[^"]+)"/.exec(page.body)?.[1];
    expect(link).toBeDefined();
    const file = await app.inject(link!);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toContain(encodeURIComponent('调查问卷.pdf'));

    // Withdrawn: the address stays and says so.
    const withdrawn = await app.inject({
      method: 'POST',
      url: `/api/catalogue/entries/${draft.id}/withdraw`,
      headers: as(reviewer),
      payload: { version: entry.version, reason: '调查方案调整' },
    });
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn' });
    const gone = await app.inject(`/agencies/${BUREAU}/catalogue/${slug}`);
    expect(gone.statusCode).toBe(410);
    expect(gone.body).toContain('调查方案调整');
    expect(gone.body).not.toContain('为持续优化营商环境');
    expect((await app.inject(link!)).statusCode).toBe(404);
  });

  it('imports decisions from an upload, reports progress and problems, and adds nothing the second time', async () => {
    const csv =
      '\uFEFF决定类别,文号,决定名称,行政相对人名称,决定日期,公示日期\n' +
      '行政处罚,张审罚〔2026〕1号,未按规定公示年度报告案,张家港某某商贸有限公司,2026-03-04,2026-03-06\n' +
      '行政处罚,张审罚〔2026〕2号,超范围经营案,张家港某某餐饮店,2026-03-05,2026-03-09\n';
    const upload = (body: string, session = clerk) =>
      app.inject({
        method: 'POST',
        url: `/api/catalogue/imports?agencyId=${clerk.agencyId}&fileName=penalties.csv`,
        headers: { ...as(session), 'content-type': 'application/octet-stream' },
        payload: Buffer.from(body),
      });
    const started = await upload(csv);
    expect(started.statusCode).toBe(202);
    expect(started.json()).toMatchObject({ fileName: 'penalties.csv', target: 'decisions' });
    const done = await waitForJob(clerk, started.json().id);
    expect(done).toMatchObject({ status: 'succeeded', rowsInserted: 2, rowsUnchanged: 0, phase: 'done' });
    const again = await waitForJob(clerk, (await upload(csv)).json().id);
    expect(again).toMatchObject({ status: 'succeeded', rowsInserted: 0, rowsUnchanged: 2 });

    const bad = await waitForJob(
      clerk,
      (await upload(`${csv}行政处罚,张审罚〔2026〕3号,甲案,甲,2026-13-01,\n`)).json().id,
    );
    expect(bad.status).toBe('failed');
    expect(bad.errors).toEqual([
      { line: 4, column: '决定日期', message: '决定日期“2026-13-01”不是有效日期（应为 YYYY-MM-DD）' },
    ]);

    const section = (
      await app.inject({
        url: `/api/catalogue/report-section2?agencyId=${clerk.agencyId}&year=2026`,
        headers: as(clerk),
      })
    ).json();
    expect(section.section2.penalty.decisions).toBe(2);
    const decisions = (
      await app.inject({
        url: `/api/catalogue/decisions?agencyId=${clerk.agencyId}&kind=penalty`,
        headers: as(clerk),
      })
    ).json();
    expect(decisions.items.map((d: { documentNumber: string }) => d.documentNumber)).toEqual([
      '张审罚〔2026〕2号',
      '张审罚〔2026〕1号',
    ]);

    expect((await upload(csv, townClerk)).statusCode).toBe(404);
    const badMapping = await app.inject({
      method: 'POST',
      url: `/api/catalogue/imports?agencyId=${clerk.agencyId}&fileName=x.csv&mapping=${encodeURIComponent('颜色=红')}`,
      headers: { ...as(clerk), 'content-type': 'application/octet-stream' },
      payload: Buffer.from(csv),
    });
    expect(badMapping.statusCode).toBe(400);
  });

  it('serves section 二 of the bureau’s 2021 report with its drill-down', async () => {
    const response = await app.inject({
      url: `/api/catalogue/report-section2?agencyId=${clerk.agencyId}&year=2021`,
      headers: as(clerk),
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.section2.licensing.decisions).toBe(43_850);
    expect(body.drillDown.licensing.decisions.filter).toMatchObject({
      kind: 'licensing',
      decidedFrom: '2021-01-01',
    });
  });

  it('renders the portal catalogue, search and decision pages without JavaScript', async () => {
    const list = await app.inject(`/agencies/${BUREAU}/catalogue?year=2021&category=a20_05`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('张家港市行政审批局政府信息公开目录');
    expect(list.body).toMatch(/筛选结果（共 \d+ 条）/);
    expect(list.body).not.toContain('<script');

    const search = await app.inject(`/search?q=${encodeURIComponent('行政许可')}&agency=${BUREAU}`);
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain('企业开办类<mark>行政许可</mark>办理结果公示');
    const fragment = await app.inject(`/search?q=${encodeURIComponent('张审批〔2021〕12')}`);
    expect(fragment.body).toContain('<mark>张审批〔2021〕12</mark>号');

    const decisions = await app.inject(`/agencies/${BUREAU}/decisions?kind=licensing&year=2021`);
    expect(decisions.body).toContain('共 43850 条');
    const detailLink = /href="(\/agencies\/[^"]+\/decisions\/[0-9a-f-]{36})"/.exec(decisions.body)?.[1];
    const detail = await app.inject(detailLink!);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('企业开办类');

    // Unparseable filters are ignored; unknown agencies, entries and decisions are 404.
    expect((await app.inject(`/agencies/${BUREAU}/catalogue?year=abc&page=-3`)).statusCode).toBe(200);
    expect((await app.inject('/agencies/000000000/catalogue')).statusCode).toBe(404);
    expect((await app.inject(`/agencies/${BUREAU}/catalogue/014000028~1999-00001`)).statusCode).toBe(404);
    expect((await app.inject(`/agencies/${BUREAU}/decisions/not-a-uuid`)).statusCode).toBe(404);

    const guide = await app.inject(`/agencies/${BUREAU}`);
    expect(guide.body).toContain(`href="/agencies/${BUREAU}/catalogue"`);
    const home = await app.inject('/');
    expect(home.body).toContain(`href="/agencies/${BUREAU}/catalogue"`);
    expect(home.body).toContain('action="/search"');
  });

  it('documents the catalogue API in OpenAPI', async () => {
    const openapi = (await app.inject('/api/openapi.json')).json();
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining([
        '/api/catalogue/entries',
        '/api/catalogue/imports',
        '/api/catalogue/report-section2',
      ]),
    );
  });
});
