import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, fixedClock, type TestDatabase } from '../../../test/helpers/database.ts';
import { as, createTestServer, type LoggedIn, logInAs } from '../../../test/helpers/http.ts';
import { SHARED_DIR } from '../../../test/helpers/shared-fixtures.ts';
import { DEMO_PASSWORD } from '../../app/demo/demo-region.ts';

const BUREAU_CODE = '11320582014000028G';
const FIXTURE = JSON.parse(
  readFileSync(`${SHARED_DIR}/fixtures/seed/zhangjiagang-approval-bureau-2021.expected.json`, 'utf8'),
) as { section3: unknown; section4: unknown };

const APPLICATION = {
  applicantType: 'natural_person',
  name: '刘晓明',
  idKind: 'resident_id',
  idNumber: '11010519491231002X',
  phone: '13912345678',
  email: 'liu@example.cn',
  postalAddress: '',
  postalCode: '',
  description: '张家港市2025年度建设工程施工许可证核发情况汇总',
  documentNumber: '',
  formWanted: 'email',
  delivery: 'email',
};

function multipart(fields: Record<string, string>, files: { name: string; content: Buffer }[]) {
  const boundary = '----gongkai-test-boundary';
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  for (const file of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const codesIn = (body: string) => ({
  trackingCode: /data-testid="tracking-code">([^<]+)</.exec(body)?.[1],
  secret: /data-testid="lookup-secret">([^<]+)</.exec(body)?.[1],
});

describe('HTTP: disclosure requests (portal and console API)', () => {
  let testDb: TestDatabase;
  let app: FastifyInstance;
  let clerk: LoggedIn;
  let reviewer: LoggedIn;
  let townClerk: LoggedIn;
  let supervisor: LoggedIn;

  beforeAll(async () => {
    testDb = await createTestDatabase('pglite', { demo: true, clock: fixedClock('2026-11-27T02:00:00Z') });
    app = await createTestServer(testDb);
    clerk = await logInAs(app, 'spj.clerk', DEMO_PASSWORD);
    reviewer = await logInAs(app, 'spj.reviewer', DEMO_PASSWORD);
    townClerk = await logInAs(app, 'tq.clerk', DEMO_PASSWORD);
    supervisor = await logInAs(app, 'zjg.supervisor', DEMO_PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await testDb?.close();
  });

  describe('portal', () => {
    it('lists the agencies to apply to and shows a form that works without JavaScript', async () => {
      const index = await app.inject('/apply');
      expect(index.statusCode).toBe(200);
      expect(index.body).toContain(`/agencies/${BUREAU_CODE}/apply`);
      const form = await app.inject(`/agencies/${BUREAU_CODE}/apply`);
      expect(form.body).toContain('enctype="multipart/form-data"');
      expect(form.body).toContain('name="idNumber"');
      expect(form.body).toContain('自然人');
      expect(form.body).toContain('法律服务机构');
      expect((await app.inject('/agencies/NOPE/apply')).statusCode).toBe(404);
    });

    it('refuses an ID number with a wrong check digit, next to the field, keeping the values', async () => {
      const response = await app.inject({
        method: 'POST',
        url: `/agencies/${BUREAU_CODE}/apply`,
        payload: { ...APPLICATION, idNumber: '110105194912310021' },
        remoteAddress: '10.0.0.1',
      });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('居民身份证号码无效');
      expect(response.body).toContain('aria-invalid="true"');
      expect(response.body).toContain('张家港市2025年度建设工程施工许可证核发情况汇总');
    });

    it('takes an application with a file, shows the code and the secret once, and lets the applicant look it up', async () => {
      const { payload, headers } = multipart(APPLICATION, [
        { name: '身份证明.pdf', content: Buffer.from('%PDF-1.4 test file') },
      ]);
      const response = await app.inject({
        method: 'POST',
        url: `/agencies/${BUREAU_CODE}/apply`,
        payload,
        headers,
        remoteAddress: '10.0.0.2',
      });
      expect(response.statusCode).toBe(201);
      expect(response.headers['cache-control']).toBe('no-store');
      const { trackingCode, secret } = codesIn(response.body);
      expect(trackingCode).toMatch(/^Y20261127-/);
      expect(secret).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

      const status = await app.inject({
        method: 'POST',
        url: '/track',
        payload: { trackingCode, secret: secret!.toLowerCase() },
        remoteAddress: '10.0.0.2',
      });
      expect(status.statusCode).toBe(200);
      expect(status.body).toContain('已提交，等待行政机关确认收到');
      expect(status.body).toContain('刘**');
      expect(status.body).not.toContain('11010519491231002X');

      const wrong = await app.inject({
        method: 'POST',
        url: '/track',
        payload: { trackingCode, secret: 'AAAA-BBBB-CCCC' },
        remoteAddress: '10.0.0.2',
      });
      expect(wrong.statusCode).toBe(404);
      expect(wrong.body).toContain('受理编号或查询码不正确');

      const list = await app.inject({
        url: `/api/disclosure-requests?search=${trackingCode}`,
        headers: as(clerk),
      });
      const [row] = list.json().rows;
      const detail = (
        await app.inject({ url: `/api/disclosure-requests/${row.id}`, headers: as(clerk) })
      ).json();
      expect(detail.attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['身份证明.pdf']);
      expect(detail.canConfirmReceipt).toBe(true);
    });

    it('refuses a file over the portal limit and a file type it does not accept', async () => {
      const big = multipart(APPLICATION, [
        { name: 'big.pdf', content: Buffer.alloc(5 * 1024 * 1024 + 1, 1) },
      ]);
      const tooBig = await app.inject({
        method: 'POST',
        url: `/agencies/${BUREAU_CODE}/apply`,
        ...big,
        remoteAddress: '10.0.0.3',
      });
      expect(tooBig.statusCode).toBe(400);
      expect(tooBig.body).toContain('每个附件不能超过 5 MB');
      const exe = multipart(APPLICATION, [{ name: 'run.exe', content: Buffer.from('MZ') }]);
      const refused = await app.inject({
        method: 'POST',
        url: `/agencies/${BUREAU_CODE}/apply`,
        ...exe,
        remoteAddress: '10.0.0.3',
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('格式不支持');
    });

    it('rate-limits applications and lookups per address', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const r = await app.inject({
          method: 'POST',
          url: '/track',
          payload: { trackingCode: 'Y20261127-XXXXXX', secret: 'AAAA-BBBB-CCCC' },
          remoteAddress: '10.0.0.9',
        });
        statuses.push(r.statusCode);
      }
      expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
      expect(statuses.slice(10)).toEqual([429, 429]);
      const applied: number[] = [];
      for (let i = 0; i < 6; i++) {
        const r = await app.inject({
          method: 'POST',
          url: `/agencies/${BUREAU_CODE}/apply`,
          payload: { ...APPLICATION, idNumber: 'bad' },
          remoteAddress: '10.0.0.10',
        });
        applied.push(r.statusCode);
      }
      expect(applied).toEqual([400, 400, 400, 400, 400, 429]);
    });
  });

  describe('console API', () => {
    let requestId: string;
    let version: number;

    it('registers a letter received by post, with the receipt date of 第三十一条', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/disclosure-requests',
        headers: as(clerk),
        payload: {
          applicant: {
            type: 'natural_person',
            name: '孙立',
            identityDocument: { kind: 'resident_id', number: '11010519491231002X' },
            contact: { phone: '13912345678', postalAddress: '张家港市测试路 2 号' },
          },
          description: '张家港市某小区2019年规划许可文件',
          formWanted: 'paper',
          delivery: 'post',
          channel: 'post',
          signedForOn: '2026-11-26',
        },
      });
      expect(response.statusCode).toBe(201);
      const body = response.json();
      expect(body).toMatchObject({ receivedOn: '2026-11-26', dueOn: '2026-12-24' });
      expect(body.secret).toMatch(/-/);
      requestId = body.id;
      const detail = (
        await app.inject({ url: `/api/disclosure-requests/${requestId}`, headers: as(clerk) })
      ).json();
      expect(detail.applicant.identityNumber).toBe('1101**********002X');
      expect(detail.availableActions.map((a: { type: string }) => a.type)).toContain('reply');
      expect(detail.availableActions.map((a: { type: string }) => a.type)).not.toContain('approve_extension');
      version = detail.version;
    });

    it('keeps the town clerk out of the bureau’s requests, and the supervisor read-only', async () => {
      expect(
        (await app.inject({ url: `/api/disclosure-requests/${requestId}`, headers: as(townClerk) }))
          .statusCode,
      ).toBe(404);
      const townAct = await app.inject({
        method: 'POST',
        url: `/api/disclosure-requests/${requestId}/actions`,
        headers: as(townClerk),
        payload: { expectedVersion: version, action: { type: 'reply', outcome: 'disclosed' } },
      });
      expect(townAct.statusCode).toBe(404);
      const townList = (await app.inject({ url: '/api/disclosure-requests', headers: as(townClerk) })).json();
      expect(
        townList.rows.every((r: { agencyName: string }) => r.agencyName === '张家港市塘桥镇人民政府'),
      ).toBe(true);
      const feed = await app.inject({
        url: `/api/disclosure-requests/report-feed?agencyId=${clerk.agencyId}&year=2021`,
        headers: as(townClerk),
      });
      expect(feed.statusCode).toBe(404);

      const seen = await app.inject({
        url: `/api/disclosure-requests/${requestId}`,
        headers: as(supervisor),
      });
      expect(seen.statusCode).toBe(200);
      expect(seen.json().availableActions).toEqual([]);
      const supervised = await app.inject({
        method: 'POST',
        url: `/api/disclosure-requests/${requestId}/actions`,
        headers: as(supervisor),
        payload: { expectedVersion: version, action: { type: 'reply', outcome: 'disclosed' } },
      });
      expect(supervised.statusCode).toBe(403);
      expect(supervised.json().error.message).toContain('政务公开主管部门只能查阅');
      const reveal = await app.inject({
        method: 'POST',
        url: `/api/disclosure-requests/${requestId}/identity`,
        headers: as(supervisor),
      });
      expect(reveal.statusCode).toBe(403);
    });

    it('lets one of two clerks win and tells the other, in Chinese, what happened (409)', async () => {
      const [a, b] = await Promise.all([
        app.inject({
          method: 'POST',
          url: `/api/disclosure-requests/${requestId}/actions`,
          headers: as(clerk),
          payload: {
            expectedVersion: version,
            action: { type: 'request_extension', workdays: 10, reason: '需要检索档案' },
          },
        }),
        app.inject({
          method: 'POST',
          url: `/api/disclosure-requests/${requestId}/actions`,
          headers: as(reviewer),
          payload: { expectedVersion: version, action: { type: 'reply', outcome: 'disclosed' } },
        }),
      ]);
      const codes = [a.statusCode, b.statusCode].sort();
      expect(codes).toEqual([200, 409]);
      const loser = a.statusCode === 409 ? a : b;
      expect(loser.json().error.code).toBe('conflict');
      expect(loser.json().error.message).toContain('请刷新页面');
    });

    it('refuses a wrong-state action with 409 invalid_state and its reason', async () => {
      const detail = (
        await app.inject({ url: `/api/disclosure-requests/${requestId}`, headers: as(clerk) })
      ).json();
      const response = await app.inject({
        method: 'POST',
        url: `/api/disclosure-requests/${requestId}/actions`,
        headers: as(clerk),
        payload: { expectedVersion: detail.version, action: { type: 'receive_correction' } },
      });
      expect(response.statusCode).toBe(409);
      expect(response.json().error.code).toBe('invalid_state');
      expect(response.json().error.message).toMatch(/申请当前处于“.+”状态/);
    });

    it('quotes fees with the tier breakdown', async () => {
      const quote = await app.inject({
        url: `/api/disclosure-requests/${requestId}/fee-quote?method=per_page&pages=250`,
        headers: as(clerk),
      });
      expect(quote.json().quote.amountYuan).toBe(4700);
      expect(quote.json().quote.tiers.map((t: { subtotal: number }) => t.subtotal)).toEqual([
        0, 700, 2000, 2000,
      ]);
    });

    it('serves the 计时说明 and archives an issued letter as a downloadable DOCX', async () => {
      const clock = (
        await app.inject({ url: `/api/disclosure-requests/${requestId}/clock`, headers: as(clerk) })
      ).json();
      expect(clock.text).toContain('收到申请日：2026年11月26日');
      const draft = await app.inject({
        method: 'POST',
        url: `/api/disclosure-requests/${requestId}/letters`,
        headers: as(clerk),
        payload: { kind: 'receipt' },
      });
      expect(draft.statusCode).toBe(201);
      const issued = await app.inject({
        method: 'POST',
        url: `/api/disclosure-requests/${requestId}/letters/${draft.json().id}/issue`,
        headers: as(clerk),
        payload: { expectedVersion: draft.json().version },
      });
      expect(issued.statusCode).toBe(200);
      const file = await app.inject({
        url: `/api/disclosure-requests/${requestId}/attachments/${issued.json().attachmentId}`,
        headers: as(clerk),
      });
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toContain('wordprocessingml');
      expect(file.headers['content-disposition']).toContain("filename*=UTF-8''");
      expect(file.rawPayload.subarray(0, 2).toString()).toBe('PK');
    });

    it('accepts a disclosed file up to 10 MB and refuses a larger one', async () => {
      const ok = await app.inject({
        method: 'POST',
        url: `/api/disclosure-requests/${requestId}/attachments`,
        headers: as(clerk),
        payload: {
          kind: 'disclosed_information',
          fileName: '规划许可.pdf',
          contentBase64: Buffer.from('%PDF-1.4 disclosed').toString('base64'),
          visibleToApplicant: true,
        },
      });
      expect(ok.statusCode).toBe(201);
      const big = await app.inject({
        method: 'POST',
        url: `/api/disclosure-requests/${requestId}/attachments`,
        headers: as(clerk),
        payload: {
          kind: 'disclosed_information',
          fileName: 'big.pdf',
          contentBase64: Buffer.alloc(10 * 1024 * 1024 + 1).toString('base64'),
          visibleToApplicant: true,
        },
      });
      expect(big.statusCode).toBe(400);
      expect(big.json().error.message).toMatch(/10 MB|过大/);
    });

    it('serves the report feed and its drill-down: the 2021 sections 三/四 of the bureau equal the seed', async () => {
      const feed = await app.inject({
        url: `/api/disclosure-requests/report-feed?agencyId=${clerk.agencyId}&year=2021`,
        headers: as(clerk),
      });
      expect(feed.statusCode).toBe(200);
      expect(feed.json().section3).toEqual(FIXTURE.section3);
      expect(feed.json().section4).toEqual(FIXTURE.section4);
      const cell = await app.inject({
        url: `/api/disclosure-requests/report-feed/drill-down?agencyId=${clerk.agencyId}&year=2021&section=3&row=new&column=total`,
        headers: as(supervisor),
      });
      expect(cell.json().requests).toHaveLength(2);
      expect(cell.json().label).toContain('本年新收');
    });

    it('shows the dashboard to the supervisor for the subtree and to the clerk for the bureau', async () => {
      const mine = (
        await app.inject({ url: '/api/disclosure-requests/dashboard', headers: as(clerk) })
      ).json();
      expect(mine.byAgency.map((a: { agencyName: string }) => a.agencyName)).toEqual(['张家港市行政审批局']);
      const all = (
        await app.inject({ url: '/api/disclosure-requests/dashboard', headers: as(supervisor) })
      ).json();
      expect(all.byAgency.length).toBeGreaterThanOrEqual(2);
      expect(all.totals.open).toBeGreaterThan(mine.totals.open - 1);
    });

    it('documents the routes in OpenAPI', async () => {
      const openapi = (await app.inject('/api/openapi.json')).json();
      expect(Object.keys(openapi.paths)).toEqual(
        expect.arrayContaining([
          '/api/disclosure-requests',
          '/api/disclosure-requests/{id}/actions',
          '/api/disclosure-requests/report-feed',
          '/api/disclosure-requests/report-feed/drill-down',
        ]),
      );
    });
  });
});
