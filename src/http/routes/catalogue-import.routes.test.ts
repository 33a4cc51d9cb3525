import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, fixedClock, type TestDatabase } from '../../../test/helpers/database.ts';
import { as, createTestServer, type LoggedIn, logInAs } from '../../../test/helpers/http.ts';
import { DEMO_PASSWORD } from '../../app/demo/demo-region.ts';
import { openTable } from '../../app/import/read-table.ts';

describe('HTTP: importing catalogue documents (preview, template, job)', () => {
  let testDb: TestDatabase;
  let app: FastifyInstance;
  let clerk: LoggedIn;
  let townClerk: LoggedIn;
  let dir: string;

  beforeAll(async () => {
    testDb = await createTestDatabase('pglite', { demo: true, clock: fixedClock('2026-11-27T02:00:00Z') });
    app = await createTestServer(testDb);
    clerk = await logInAs(app, 'spj.clerk', DEMO_PASSWORD);
    townClerk = await logInAs(app, 'tq.clerk', DEMO_PASSWORD);
    dir = mkdtempSync(join(tmpdir(), 'gongkai-import-routes-'));
  });
  afterAll(async () => {
    await app?.close();
    await testDb?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const waitForJob = async (id: string) => {
    for (let i = 0; i < 200; i++) {
      const job = (await app.inject({ url: `/api/catalogue/imports/${id}`, headers: as(clerk) })).json();
      if (job.status !== 'running') return job;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('import did not finish');
  };
  const post = (path: string, body: Buffer | string, session = clerk) =>
    app.inject({
      method: 'POST',
      url: path,
      headers: { ...as(session), 'content-type': 'application/octet-stream' },
      payload: Buffer.from(body),
    });

  const csv =
    '\uFEFF旧系统目录导出\n' +
    '序号,文件名称,发文字号,印发日期,上网时间,信息类别,文种\n' +
    '1,关于印发《政务服务事项目录管理办法》的通知,张审批规〔2022〕4号,2022-05-06,2022-05-09,a20_01,规范性文件\n' +
    '2,关于延长政务服务中心窗口服务时间的通告,,2022-06-01,2022-06-02,机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名,通知公告\n';

  it('previews the head of a file: header below a title line, guessed columns, the column to map by hand, samples', async () => {
    const response = await post(
      `/api/catalogue/imports/preview?agencyId=${clerk.agencyId}&target=documents&fileName=old.csv`,
      csv,
    );
    expect(response.statusCode).toBe(200);
    const preview = response.json();
    expect(preview).toMatchObject({
      format: 'csv',
      encoding: 'utf-8',
      headerLine: 2,
      headers: ['序号', '文件名称', '发文字号', '印发日期', '上网时间', '信息类别', '文种'],
    });
    const header = Object.fromEntries(
      preview.fields.map((f: { field: string; header: string | null }) => [f.field, f.header]),
    );
    expect(header).toMatchObject({
      title: '文件名称',
      documentNumber: '发文字号',
      formedOn: '印发日期',
      publishedOn: null,
      category: '信息类别',
      documentType: '文种',
    });
    expect(preview.problems.join('；')).toContain('缺少必需的列“发布日期”');
    expect(preview.sampleRows[0][1]).toBe('关于印发《政务服务事项目录管理办法》的通知');
    expect(
      (
        await post(
          `/api/catalogue/imports/preview?agencyId=${clerk.agencyId}&target=documents&fileName=old.csv`,
          csv,
          townClerk,
        )
      ).statusCode,
    ).toBe(404);
  });

  it('imports documents with the mapping chosen after the preview, once', async () => {
    const start = (mapping: string) =>
      post(
        `/api/catalogue/imports?agencyId=${clerk.agencyId}&target=documents&fileName=old.csv&mapping=${encodeURIComponent(mapping)}`,
        csv,
      );
    const started = await start('发布日期=上网时间');
    expect(started.statusCode).toBe(202);
    expect(started.json()).toMatchObject({ target: 'documents', fileName: 'old.csv' });
    const done = await waitForJob(started.json().id);
    expect(done).toMatchObject({
      status: 'succeeded',
      rowsInserted: 2,
      message: '导入完成：新增 2 条目录条目',
    });
    const again = await waitForJob((await start('publishedOn=上网时间')).json().id);
    expect(again).toMatchObject({ status: 'succeeded', rowsInserted: 0, rowsUnchanged: 2 });

    const list = (
      await app.inject({
        url: `/api/catalogue/entries?agencyId=${clerk.agencyId}&text=${encodeURIComponent('政务服务事项目录管理办法')}`,
        headers: as(clerk),
      })
    ).json();
    expect(list.entries[0]).toMatchObject({
      status: 'published',
      formedOn: '2022-05-06',
      publishedOn: '2022-05-09',
      indexNumber: '014000028/2022-00001',
      documentType: 'normative_document',
    });
    const jobs = (
      await app.inject({ url: `/api/catalogue/imports?agencyId=${clerk.agencyId}`, headers: as(clerk) })
    ).json();
    expect(jobs.filter((j: { target: string }) => j.target === 'documents')).toHaveLength(2);

    const unknownField = await start('颜色=红');
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().error.message).toContain('列映射中的字段“颜色”不存在');
  });

  it('serves the XLSX template: columns with examples first, then notes and the agency’s categories', async () => {
    const response = await app.inject({
      url: `/api/catalogue/imports/template?agencyId=${clerk.agencyId}&target=documents`,
      headers: as(clerk),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(response.headers['content-disposition'] as string)).toContain(
      '政府信息公开目录导入模板.xlsx',
    );
    const path = join(dir, 'template.xlsx');
    writeFileSync(path, response.rawPayload);
    const table = await openTable(path, 'template.xlsx');
    const rows = [];
    for await (const batch of table.batches()) rows.push(...batch);
    expect(rows[0]!.cells).toEqual([
      '索引号',
      '标题',
      '文号',
      '成文日期',
      '发布日期',
      '类别',
      '文种',
      '主题',
      '发布机构',
      '摘要',
      '正文',
      '有效性',
      '失效日期',
      '废止文件',
    ]);
    expect(rows).toHaveLength(4);

    // The template's own examples import as they are.
    const started = await post(
      `/api/catalogue/imports?agencyId=${clerk.agencyId}&target=documents&fileName=template.xlsx`,
      response.rawPayload,
    );
    const done = await waitForJob(started.json().id);
    expect(done).toMatchObject({ status: 'succeeded', rowsInserted: 3 });

    const decisions = await app.inject({
      url: `/api/catalogue/imports/template?agencyId=${clerk.agencyId}&target=decisions`,
      headers: as(clerk),
    });
    expect(decisions.statusCode).toBe(200);
  });
});
