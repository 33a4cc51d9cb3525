import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_DIR } from '../../test/helpers/shared-fixtures.ts';
import {
  checkDeadline,
  checkPublishedReport,
  checkRepeated,
  checkSections,
  deadlineKindOf,
  publicationDeadline,
  statedProcessingFee,
} from './checks.ts';
import { type ParsedReport, parseReport } from './index.ts';

const SHARED = process.env.GONGKAI_SHARED ?? SHARED_DIR;
const OWN = join(import.meta.dirname, '../../test/fixtures/reports');

async function parse(path: string): Promise<ParsedReport> {
  return parseReport({ fileName: path, bytes: new Uint8Array(readFileSync(path)) });
}

const hongze2023 = await parse(
  join(SHARED, 'fixtures/github-reports/kiro__hongze-district-2023.pdftotext-layout.txt'),
);
const hongze2024 = await parse(
  join(SHARED, 'fixtures/github-reports/kiro__hongze-district-2024.pdftotext-layout.txt'),
);
const huaian = await parse(
  join(SHARED, 'fixtures/github-reports/govnianbao__huaian-city-2024.pdftotext-layout.txt'),
);
const portal = await parse(join(SHARED, 'fixtures/reports/hongze-district-2024.portal.html'));
const bureau = await parse(join(OWN, 'sample-bureau-2022.flattened.html-gbk'));

describe('checkPublishedReport', () => {
  it('finds nothing to report on a report that agrees with itself (淮安市 2024)', () => {
    expect(checkPublishedReport(huaian)).toEqual([]);
  });

  it('reports the prose/table contradiction of 洪泽区 2024 (受理 17 件 vs 95 new requests)', () => {
    const found = checkPublishedReport(hongze2024);
    expect(found.map((f) => f.check)).toEqual(['prose_figures']);
    expect(found[0]!.cells).toEqual(['prose.overview', 'section3.new.total']);
    expect(found[0]!.message).toContain('17');
  });

  it('reports a department page published after 31 January (条例第四十九条)', () => {
    const found = checkPublishedReport(bureau);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ check: 'deadline', severity: 'error', cells: ['publishedOn'] });
    expect(found[0]!.message).toContain('2023-01-31');
  });

  it('accepts a government page published before 31 March', () => {
    expect(portal.publishedOn).toBe('2025-01-20');
    expect(checkDeadline(portal)).toEqual([]);
  });
});

describe('sections', () => {
  it('reports missing and out-of-order sections', () => {
    const shuffled: ParsedReport = {
      ...huaian,
      sections: [huaian.sections[0]!, huaian.sections[2]!, huaian.sections[1]!, huaian.sections[5]!],
    };
    const found = checkSections(shuffled);
    expect(found.map((f) => [f.check, f.severity])).toEqual([
      ['sections', 'error'],
      ['sections', 'warning'],
    ]);
    expect(found[0]!.message).toContain('四、政府信息公开行政复议、行政诉讼情况');
    expect(found[0]!.message).toContain('五、存在的主要问题及改进情况');
  });
});

describe('deadline', () => {
  it.each([
    ['淮安市人民政府', 'government'],
    ['淮安市洪泽区人民政府', 'government'],
    ['张家港市行政审批局', 'department'],
    ['淮安市人民政府办公室', 'department'],
    ['某某镇人民政府', 'department'],
  ] as const)('%s is a %s', (agency, kind) => {
    expect(deadlineKindOf(agency)).toBe(kind);
  });

  it.each([
    [2024, 'government', '2025-03-31'],
    [2024, 'department', '2025-01-31'],
  ] as const)('report on %i by a %s is due %s', (year, kind, due) => {
    expect(publicationDeadline(year, kind)).toBe(due);
  });

  it('uses the signature date, as a warning, when the page states no publication date', () => {
    const late: ParsedReport = { ...huaian, datedOn: '2025-04-02' };
    expect(checkDeadline(late)).toMatchObject([
      { check: 'deadline', severity: 'warning', cells: ['datedOn'] },
    ]);
    expect(checkDeadline({ ...huaian, datedOn: '2025-03-31' })).toEqual([]);
  });
});

describe('repeated report', () => {
  it('flags a report identical to the previous one, figures and prose', () => {
    const found = checkRepeated({ ...hongze2024, year: 2025 }, hongze2024);
    expect(found.map((f) => f.check)).toEqual(['repeated', 'repeated']);
    // Section 六 is one short sentence: too short to call a copy.
    expect(found[1]!.cells).toEqual(['prose.overview', 'prose.problems']);
  });

  it('does not flag two different years of the same agency', () => {
    expect(checkRepeated(hongze2024, hongze2023)).toEqual([]);
  });
});

describe('statedProcessingFee', () => {
  it.each([
    ['全年收取政府信息公开信息处理费 0 元。', 0],
    ['全年收取政府信息公开信息处理费3940元。', 3940],
    ['收取信息处理费共计0.5万元', 5000],
    ['本年度没有产生信息公开处理费。', 0],
    ['本年度未收取信息处理费。', 0],
    ['无。', null],
  ] as const)('%s → %s', (text, fee) => {
    expect(statedProcessingFee(text)).toBe(fee);
  });
});
