import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_DIR } from '../../test/helpers/shared-fixtures.ts';
import { parseReport } from './index.ts';
import { readPdf } from './read-pdf.ts';
import { placeByHeader } from './section4.ts';
import { findHeadings, sectionRegion, type Token, tokenise } from './tokens.ts';

const SHARED = process.env.GONGKAI_SHARED ?? SHARED_DIR;

describe('table 四 in a PDF with blank cells', () => {
  it('places each printed figure under its column word (published 洪泽区 2023 header)', async () => {
    const file = join(SHARED, 'fixtures/github-reports/kiro__hongze-district-2023.pdf');
    const doc = await readPdf(new Uint8Array(readFileSync(file)));
    const region = sectionRegion(doc, findHeadings(doc), 'review')!;
    const tokens = tokenise(doc, region.from, region.to);
    const values = tokens.filter((t) => t.kind === 'value');
    expect(values).toHaveLength(15);
    // As if the cells 其他结果 of 行政复议 and 结果纠正 of 复议后起诉 had been left blank.
    const printed = values.filter((_, i) => i !== 2 && i !== 11);
    const assigned = new Map<string, Token>();
    expect(placeByHeader(tokens, printed, assigned)).toBe(true);
    expect(assigned.has('reconsideration.other')).toBe(false);
    expect(assigned.has('litigation_after_reconsideration.corrected')).toBe(false);
    expect(assigned.get('reconsideration.upheld')?.cell.text).toBe('10');
    expect(assigned.get('reconsideration.corrected')?.cell.text).toBe('1');
    expect(assigned.get('litigation_after_reconsideration.upheld')?.cell.text).toBe('5');
    expect(assigned.size).toBe(13);
  });
});

describe('table 四 in text', () => {
  const parse = (lines: string[]) =>
    parseReport({
      fileName: 'r.txt',
      bytes: new TextEncoder().encode(
        [
          '示例县人民政府2023年政府信息公开工作年度报告',
          '四、政府信息公开行政复议、行政诉讼情况',
          ...lines,
          '五、存在的主要问题及改进情况',
        ].join('\n'),
      ),
    });

  it('reads fifteen figures after the header in the format order', async () => {
    const r = await parse(['行政复议 行政诉讼', '1 1 0 0 2 1 0 0 0 1 2 0 1 0 3']);
    expect(r.tables.section4.litigation_after_reconsideration).toEqual({
      upheld: 2,
      corrected: 0,
      other: 1,
      pending: 0,
      total: 3,
    });
  });

  it('refuses printed order when header words and figures alternate (a transposed table)', async () => {
    const r = await parse([
      '结果维持 1 1 2',
      '结果纠正 1 0 0',
      '其他结果 0 0 1',
      '尚未审结 0 0 0',
      '总计 2 1 3',
    ]);
    expect(r.tables.section4.reconsideration.upheld).toBeNull();
    expect(r.unread.find((u) => u.cell === 'section4.reconsideration.upheld')?.reason).toContain('15');
  });

  it('reads three small tables by the block heading above each', async () => {
    const r = await parse([
      '行政复议',
      '结果维持\t结果纠正\t其他结果\t尚未审结\t总计',
      '3\t1\t0\t1\t5',
      '行政诉讼（未经复议直接起诉）',
      '结果维持\t结果纠正\t其他结果\t尚未审结\t总计',
      '2\t0\t1\t0\t3',
      '行政诉讼（复议后起诉）',
      '结果维持\t结果纠正\t其他结果\t尚未审结\t总计',
      '1\t0\t0\t1\t2',
    ]);
    expect(r.tables.section4).toEqual({
      reconsideration: { upheld: 3, corrected: 1, other: 0, pending: 1, total: 5 },
      litigation_direct: { upheld: 2, corrected: 0, other: 1, pending: 0, total: 3 },
      litigation_after_reconsideration: { upheld: 1, corrected: 0, other: 0, pending: 1, total: 2 },
    });
  });
});
