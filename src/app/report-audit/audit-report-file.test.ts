import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { SHARED_DIR } from '../../../test/helpers/shared-fixtures.ts';
import { parseReport } from '../../report-parser/index.ts';
import {
  auditParsedReport,
  auditReadReports,
  findPreviousIn,
  readReport,
  readReports,
} from './audit-report-file.ts';

const SHARED = process.env.GONGKAI_SHARED ?? SHARED_DIR;
const read = (path: string) => new Uint8Array(readFileSync(join(SHARED, path)));
const SEED = 'fixtures/seed/zhangjiagang-approval-bureau-2021.txt';
const HONGZE_2024 = 'fixtures/github-reports/kiro__hongze-district-2024.pdftotext-layout.txt';

describe('readReport', () => {
  it.each([
    [
      'a broken PDF',
      'x.pdf',
      new TextEncoder().encode('%PDF-1.7\n%garbage only'),
      'PDF 文件已损坏或不是有效的 PDF',
    ],
    [
      'a text that is no report',
      'x.txt',
      new TextEncoder().encode('会议纪要\n今天讨论了三件事。'),
      '未读出任何表格数字',
    ],
  ])('refuses %s', async (_what, name, bytes, reason) => {
    const result = await readReport({ name, bytes });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain(reason);
  });

  it('refuses a ZIP that claims to be a DOCX without a document, in Chinese', async () => {
    const zip = new JSZip();
    zip.file('word/styles.xml', '<styles/>');
    const result = await readReport({
      name: 'x.docx',
      bytes: await zip.generateAsync({ type: 'uint8array' }),
    });
    expect(result).toEqual({ ok: false, error: 'DOCX文件中没有 word/document.xml' });
  });

  it('refuses a text with figures under table labels but neither a report title nor a section heading', async () => {
    const text = '行政许可 12\n行政处罚 3\n本年新收政府信息公开申请数量 5 0 0 0 0 0 5\n';
    const result = await readReport({ name: 'notes.txt', bytes: new TextEncoder().encode(text) });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain('不是政府信息公开工作年度报告');
  });

  it('reads a report', async () => {
    const result = await readReport({ name: 'seed.txt', bytes: read(SEED) });
    expect(result.ok && result.parsed.agency).toBe('张家港市行政审批局');
  });
});

describe('auditParsedReport', () => {
  it('reports the prose figure that disagrees with table 三 once, as R8, with the cell’s figure', async () => {
    const parsed = await parseReport({ fileName: 'h.txt', bytes: read(HONGZE_2024) });
    const audited = auditParsedReport('h.txt', parsed);
    const prose = audited.findings.filter((f) => f.cells.includes('prose.overview'));
    expect(prose.map((f) => [f.id, f.kind])).toEqual([['R8', 'rule']]);
    expect(prose[0]?.values).toEqual({ 'section3.new.total': 95 });
    expect(audited.cellsRead + audited.cellsUnread).toBe(207);
    expect(audited.cellsUnread).toBe(parsed.unread.length);
  });

  it('checks a copy of last year’s report: figures as R8 once, identical prose as a published check', async () => {
    const parsed = await parseReport({ fileName: 'seed.txt', bytes: read(SEED) });
    const previous = {
      label: '2020.txt',
      tables: { ...parsed.tables, year: 2020 },
      prose: parsed.prose,
    };
    const audited = auditParsedReport('seed.txt', parsed, { previous });
    expect(audited.previous).toEqual({ label: '2020.txt', year: 2020 });
    const ids = audited.findings.map(
      (f) => `${f.kind}:${f.id}:${f.cells.some((c) => c.startsWith('prose.'))}`,
    );
    expect(ids.filter((i) => i === 'rule:R8:false')).toHaveLength(1);
    expect(ids).toContain('published:repeated:true');
    expect(ids).not.toContain('published:repeated:false');
  });

  it('ignores a "previous" report that is not of the year before', async () => {
    const parsed = await parseReport({ fileName: 'seed.txt', bytes: read(SEED) });
    const audited = auditParsedReport('seed.txt', parsed, {
      previous: { label: 'old', tables: { ...parsed.tables, year: 2018 }, prose: parsed.prose },
    });
    expect(audited.previous).toBeNull();
    expect(audited.findings.filter((f) => f.id === 'R8' || f.id === 'repeated')).toEqual([]);
  });
});

describe('batches', () => {
  it('pairs each report with the same agency’s report of the year before, exact names first', async () => {
    const reads = await readReports([
      {
        ok: true,
        name: '2023-short.txt',
        bytes: read('fixtures/reports/hongze-district-2023.cell-per-line.txt'),
      },
      { ok: true, name: '2023.pdf', bytes: read('fixtures/github-reports/kiro__hongze-district-2023.pdf') },
      { ok: true, name: '2024.txt', bytes: read(HONGZE_2024) },
      { ok: false, name: 'broken.doc', error: '旧版 Office 文件' },
    ]);
    expect(reads.map((r) => r.ok)).toEqual([true, true, true, false]);
    const readable = reads.filter((r) => r.ok);
    const y2024 = readable[2]!;
    // 洪泽区人民政府 (the cell-per-line title) ends 淮安市洪泽区人民政府; the exact name wins.
    expect(y2024.ok && findPreviousIn(y2024.parsed, readable)?.file).toBe('2023.pdf');
    const results = auditReadReports(reads);
    expect(results.map((r) => (r.ok ? (r.previous?.label ?? null) : r.error))).toEqual([
      null,
      null,
      '2023.pdf',
      '旧版 Office 文件',
    ]);
  });

  it('lets the caller’s context (a report stored in the system) win over the batch', async () => {
    const reads = await readReports([
      { ok: true, name: '2023.pdf', bytes: read('fixtures/github-reports/kiro__hongze-district-2023.pdf') },
      { ok: true, name: '2024.txt', bytes: read(HONGZE_2024) },
    ]);
    const first = reads[0]!;
    if (!first.ok) throw new Error('unreadable');
    const stored = { label: '系统中的2023年度报告', tables: first.parsed.tables };
    const results = auditReadReports(reads, (p) => (p.year === 2024 ? { previous: stored } : {}));
    expect(results[1]?.ok && results[1].previous?.label).toBe('系统中的2023年度报告');
  });
});
