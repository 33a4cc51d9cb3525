import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  ENGINES,
  fixedClock,
  type TestDatabase,
} from '../../../test/helpers/database.ts';
import { actorsByUsername, encodeGbk, publishInConsole } from '../../../test/helpers/fixtures.ts';
import { findCategory } from '../../core/catalogue/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { addDays } from '../../core/shared/local-date.ts';
import type { Actor } from '../../core/staff/index.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { approveEntry } from '../catalogue/approve-entry.ts';
import { computeReportSection2 } from '../catalogue/compute-report-section2.ts';
import { entryTokens } from '../catalogue/entry-access.ts';
import { listTimeliness } from '../catalogue/list-timeliness.ts';
import type { AppDeps } from '../shared/deps.ts';
import { type DocumentImportOptions, importDocuments } from './import-documents.ts';
import { BATCH_SIZE } from './run-import.ts';
import { type DocumentFileRow, writeDocumentsCsv, writeDocumentsXlsx } from './write-documents-file.ts';

const BUREAU_CODE = '11320582014000028G';
const NORMATIVE = findCategory('a20_01')!.label;

/** An old catalogue: normative documents with 文号 and notices without, over 2021 and 2022. */
function documents(count: number): DocumentFileRow[] {
  return Array.from({ length: count }, (_, i) => {
    const year = i % 2 === 0 ? 2021 : 2022;
    const formedOn = addDays(`${year}-01-04`, (i * 7) % 340);
    const publishedOn = addDays(formedOn, 2 + (i % 5));
    if (i % 3 === 0) {
      return {
        title: `关于第${i + 1}期政务服务“好差评”情况的通报`,
        formedOn,
        publishedOn,
        category: findCategory('a20_05')!.label,
        documentType: '通知公告',
        topic: '政务服务',
      };
    }
    return {
      title: `张家港市行政审批局关于印发《第${i + 1}号行政审批工作规范》的通知`,
      documentNumber: `张审批规〔${year}〕${i + 1}号`,
      formedOn,
      publishedOn,
      category: i % 2 === 0 ? NORMATIVE : 'a20_01',
      documentType: '规范性文件',
      summary: `规范第${i + 1}类行政审批事项的受理、审查和办结。`,
      validity: '现行有效',
    };
  });
}

describe.each(ENGINES)('document import on %s', (engine) => {
  let testDb: TestDatabase;
  let deps: AppDeps;
  let bureauId: string;
  let dir: string;
  let actors = new Map<string, Actor>();
  const as = (username: string) => actors.get(username)!;
  // Friday 27 November 2026, 10:00 in China.
  const clock = fixedClock('2026-11-27T02:00:00Z');
  const rows = documents(BATCH_SIZE + 300);

  const run = (path: string, options: DocumentImportOptions = {}, actor: Actor | null = as('spj.clerk')) =>
    importDocuments(deps, {
      actor,
      agencyId: bureauId,
      file: { path, name: path.split('/').pop()! },
      options,
    });
  const file = (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const published = async () =>
    (
      await createRepositories(deps.db).catalogue.list({
        scope: { kind: 'all' },
        agencyId: bureauId,
        status: 'published',
        limit: 1,
        offset: 0,
      })
    ).total;
  const byTitle = async (title: string) => {
    const { entries } = await createRepositories(deps.db).catalogue.list({
      scope: { kind: 'all' },
      agencyId: bureauId,
      text: title,
      limit: 5,
      offset: 0,
    });
    const entry = entries.find((e) => e.title === title);
    if (!entry) throw new Error(`no entry ${title}`);
    return entry;
  };

  beforeAll(async () => {
    testDb = await createTestDatabase(engine, { demo: true, clock });
    deps = testDb.deps;
    const repos = createRepositories(deps.db);
    actors = await actorsByUsername(deps.db);
    bureauId = (await repos.agencies.findByCode(BUREAU_CODE))!.id;
    dir = mkdtempSync(join(tmpdir(), 'gongkai-document-import-test-'));
  });
  afterAll(async () => {
    await testDb?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('publishes an XLSX across batches with historical dates, rule 索引号 and console tokens; the same rows as CSV add nothing', async () => {
    const before = await published();
    const xlsxPath = join(dir, '规范性文件目录.xlsx');
    const csvPath = join(dir, '规范性文件目录.csv');
    await writeDocumentsXlsx(xlsxPath, rows);
    await writeDocumentsCsv(csvPath, rows);
    const first = await run(xlsxPath);
    expect(first).toMatchObject({
      status: 'succeeded',
      format: 'xlsx',
      rowsRead: rows.length,
      rowsInserted: rows.length,
      rowsUnchanged: 0,
      errorCount: 0,
    });
    expect(first.message).toBe(`导入完成：新增 ${rows.length} 条目录条目`);
    expect(await published()).toBe(before + rows.length);

    // Published with the file's dates; the 文号 written the GB/T 9704 way; the agency as issuer.
    const sample = rows[4]!;
    const entry = await byTitle(sample.title!);
    expect(entry).toMatchObject({
      status: 'published',
      formedOn: sample.formedOn,
      publishedOn: sample.publishedOn,
      documentNumber: '张审批规〔2021〕5号',
      category: 'a20_01',
      documentType: 'normative_document',
      issuingAgencyName: '张家港市行政审批局',
      validity: 'in_force',
      summary: sample.summary,
    });
    const notice = await byTitle(rows[3]!.title!);
    expect(notice).toMatchObject({ documentNumber: null, documentType: 'notice', category: 'a20_05' });

    // 索引号 by the rule, per year of publication, after the demo's 270 numbers of 2021.
    const numbers = await sql<{ indexNumber: string; publishedOn: string }>`
      SELECT index_number, published_on::text AS published_on FROM catalogue_entry
      WHERE import_job_id = ${first.jobId} ORDER BY index_number`.execute(deps.db);
    const of = (year: string) =>
      numbers.rows.filter((r) => r.publishedOn.startsWith(year)).map((r) => r.indexNumber);
    const n2021 = of('2021');
    const n2022 = of('2022');
    expect(n2021.length + n2022.length).toBe(rows.length);
    expect(n2021[0]).toBe('014000028/2021-00271');
    expect(n2021.at(-1)).toBe(`014000028/2021-${String(270 + n2021.length).padStart(5, '0')}`);
    expect(n2022[0]).toBe('014000028/2022-00001');
    expect(n2022.at(-1)).toBe(`014000028/2022-${String(n2022.length).padStart(5, '0')}`);
    // Serials follow publication dates within a year.
    const sorted = [...numbers.rows].filter((r) => r.publishedOn.startsWith('2022'));
    expect(sorted.map((r) => r.publishedOn)).toEqual([...sorted.map((r) => r.publishedOn)].sort());

    // The tokens a console publication on that date would have written.
    for (const e of [entry, notice]) {
      const expected = entryTokens(e, { agencyCode: BUREAU_CODE, publishedOn: e.publishedOn });
      const same = await sql<{ same: boolean }>`
        SELECT search_tokens = array_to_tsvector(${[...new Set(expected)]}::text[]) AS same
        FROM catalogue_entry WHERE id = ${e.id}`.execute(deps.db);
      expect(same.rows[0]!.same).toBe(true);
    }

    // One audit line for the job.
    const audit = await createRepositories(deps.db).auditLog.list({
      scope: { kind: 'all' },
      entityType: 'import_job',
      entityId: first.jobId,
      limit: 5,
      offset: 0,
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'catalogue_entry.imported',
      actorLabel: `${as('spj.clerk').displayName}（spj.clerk）`,
    });

    const again = await run(csvPath);
    expect(again).toMatchObject({
      status: 'succeeded',
      format: 'csv',
      rowsInserted: 0,
      rowsUnchanged: rows.length,
    });
    expect(again.message).toBe(`全部 ${rows.length} 条目录条目此前已经导入，未新增任何记录`);
    expect(await published()).toBe(before + rows.length);
    const job = await createRepositories(deps.db).catalogueImports.findById(again.jobId);
    expect(job).toMatchObject({ target: 'documents', status: 'succeeded', rowsUnchanged: rows.length });
  });

  it('reads a GBK CSV with a title line, aliases, a mapping and one category; keeps a well-formed unused 索引号, renumbers the others, and never gives a kept number again', async () => {
    const text =
      '张家港市行政审批局规范性文件目录（旧系统导出）\r\n' +
      '序号,索引号,文件名称,发文字号,印发日期,上网日期,文种,效力状态,废止日期,废止依据\r\n' +
      '1,014000028/2020-00040,关于印发《行政审批档案管理办法》的通知,张审批规[2020]1号,2020年2月3日,2020/2/10,规范性文件,现行有效,,\r\n' +
      '2,014000028/2021-00005,关于印发《并联审批工作规程》的通知,张审批规〔2020〕2号,2020-03-02,2020-03-09,规范性文件,已废止,2021-06-30,张审批规〔2021〕9号\r\n' +
      '3,ZJG-2020-7,关于印发《审批服务承诺制实施办法》的通知,张审批规〔2020〕3号,2020-04-01,2020-04-03,规范性文件,,,\r\n' +
      '4,014000028/2026-00030,关于印发《帮办代办工作规范》的通知,张审批规〔2026〕1号,2026-01-28,2026-02-02,规范性文件,,,\r\n';
    const report = await run(file('规范性文件-gbk.csv', encodeGbk(text)), {
      defaultCategory: '行政法规、规章和规范性文件',
      mapping: { publishedOn: '上网日期' },
    });
    expect(report).toMatchObject({ status: 'succeeded', rowsRead: 4, rowsInserted: 4 });
    expect(report.ignoredHeaders).toEqual(['序号']);
    expect(report.message).toBe(
      '导入完成：新增 4 条目录条目；其中 2 条的原索引号不符合本机关的索引号规则或已被占用，已按规则重新编号',
    );
    const kept = await byTitle('关于印发《行政审批档案管理办法》的通知');
    expect(kept).toMatchObject({
      indexNumber: '014000028/2020-00040',
      documentNumber: '张审批规〔2020〕1号',
      formedOn: '2020-02-03',
      publishedOn: '2020-02-10',
    });
    // 2021-00005 is the demo's; ZJG-2020-7 is not the rule's shape: the next 2020 numbers, by date.
    expect((await byTitle('关于印发《并联审批工作规程》的通知')).indexNumber).toBe('014000028/2020-00041');
    expect((await byTitle('关于印发《审批服务承诺制实施办法》的通知')).indexNumber).toBe(
      '014000028/2020-00042',
    );
    expect(await byTitle('关于印发《并联审批工作规程》的通知')).toMatchObject({
      validity: 'repealed',
      validityChangedOn: '2021-06-30',
      repealedBy: '张审批规〔2021〕9号',
    });

    // The console's next publication this year draws past the kept 2026-00030.
    const repos = createRepositories(deps.db);
    const { entries } = await repos.catalogue.list({
      scope: { kind: 'all' },
      agencyId: bureauId,
      status: 'in_review',
      limit: 1,
      offset: 0,
    });
    const approved = await approveEntry(deps, {
      actor: as('spj.reviewer'),
      entryId: entries[0]!.id,
      version: entries[0]!.version,
    });
    expect(approved.indexNumber).toBe('014000028/2026-00031');
  });

  it('counts imported entries in timeliness and section 二 exactly as entries published in the console', async () => {
    const before = await computeReportSection2(deps, {
      actor: as('spj.clerk'),
      agencyId: bureauId,
      year: 2026,
    });

    // In the console: formed 9 October, approved today (27 November) — published late.
    const console = await publishInConsole(deps, {
      clerk: as('spj.clerk'),
      reviewer: as('spj.reviewer'),
      agencyId: bureauId,
      entry: {
        title: '关于印发《政务服务“一件事”集成办理规程》的通知',
        documentNumber: '张审批规〔2026〕7号',
        formedOn: '2026-10-09',
        category: 'a20_01',
        documentType: 'normative_document',
      },
    });

    // The same dates from an old system's XLSX (real date cells), with one on time and one repealed.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('目录');
    sheet.addRow(['标题', '文号', '成文日期', '发布日期', '类别', '文种', '有效性', '失效日期', '废止文件']);
    const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
    sheet.addRow([
      '关于印发《政务服务“跨省通办”工作规程》的通知',
      '张审批规〔2026〕8号',
      day('2026-10-09'),
      day('2026-11-27'),
      NORMATIVE,
      '行政规范性文件',
      '有效',
      null,
      null,
    ]);
    sheet.addRow([
      {
        richText: [
          { text: '关于印发《' },
          { text: '容缺受理细则', font: { bold: true } },
          { text: '》的通知' },
        ],
      },
      '张审批规〔2026〕9号',
      day('2026-10-12'),
      day('2026-10-14'),
      'a20_01',
      'normative_document',
      null,
      null,
      null,
    ]);
    sheet.addRow([
      '关于印发《企业开办一窗通办暂行办法》的通知',
      '张审批规〔2026〕2号',
      day('2026-01-05'),
      day('2026-01-07'),
      NORMATIVE,
      '规范性文件',
      '已废止',
      day('2026-09-01'),
      '张审批规〔2026〕7号',
    ]);
    sheet.getColumn(3).numFmt = 'yyyy"年"m"月"d"日"';
    sheet.getColumn(4).numFmt = 'yyyy-mm-dd';
    const path = join(dir, '2026年规范性文件.xlsx');
    await workbook.xlsx.writeFile(path);
    expect(await run(path)).toMatchObject({ status: 'succeeded', rowsInserted: 3 });

    const timeliness = await listTimeliness(deps, { actor: as('spj.clerk'), agencyId: bureauId, year: 2026 });
    const late = new Map(timeliness.entries.publishedLate.map((item) => [item.title, item.clock]));
    const consoleClock = late.get(console.title);
    const importedClock = late.get('关于印发《政务服务“跨省通办”工作规程》的通知');
    expect(consoleClock?.status).toBe('published_late');
    expect(importedClock).toEqual(consoleClock);
    expect(late.has('关于印发《容缺受理细则》的通知')).toBe(false);

    const after = await computeReportSection2(deps, {
      actor: as('spj.clerk'),
      agencyId: bureauId,
      year: 2026,
    });
    expect(after.section2.normative_document).toEqual({
      // The console's and the three imported.
      issued: (before.section2.normative_document.issued ?? 0) + 4,
      repealed: (before.section2.normative_document.repealed ?? 0) + 1,
      in_force: (before.section2.normative_document.in_force ?? 0) + 3,
    });
  });

  it('reports every bad row with its line and column, and publishes nothing of a file that has one', async () => {
    const before = await published();
    const good = documents(40).map((r, i) => ({
      ...r,
      title: `${r.title}（坏文件 ${i}）`,
      documentNumber: r.documentNumber ? `坏${r.documentNumber}` : undefined,
    }));
    const bad: DocumentFileRow[] = [
      ...good.slice(0, 10),
      { ...good[10]!, formedOn: '2021-02-30' },
      { ...good[11]!, category: '工作动态' },
      { ...good[12]!, formedOn: '2021-06-01', publishedOn: '2021-05-31' },
      { ...good[13]!, title: '' },
      ...good.slice(14, 30),
      { ...good[31]!, documentNumber: good[1]!.documentNumber },
      { ...good[32]!, indexNumber: '014000028/2019-00007' },
      { ...good[34]!, indexNumber: '014000028/2019-00007' },
      { ...good[36]!, title: good[3]!.title, formedOn: good[3]!.formedOn, publishedOn: good[3]!.publishedOn },
    ];
    const path = join(dir, 'bad-rows.csv');
    await writeDocumentsCsv(path, bad);
    const result = await run(path);
    expect(result.status).toBe('failed');
    expect(result.errors).toEqual([
      { line: 12, column: '成文日期', message: '成文日期“2021-02-30”不是有效日期（应为 YYYY-MM-DD）' },
      {
        line: 13,
        column: '类别',
        message:
          '类别“工作动态”无法识别（应为《条例》第二十条、第二十一条的事项名称或代码，如“行政法规、规章和规范性文件”或 a20_01）',
      },
      { line: 14, column: '发布日期', message: '发布日期 2021-05-31 早于成文日期 2021-06-01' },
      { line: 15, column: '标题', message: '标题为空' },
      {
        line: 3,
        column: '文号',
        message: `文号“${good[1]!.documentNumber}”在文件中重复出现：第 3、32 行`,
      },
      {
        line: 5,
        column: '标题',
        message: `标题“${good[3]!.title}”（成文日期 ${good[3]!.formedOn}）在文件中重复出现：第 5、35 行`,
      },
      {
        line: 33,
        column: '索引号',
        message: '索引号“014000028/2019-00007”在文件中重复出现：第 33、34 行（索引号全局唯一）',
      },
    ]);
    expect(result.errorCount).toBe(7);
    expect(result.message).toBe(
      '未导入任何记录：34 行数据中发现 7 处问题，请改正后重新导入整个文件（重复导入不会产生重复记录）',
    );
    expect(await published()).toBe(before);
    const job = await createRepositories(deps.db).catalogueImports.findById(result.jobId);
    expect(job).toMatchObject({ status: 'failed', errorCount: 7, target: 'documents' });
  });

  it('refuses rows whose document is in the catalogue with other content or as a draft, naming the columns', async () => {
    const before = await published();
    const changed = { ...rows[4]!, summary: '改过的摘要', topic: '改过的主题' };
    const draft: DocumentFileRow = {
      title: '关于公布2026年度政务服务事项目录的通知',
      documentNumber: '张审批〔2026〕3号',
      formedOn: '2026-11-20',
      publishedOn: '2026-11-23',
      category: 'a20_05',
      documentType: '通知公告',
    };
    const path = join(dir, 'conflicts.csv');
    await writeDocumentsCsv(path, [changed, rows[5]!, draft]);
    const report = await run(path);
    expect(report.status).toBe('failed');
    expect(report.errors).toEqual([
      {
        line: 2,
        column: '文号',
        message:
          '文号“张审批规〔2021〕5号”已在目录中，但本文件中的摘要、主题与目录中的条目不同；已公开的条目不会被覆盖，如需更正请在控制台修改',
      },
      {
        line: 4,
        column: '文号',
        message: '文号“张审批〔2026〕3号”在目录中已有“草稿”的条目，请先在控制台处理该条目再导入',
      },
    ]);
    expect(await published()).toBe(before);
  });

  it('refuses a file without the required columns before reading rows, and an agency outside the actor’s scope', async () => {
    const report = await run(file('columns.csv', '名字,日期,备注\n某文件,2021-01-01,\n'));
    expect(report.status).toBe('failed');
    expect(report.rowsRead).toBe(0);
    const said = report.errors.map((e) => e.message).join('；');
    for (const column of ['标题', '成文日期', '发布日期', '类别', '文种'])
      expect(said).toContain(`缺少必需的列“${column}”`);
    const refused = await run(file('ok.csv', 'x'), {}, as('tq.clerk')).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('not_found');
    const wrongCategory = await run(file('ok2.csv', 'x'), { defaultCategory: '筹资筹劳' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect((wrongCategory as DomainError).message).toContain('不是本机关适用的');
  });
});
