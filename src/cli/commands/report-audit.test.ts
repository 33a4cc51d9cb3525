/**
 * `gongkai report check` and `report compile` through their CLI entry functions: every shared fixture
 * and every fixture of our own, exit statuses, the JSON shape, round trips through the exports, and a
 * compilation equal to the cell-wise sum. One test runs the real `gongkai` binary with no database.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_DIR } from '../../../test/helpers/shared-fixtures.ts';
import { ReportTablesSchema } from '../../contract/annual-report.ts';
import {
  diffTables,
  emptyReportTables,
  listCells,
  type ReportModel,
  type ReportTables,
  readCell,
  reportTitle,
  writeCell,
} from '../../core/annual-report/index.ts';
import { renderReport } from '../../export/index.ts';
import { parseReport } from '../../report-parser/index.ts';
import { type CliIo, runReportCheck, runReportCompile } from './report-audit.ts';

const SHARED = process.env.GONGKAI_SHARED ?? SHARED_DIR;
const OWN = resolve(import.meta.dirname, '../../../test/fixtures/reports');
const FIXTURE_DIRS = [
  ...['fixtures/seed', 'fixtures/reports', 'fixtures/github-reports'].map((d) => join(SHARED, d)),
  OWN,
];
const SEED = join(SHARED, 'fixtures/seed/zhangjiagang-approval-bureau-2021.txt');
const HONGZE_2023_PDF = join(SHARED, 'fixtures/github-reports/kiro__hongze-district-2023.pdf');

/** Published-text errors the fixtures carry beyond their expected table findings. */
const PUBLISHED_ERRORS: Record<string, string[]> = {
  // Published 2023-02-15, after the 31 January deadline of a department (条例第四十九条).
  'sample-bureau-2022.flattened.html-gbk': ['deadline'],
};

function capture(): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        append(String(chunk));
        done();
      },
    });
  return {
    stdout: sink((s) => {
      out += s;
    }),
    stderr: sink((s) => {
      err += s;
    }),
    out: () => out,
    err: () => err,
  };
}

interface CheckJson {
  file: string;
  agency: string | null;
  year: number | null;
  formatVersion: string | null;
  tables: ReportTables | null;
  provenance: Record<string, { source: string; text: string }>;
  unread: { cell: string; reason: string }[];
  findings: {
    id: string;
    rule?: string;
    check?: string;
    kind: string;
    severity: string;
    cells: string[];
    values: Record<string, number | null>;
    message: string;
  }[];
  error?: string;
}

async function check(
  paths: string[],
): Promise<{ status: number; results: CheckJson[]; io: ReturnType<typeof capture> }> {
  const io = capture();
  const status = await runReportCheck(paths, { json: true }, io);
  return { status, results: JSON.parse(io.out()) as CheckJson[], io };
}

interface Expected {
  agency: string;
  year: number;
  formatVersion: string;
  findings: { rule: string; severity: string; cells: string[] }[];
}

const fixtures = FIXTURE_DIRS.flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => !f.endsWith('.json') && f !== 'README.md' && !f.endsWith('.ts'))
    .map((file) => {
      const base = file.replace(/\.pdftotext-layout\.txt$|\.(txt|html|html-gbk|md|pdf|docx)$/, '');
      return { file, path: join(dir, file), expected: join(dir, `${base}.expected.json`) };
    }),
);

let temp: string;
beforeAll(() => {
  temp = mkdtempSync(join(tmpdir(), 'gongkai-report-audit-'));
});
afterAll(() => {
  rmSync(temp, { recursive: true, force: true });
});

describe('report check on every fixture', () => {
  it('finds them all', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(19);
  });

  for (const { file, path, expected: expectedPath } of fixtures) {
    it(file, async () => {
      const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as Expected;
      const { status, results } = await check([path]);
      expect(results).toHaveLength(1);
      const [result] = results as [CheckJson];
      expect(Object.keys(result)).toEqual(
        expect.arrayContaining([
          'file',
          'agency',
          'year',
          'formatVersion',
          'tables',
          'provenance',
          'findings',
        ]),
      );
      expect(result.file).toBe(path);
      expect(result.year).toBe(expected.year);
      expect(result.formatVersion).toBe(expected.formatVersion);
      expect(expected.agency.endsWith(result.agency ?? '∅')).toBe(true);

      // The tables as the expected JSON beside the fixture, cell for cell (nulls included).
      const tables = ReportTablesSchema.parse({ ...result.tables, agency: expected.agency });
      expect(diffTables(tables, ReportTablesSchema.parse(expected))).toEqual([]);
      for (const { cell, value } of listCells(tables)) {
        if (value === null)
          expect(
            result.unread.some((u) => u.cell === cell),
            cell,
          ).toBe(true);
        else expect(result.provenance[cell]?.text, cell).toBeTruthy();
      }

      // Every expected R1–R4 finding is reported, with a rule id and the figures of its cells.
      for (const f of expected.findings) {
        const found = result.findings.find(
          (g) => g.rule === f.rule && [...g.cells].sort().join() === [...f.cells].sort().join(),
        );
        expect(found, `${f.rule} ${f.cells.join()}`).toBeDefined();
        for (const cell of f.cells) expect(typeof found?.values[cell]).toBe('number');
      }
      for (const f of result.findings) {
        expect(f.id).toBe(f.rule ?? f.check);
        expect(['error', 'warning']).toContain(f.severity);
      }
      const publishedErrors = result.findings
        .filter((f) => f.check && f.severity === 'error')
        .map((f) => f.check);
      expect(publishedErrors).toEqual(PUBLISHED_ERRORS[file] ?? []);

      const breaks = expected.findings.some((f) => f.severity === 'error') || publishedErrors.length > 0;
      expect(status).toBe(breaks ? 1 : 0);
    });
  }
});

describe('report check: exit statuses and summaries', () => {
  it('flags the published 洪泽区 2023 PDF with R4 and exits 1', async () => {
    const { status, results } = await check([HONGZE_2023_PDF]);
    expect(status).toBe(1);
    const r4 = results[0]!.findings.filter((f) => f.rule === 'R4');
    expect(r4.map((f) => f.cells[0])).toEqual([
      'section4.reconsideration.upheld',
      'section4.litigation_after_reconsideration.upheld',
    ]);
    expect(r4[0]!.values).toMatchObject({
      'section4.reconsideration.upheld': 10,
      'section4.reconsideration.total': 0,
    });
    expect(results[0]!.provenance['section4.reconsideration.total']).toMatchObject({
      source: 'pdf',
      page: 4,
    });
  });

  it('prints a readable Chinese summary by default', async () => {
    const io = capture();
    const status = await runReportCheck([HONGZE_2023_PDF], {}, io);
    expect(status).toBe(1);
    const text = io.out();
    expect(text).toContain('机关：淮安市洪泽区人民政府');
    expect(text).toContain('年度：2023');
    expect(text).toContain('单元格：读出 186 个，未读出 21 个');
    expect(text).toContain(
      '[R4 错误] 第四部分行政复议：结果维持10+结果纠正1+其他结果0+尚未审结0=11，但总计栏为0',
    );
    // Each figure of the finding with the place it was printed.
    expect(text).toMatch(/第四部分行政复议“总计” = 0（第4页（x \d+，y \d+）印作“0”）/);
    expect(text).toContain('六个部分齐全、顺序正确');
    expect(text).toContain('结论：不通过');
  });

  it('exits 2 for a file that is not a report, a missing file and an empty file, and says why', async () => {
    const empty = join(temp, 'empty.txt');
    writeFileSync(empty, '');
    const { status, results } = await check([join(OWN, 'generate.ts'), join(temp, 'missing.pdf'), empty]);
    expect(status).toBe(2);
    expect(results.map((r) => r.error)).toEqual([
      expect.stringContaining('未读出任何表格数字'),
      '文件不存在',
      '文件为空',
    ]);
    expect(results.every((r) => r.tables === null && r.findings.length === 0)).toBe(true);
  });

  it('exits 2 when one of several files is unreadable, even if another breaks a rule', async () => {
    const image = join(temp, 'scan.png');
    writeFileSync(image, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]));
    const { status, results } = await check([HONGZE_2023_PDF, image]);
    expect(status).toBe(2);
    expect(results[1]!.error).toContain('图片');
  });

  it('exits 0 for a report that breaks no rule', async () => {
    expect((await check([SEED])).status).toBe(0);
  });

  it('reads the report files inside a ZIP archive and walks directories', async () => {
    const zip = new JSZip();
    zip.file('报告/洪泽区2023.pdf', readFileSync(HONGZE_2023_PDF));
    zip.file('报告/审批局2021.txt', readFileSync(SEED));
    zip.file('说明.json', '{}');
    const archive = join(temp, 'reports.zip');
    writeFileSync(archive, await zip.generateAsync({ type: 'uint8array' }));
    const { status, results } = await check([archive]);
    expect(results.map((r) => r.file).sort()).toEqual([
      `${archive}!/报告/审批局2021.txt`,
      `${archive}!/报告/洪泽区2023.pdf`,
    ]);
    expect(status).toBe(1);

    const dir = await check([join(SHARED, 'fixtures/reports')]);
    // README.md and the expected JSON are not reports; every rendering is.
    expect(dir.results.map((r) => r.file.split('/').pop()).sort()).toEqual(
      readdirSync(join(SHARED, 'fixtures/reports'))
        .filter((f) => !f.endsWith('.json') && f !== 'README.md')
        .sort(),
    );
  });

  it('checks R6/R7 against the same agency’s previous-year report given in the same run', async () => {
    const y2023 = join(SHARED, 'fixtures/github-reports/kiro__hongze-district-2023.pdf');
    const y2024 = join(SHARED, 'fixtures/github-reports/kiro__hongze-district-2024.pdf');
    const alone = (await check([y2024])).results[0]!;
    expect(alone.findings.some((f) => f.rule === 'R6' || f.rule === 'R7')).toBe(false);
    const { results } = await check([y2023, y2024]);
    expect((results[1] as unknown as { previous: { label: string; year: number } }).previous).toEqual({
      label: y2023,
      year: 2023,
    });

    // A previous report whose 结转下年度 disagrees with this year's 上年结转 is an R6 breach.
    const text = readFileSync(
      join(SHARED, 'fixtures/github-reports/kiro__hongze-district-2024.pdftotext-layout.txt'),
      'utf8',
    );
    const parsed = await parseReport({ fileName: 'x.txt', bytes: new TextEncoder().encode(text) });
    const carried = parsed.tables.section3.carried_over.total;
    expect(carried).not.toBeNull();
    const model2023: ReportModel = {
      agencyName: '淮安市洪泽区人民政府',
      year: 2023,
      formatVersion: '2021',
      title: reportTitle('淮安市洪泽区人民政府', 2023),
      tables: {
        ...parsed.tables,
        year: 2023,
        section3: {
          ...parsed.tables.section3,
          carried_forward: { ...parsed.tables.section3.carried_forward, total: (carried ?? 0) + 7 },
        },
      },
      prose: { preamble: '', overview: '', problems: '', otherMatters: '' },
    };
    const previousFile = join(temp, 'hongze-2023.html');
    writeFileSync(previousFile, (await renderReport(model2023, 'html')).bytes);
    const breach = await check([previousFile, y2024]);
    const r6 = breach.results[1]!.findings.find((f) => f.rule === 'R6');
    expect(r6?.values).toEqual({
      'section3.carried_over.total': carried,
      'previous.section3.carried_forward.total': (carried ?? 0) + 7,
    });
    expect(breach.status).toBe(1);
  });

  it('draws a progress bar on a terminal’s stderr for more than a few files, and none otherwise', async () => {
    const paths = fixtures
      .filter((f) => f.file.endsWith('.txt'))
      .map((f) => f.path)
      .slice(0, 5);
    expect(paths).toHaveLength(5);
    const piped = await check(paths);
    expect(piped.io.err()).toBe('');

    const terminal = capture();
    Object.assign(terminal.stderr, { isTTY: true, columns: 120 });
    await runReportCheck(paths, { json: true }, terminal);
    expect(terminal.err()).toContain('读取报告');
    expect(terminal.err()).toContain('5/5');
    expect(JSON.parse(terminal.out())).toHaveLength(5);

    const few = capture();
    Object.assign(few.stderr, { isTTY: true, columns: 120 });
    await runReportCheck(paths.slice(0, 3), { json: true }, few);
    expect(few.err()).toBe('');
  });
});

describe('round trip: report check on generated exports returns the model', () => {
  const models: { name: string; tables: () => ReportTables }[] = [
    {
      name: 'the seed (张家港市行政审批局 2021)',
      tables: () =>
        ReportTablesSchema.parse(
          JSON.parse(
            readFileSync(
              join(SHARED, 'fixtures/seed/zhangjiagang-approval-bureau-2021.expected.json'),
              'utf8',
            ),
          ),
        ),
    },
    {
      name: 'a 2019-format report with a merged row',
      tables: () =>
        ReportTablesSchema.parse(
          JSON.parse(
            readFileSync(join(SHARED, 'fixtures/reports/example-city-2020.format2019.expected.json'), 'utf8'),
          ),
        ),
    },
    {
      name: 'a report with blank cells',
      tables: () =>
        ReportTablesSchema.parse(
          JSON.parse(
            readFileSync(join(SHARED, 'fixtures/reports/hongze-district-2024.portal.expected.json'), 'utf8'),
          ),
        ),
    },
  ];

  for (const { name, tables: load } of models) {
    it(name, async () => {
      const tables = load();
      const seedProse = (
        await parseReport({ fileName: 'seed.txt', bytes: new Uint8Array(readFileSync(SEED)) })
      ).prose;
      const model: ReportModel = {
        agencyName: tables.agency,
        year: tables.year,
        formatVersion: tables.formatVersion,
        title: reportTitle(tables.agency, tables.year),
        tables,
        prose:
          tables.agency === '张家港市行政审批局'
            ? seedProse
            : { preamble: '', overview: '', problems: '', otherMatters: '' },
      };
      const files: string[] = [];
      for (const format of ['docx', 'html', 'txt'] as const) {
        const rendered = await renderReport(model, format);
        const path = join(temp, `${tables.agency}-${tables.year}.${rendered.extension}`);
        writeFileSync(path, rendered.bytes);
        files.push(path);
      }
      const { status, results } = await check(files);
      expect(results).toHaveLength(3);
      for (const result of results) {
        expect(result.agency, result.file).toBe(tables.agency);
        expect(result.year, result.file).toBe(tables.year);
        expect(result.formatVersion, result.file).toBe(tables.formatVersion);
        expect(diffTables(tables, result.tables!), result.file).toEqual([]);
        expect(result.tables!.section3_merged !== undefined).toBe(tables.section3_merged !== undefined);
        expect(result.tables!.section2_2019 !== undefined).toBe(tables.section2_2019 !== undefined);
      }
      if (tables.agency === '张家港市行政审批局') expect(status).toBe(0);
    });
  }
});

describe('round trip on generated models with random figures, blanks and fees', () => {
  /** A fixed-seed generator: the same models every run, so a failure can be replayed. */
  function generator(seed: number) {
    let state = seed;
    return () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
  }

  it('reads back every cell of six models from their DOCX, HTML and TXT exports', async () => {
    const random = generator(20260301);
    const agencies = ['张家港市行政审批局', '淮安市人民政府', '张家港市塘桥镇人民政府'];
    const files: { path: string; tables: ReportTables }[] = [];
    for (let i = 0; i < 6; i++) {
      const tables = emptyReportTables(agencies[i % 3]!, 2021 + (i % 4), 0);
      for (const { cell } of listCells(tables)) {
        const r = random();
        let value: number | null =
          r < 0.1 ? null : r < 0.5 ? 0 : Math.floor(random() * (r < 0.9 ? 30 : 50_000));
        if (cell.endsWith('amount_wan_yuan') && value !== null)
          value = Math.round(random() * 1_000_000) / 10_000;
        writeCell(tables, cell, value);
      }
      const model: ReportModel = {
        agencyName: tables.agency,
        year: tables.year,
        formatVersion: tables.formatVersion,
        title: reportTitle(tables.agency, tables.year),
        tables,
        prose: { preamble: '', overview: '', problems: '', otherMatters: '' },
      };
      for (const format of ['docx', 'html', 'txt'] as const) {
        const path = join(temp, `random-${i}.${format}`);
        writeFileSync(path, (await renderReport(model, format)).bytes);
        files.push({ path, tables });
      }
    }
    const { results } = await check(files.map((f) => f.path));
    const wrong = results.flatMap((result, i) => {
      const { tables } = files[i]!;
      const meta =
        result.agency === tables.agency && result.year === tables.year ? [] : [`${result.file}: title`];
      return [
        ...meta,
        ...diffTables(tables, result.tables!).map((d) => `${result.file}: ${d.cell} ${d.a} → ${d.b}`),
      ];
    });
    expect(wrong).toEqual([]);
  });
});

describe('report compile', () => {
  const A = join(SHARED, 'fixtures/reports/huaian-city-2024.pipes.txt');
  const B = join(SHARED, 'fixtures/reports/hongze-district-2024.portal.html');
  const expectedOf = (path: string) =>
    ReportTablesSchema.parse(
      JSON.parse(readFileSync(path.replace(/\.(txt|html)$/, '.expected.json'), 'utf8')),
    );

  it('writes the cell-wise sum of two published reports, checked by the same rules', async () => {
    const out = join(temp, 'compiled.json');
    const io = capture();
    const status = await runReportCompile([A, B], { out, agency: '淮安市（测试汇总）' }, io);
    expect(io.err()).toBe('');
    expect(status).toBe(0);
    const compiled = JSON.parse(readFileSync(out, 'utf8')) as ReportTables;
    expect(compiled).toMatchObject({ year: 2024, agency: '淮安市（测试汇总）', formatVersion: '2021' });
    const a = expectedOf(A);
    const b = expectedOf(B);
    let summed = 0;
    for (const { cell, value } of listCells(a)) {
      const other = readCell(b, cell) ?? null;
      const sum = value === null || other === null ? null : value + other;
      const got = readCell(compiled, cell) ?? null;
      if (sum === null) expect(got, cell).toBeNull();
      else expect(got, cell).toBeCloseTo(sum, 6);
      if (sum !== null) summed++;
    }
    expect(summed).toBe(150);
    // The summary names the input whose blank cells left compiled cells empty.
    expect(io.out()).toContain('汇总结果中有 50 格为空');
    expect(io.out()).toMatch(/hongze-district-2024\.portal\.html（淮安市洪泽区人民政府）留空 50 格/);
    expect(io.out()).toContain(`已写入：${out}`);
  });

  it('takes the format from the extension and writes a DOCX that reads back as the compiled tables', async () => {
    const docx = join(temp, 'compiled.docx');
    expect(await runReportCompile([A, B], { out: docx, agency: '淮安市（测试汇总）' }, capture())).toBe(0);
    const json = join(temp, 'compiled-2.json');
    expect(await runReportCompile([A, B], { out: json, agency: '淮安市（测试汇总）' }, capture())).toBe(0);
    const fromDocx = (await check([docx])).results[0]!;
    expect(diffTables(JSON.parse(readFileSync(json, 'utf8')), fromDocx.tables!)).toEqual([]);
  });

  it('refuses reports of different years, an unreadable input and the same agency twice, writing nothing', async () => {
    const out = join(temp, 'refused.json');
    const years = capture();
    expect(await runReportCompile([A, SEED], { out }, years)).toBe(2);
    expect(years.err()).toContain('报告年度不一致（2021、2024）');

    const unreadable = capture();
    expect(await runReportCompile([A, join(temp, 'nothing-here.pdf')], { out }, unreadable)).toBe(2);
    expect(unreadable.err()).toContain('文件不存在');

    const twice = capture();
    const pdf = join(SHARED, 'fixtures/github-reports/govnianbao__huaian-city-2024.pdftotext-layout.txt');
    expect(await runReportCompile([A, pdf], { out }, twice)).toBe(2);
    expect(twice.err()).toContain('是同一机关（淮安市人民政府）的报告');

    const format = capture();
    expect(await runReportCompile([A], { out: join(temp, 'x.pdf') }, format)).toBe(2);
    expect(format.err()).toContain('请用 --format 指定');
    expect(() => readFileSync(out)).toThrow();
  });
});

describe('the gongkai binary', () => {
  it('runs report check --json without a database and exits 1 on a rule breach', async () => {
    const bin = resolve(import.meta.dirname, '../../../bin/gongkai.js');
    const run = promisify(execFile);
    const failed = await run(process.execPath, [bin, 'report', 'check', '--json', HONGZE_2023_PDF], {
      // An unreachable database and a data directory that does not exist: neither may be touched.
      env: {
        ...process.env,
        DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
        GONGKAI_DATA_DIR: join(temp, 'no-such-dir'),
      },
      maxBuffer: 32 * 1024 * 1024,
    }).catch((error: { code: number; stdout: string }) => error);
    expect('code' in failed ? failed.code : 0).toBe(1);
    const results = JSON.parse(failed.stdout) as CheckJson[];
    expect(results[0]!.findings.filter((f) => f.rule === 'R4')).toHaveLength(2);
  });
});
