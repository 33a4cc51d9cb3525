import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  ENGINES,
  fixedClock,
  type TestDatabase,
} from '../../../test/helpers/database.ts';
import { encodeGbk, insertBureau } from '../../../test/helpers/fixtures.ts';
import type { DecisionInput } from '../../core/catalogue/index.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { demoDecisions } from '../demo/catalogue.seed.ts';
import type { AppDeps } from '../shared/deps.ts';
import { BATCH_SIZE, importDecisions } from './import-decisions.ts';
import { MAX_XLSX_BYTES } from './read-table.ts';
import { writeDecisionsCsv, writeDecisionsXlsx } from './write-decisions-file.ts';

describe.each(ENGINES)('decision import on %s', (engine) => {
  let testDb: TestDatabase;
  let deps: AppDeps;
  let agencyId: string;
  let dir: string;
  const rows = demoDecisions().slice(0, BATCH_SIZE + 1000);

  const count = () => createRepositories(deps.db).decisions.count(agencyId);
  const run = (path: string, options: Parameters<typeof importDecisions>[1]['options'] = {}) =>
    importDecisions(deps, { actor: null, agencyId, file: { path, name: path.split('/').pop()! }, options });
  const csv = (name: string, text: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const header = '决定类别,文号,决定名称,行政相对人名称,决定日期\n';

  beforeAll(async () => {
    testDb = await createTestDatabase(engine, { clock: fixedClock('2026-11-27T02:00:00Z') });
    deps = testDb.deps;
    agencyId = await insertBureau(deps.db);
    dir = mkdtempSync(join(tmpdir(), 'gongkai-import-test-'));
  });
  afterAll(async () => {
    await testDb?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('imports a CSV across batches, then adds nothing when the same rows come again as CSV or XLSX', async () => {
    const csvPath = join(dir, 'decisions.csv');
    const xlsxPath = join(dir, 'decisions.xlsx');
    await writeDecisionsCsv(csvPath, rows);
    await writeDecisionsXlsx(xlsxPath, rows);
    const first = await run(csvPath);
    expect(first).toMatchObject({
      status: 'succeeded',
      format: 'csv',
      rowsRead: rows.length,
      rowsInserted: rows.length,
      rowsUnchanged: 0,
    });
    expect(await count()).toBe(rows.length);
    const again = await run(csvPath);
    expect(again).toMatchObject({ status: 'succeeded', rowsInserted: 0, rowsUnchanged: rows.length });
    expect(again.message).toContain('未新增任何记录');
    const asXlsx = await run(xlsxPath);
    expect(asXlsx).toMatchObject({
      status: 'succeeded',
      format: 'xlsx',
      rowsInserted: 0,
      rowsUnchanged: rows.length,
    });
    expect(await count()).toBe(rows.length);

    const repos = createRepositories(deps.db);
    const job = await repos.catalogueImports.findById(first.jobId);
    expect(job).toMatchObject({
      status: 'succeeded',
      phase: 'done',
      rowsInserted: rows.length,
      fileName: 'decisions.csv',
    });
    const audit = await repos.auditLog.list({
      scope: { kind: 'all' },
      entityType: 'import_job',
      entityId: first.jobId,
      limit: 5,
      offset: 0,
    });
    expect(audit[0]).toMatchObject({ action: 'decision.imported', actorLabel: '命令行导入' });
    // Chinese text survives the XLSX round trip byte for byte (exceljs' reader does not; ours must).
    const sample = await repos.decisions.list({
      agencyId,
      text: rows[4321]!.documentNumber,
      limit: 1,
      offset: 0,
    });
    expect(sample.items[0]).toMatchObject({
      title: rows[4321]!.title,
      counterpartyName: rows[4321]!.counterpartyName,
    });
  });

  it('adds only the new rows of a longer file', async () => {
    const more = demoDecisions().slice(0, rows.length + 10);
    const path = join(dir, 'more.xlsx');
    await writeDecisionsXlsx(path, more);
    expect(await run(path)).toMatchObject({
      status: 'succeeded',
      rowsInserted: 10,
      rowsUnchanged: rows.length,
    });
    expect(await count()).toBe(rows.length + 10);
  });

  it('refuses a file without the required columns before reading rows', async () => {
    const before = await count();
    const report = await run(csv('columns.csv', '名字,日期,备注\n某公司,2021-01-01,\n'));
    expect(report.status).toBe('failed');
    expect(report.rowsRead).toBe(0);
    expect(report.message).toContain('文件的列不符合要求');
    expect(report.errors.map((e) => e.message).join('；')).toContain('缺少必需的列“文号”');
    expect(await count()).toBe(before);
  });

  it('reports every bad row with its line and imports nothing of a file that has one', async () => {
    const before = await count();
    const good = demoDecisions()
      .slice(-100)
      .map((d) => `行政许可,${d.documentNumber},${d.title},${d.counterpartyName},${d.decidedOn}`);
    const text = `${header}${good.slice(0, 50).join('\n')}\n行政许可,坏〔2021〕1号,甲,甲公司,2021-02-30\n行政确认,坏〔2021〕2号,乙,乙公司,2021-03-01\n行政许可,坏〔2021〕3号,丙,,2021/3/1\n${good.slice(50).join('\n')}\n`;
    const report = await run(csv('bad.csv', text));
    expect(report.status).toBe('failed');
    expect(report.errorCount).toBe(3);
    expect(report.errors).toEqual([
      { line: 52, column: '决定日期', message: '决定日期“2021-02-30”不是有效日期（应为 YYYY-MM-DD）' },
      {
        line: 53,
        column: '决定类别',
        message: '决定类别“行政确认”无法识别（应为 行政许可、行政处罚 或 行政强制）',
      },
      { line: 54, column: '行政相对人名称', message: '行政相对人名称为空' },
    ]);
    expect(report.message).toContain('未导入任何记录');
    expect(await count()).toBe(before);
    const job = await createRepositories(deps.db).catalogueImports.findById(report.jobId);
    expect(job).toMatchObject({ status: 'failed', errorCount: 3 });
    expect(job?.errors).toHaveLength(3);
  });

  it('refuses a 文号 that appears twice in one file, even batches apart', async () => {
    const before = await count();
    const fresh = Array.from({ length: BATCH_SIZE + 200 }, (_, i) => ({
      ...rows[0]!,
      documentNumber: `重〔2026〕${i + 1}号`,
    })) as DecisionInput[];
    fresh.push({ ...fresh[3]!, title: '重复文号的另一份决定' });
    const path = join(dir, 'duplicates.csv');
    await writeDecisionsCsv(path, fresh);
    const report = await run(path);
    expect(report.status).toBe('failed');
    expect(report.errors).toEqual([
      {
        line: 5,
        column: '文号',
        message: `文号“重〔2026〕4号”（行政许可）在文件中重复出现：第 5、${fresh.length + 1} 行`,
      },
    ]);
    expect(await count()).toBe(before);
  });

  it('refuses a row that contradicts a decision already imported, and names the fields', async () => {
    const before = await count();
    const changed = { ...rows[10]!, title: '改过的决定名称', content: '改过的决定内容' };
    const path = join(dir, 'conflict.csv');
    await writeDecisionsCsv(path, [changed, { ...rows[11]!, documentNumber: '全新〔2026〕1号' }]);
    const report = await run(path);
    expect(report.status).toBe('failed');
    expect(report.errors[0]).toMatchObject({ line: 2, column: '文号' });
    expect(report.errors[0]!.message).toContain('决定名称、决定内容');
    expect(await count()).toBe(before);
  });

  it('reads a GBK CSV with a title line, known column aliases, an explicit mapping and one kind for all', async () => {
    const before = await count();
    const text =
      '2021年行政处罚决定公示表\r\n' +
      '序号,处罚决定书文号,案件名称,被处罚人,日期,罚款金额（元）\r\n' +
      '1,张审罚〔2021〕1号,未按规定公示年度报告案,张家港某某商贸有限公司,2021年3月4日,"5,000"\r\n' +
      '2,张审罚〔2021〕2号,超范围经营案,张家港某某餐饮店,2021/3/5,800.5\r\n';
    const report = await run(csv('penalties-gbk.csv', encodeGbk(text)), {
      defaultKind: 'penalty',
      mapping: { decidedOn: '日期' },
    });
    expect(report).toMatchObject({ status: 'succeeded', rowsRead: 2, rowsInserted: 2 });
    expect(report.ignoredHeaders).toEqual(['序号']);
    const list = await createRepositories(deps.db).decisions.list({
      agencyId,
      kind: 'penalty',
      limit: 5,
      offset: 0,
    });
    expect(list.items.map((d) => [d.documentNumber, d.decidedOn, d.amountYuan])).toEqual([
      ['张审罚〔2021〕2号', '2021-03-05', 800.5],
      ['张审罚〔2021〕1号', '2021-03-04', 5000],
    ]);
    expect(await count()).toBe(before + 2);
  });

  it('reads dates, numbers and rich text from an XLSX written by Excel-like tools', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.created = new Date(Date.UTC(2021, 0, 1));
    const sheet = workbook.addWorksheet('强制');
    sheet.addRow(['决定类别', '文号', '决定名称', '当事人', '决定日期', '公示日期']);
    sheet.addRow([
      '行政强制',
      '张审强〔2021〕1号',
      { richText: [{ text: '查封' }, { text: '违法建筑', font: { bold: true } }] },
      '张家港某某建材有限公司',
      new Date(Date.UTC(2021, 5, 30)),
      new Date(Date.UTC(2021, 6, 2)),
    ]);
    sheet.getColumn(5).numFmt = 'yyyy"年"m"月"d"日"';
    sheet.getColumn(6).numFmt = 'yyyy-mm-dd';
    const path = join(dir, 'coercion.xlsx');
    await workbook.xlsx.writeFile(path);
    const report = await run(path);
    expect(report).toMatchObject({ status: 'succeeded', rowsInserted: 1 });
    const [decision] = (
      await createRepositories(deps.db).decisions.list({ agencyId, kind: 'coercion', limit: 1, offset: 0 })
    ).items;
    expect(decision).toMatchObject({
      title: '查封违法建筑',
      decidedOn: '2021-06-30',
      publishedOn: '2021-07-02',
    });
  });

  it('refuses files it cannot read with a plain reason', async () => {
    const before = await count();
    const cases: [string, string | Buffer, string][] = [
      ['empty.csv', '', '文件为空'],
      ['header-only.csv', header, '表头之后没有数据行'],
      ['quote.csv', `${header}行政许可,"X〔2021〕1号,甲,甲公司,2021-01-04\n`, '引号没有闭合'],
      ['old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), '不支持旧版 Excel'],
      [
        'broken.xlsx',
        Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64)]),
        '无法读取 XLSX',
      ],
    ];
    for (const [name, content, message] of cases) {
      const path = csv(name, content);
      const report = await run(path);
      expect(report.status, name).toBe('failed');
      expect(report.message, name).toContain(message);
    }
    expect(await count()).toBe(before);
  });

  it('refuses an XLSX too large to read in bounded memory, pointing to CSV', async () => {
    const path = join(dir, 'huge.xlsx');
    const fd = openSync(path, 'w');
    writeSync(fd, Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    closeSync(fd);
    // A sparse file: the size is real, the disk blocks are not written.
    const { truncateSync } = await import('node:fs');
    truncateSync(path, MAX_XLSX_BYTES + 1);
    const report = await run(path);
    expect(report.status).toBe('failed');
    expect(report.message).toContain('另存为 CSV');
    expect(report.message).toContain('不限大小');
  });
});
