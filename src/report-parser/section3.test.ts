/**
 * Table 三 on small renderings written for one behaviour each: where figures of a row could be put in
 * the wrong cells, the parser must leave them null with a reason.
 */
import { describe, expect, it } from 'vitest';
import { SECTION3_COLUMNS } from '../core/annual-report/cells.ts';
import { type ParsedReport, parseReport } from './index.ts';

const HEAD = ['示例县人民政府2023年政府信息公开工作年度报告', '三、收到和处理政府信息公开申请情况'];
const TAIL = ['四、政府信息公开行政复议、行政诉讼情况'];

async function parse(lines: string[]): Promise<ParsedReport> {
  const text = [...HEAD, ...lines, ...TAIL].join('\n');
  return parseReport({ fileName: 'report.txt', bytes: new TextEncoder().encode(text) });
}

const row = (r: ParsedReport, key: string) => SECTION3_COLUMNS.map((c) => r.tables.section3[key as 'new'][c]);
const reasons = (r: ParsedReport, key: string) =>
  r.unread.filter((u) => u.cell.startsWith(`section3.${key}.`)).map((u) => u.reason);

describe('table 三 rows', () => {
  it('leaves a row printed without figures null and does not shift the next row into it', async () => {
    const r = await parse([
      '2.重复申请',
      '3',
      '0',
      '0',
      '0',
      '0',
      '0',
      '3',
      '3.要求提供公开出版物',
      '4.无正当理由大量反复申请',
      '1',
      '0',
      '0',
      '0',
      '0',
      '0',
      '1',
    ]);
    expect(row(r, 'not_processed.duplicate')).toEqual([3, 0, 0, 0, 0, 0, 3]);
    expect(row(r, 'not_processed.publication')).toEqual([null, null, null, null, null, null, null]);
    expect(reasons(r, 'not_processed.publication')[0]).toContain('没有印出数字');
    expect(row(r, 'not_processed.excessive')).toEqual([1, 0, 0, 0, 0, 0, 1]);
  });

  it('does not place six figures in seven columns without positions', async () => {
    const r = await parse([
      '1.属于国家秘密  2  0  0  0  0  2',
      '2.其他法律行政法规禁止公开  1  0  0  0  0  0  1',
    ]);
    expect(row(r, 'withheld.state_secret')).toEqual([null, null, null, null, null, null, null]);
    expect(reasons(r, 'withheld.state_secret')[0]).toContain('印出6个数字');
    expect(row(r, 'withheld.prohibited_by_law')).toEqual([1, 0, 0, 0, 0, 0, 1]);
  });

  it('stops at an unrecognised numbered label instead of crediting its figures to the row before', async () => {
    const r = await parse([
      '1.属于国家秘密 1 0 0 0 0 0 1',
      '9.某种未列入格式的情形 4 0 0 0 0 0 4',
      '2.其他法律行政法规禁止公开 0 0 0 0 0 0 0',
    ]);
    expect(row(r, 'withheld.state_secret')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(row(r, 'withheld.prohibited_by_law')).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('reads "/" "-" "—" as 0 and blank delimited cells as null, by column under the header', async () => {
    const r = await parse([
      '| 项目 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |',
      '| 一、本年新收政府信息公开申请数量 | 5 | / | - | — |  | 0 | 5 |',
    ]);
    expect(row(r, 'new')).toEqual([5, 0, 0, 0, null, 0, 5]);
    expect(r.provenance['section3.new.commercial_enterprise']).toMatchObject({
      source: 'text',
      line: 4,
      text: '/',
    });
    expect(reasons(r, 'new')).toEqual(['空白单元格（未填写数字）']);
  });

  it('keeps a merged （六） row apart and its sub-rows null', async () => {
    const r = await parse(['（六）其他处理\t0\t0\t0\t0\t0\t0\t0', '（七）总计\t3\t0\t0\t0\t0\t0\t3']);
    expect(r.tables.section3_merged?.other).toEqual(Object.fromEntries(SECTION3_COLUMNS.map((c) => [c, 0])));
    expect(row(r, 'other.other')).toEqual([null, null, null, null, null, null, null]);
    expect(reasons(r, 'other.other')[0]).toContain('合并行');
    expect(row(r, 'outcome_total')).toEqual([3, 0, 0, 0, 0, 0, 3]);
  });

  it('refuses a row printed twice with different figures', async () => {
    const r = await parse(['2.重复申请 1 0 0 0 0 0 1', '2.重复申请 2 0 0 0 0 0 2']);
    expect(row(r, 'not_processed.duplicate')).toEqual([null, null, null, null, null, null, null]);
    expect(reasons(r, 'not_processed.duplicate')[0]).toContain('出现两次');
  });

  it('gives figures printed above a wrapped label to that label, not to the blank row before it', async () => {
    // Layout text: 2. is blank; the figures of 3. stand one line above its label's last line.
    const r = await parse([
      '1.本机关不掌握相关政府信息        3    0    0    0    0    0    3',
      '2.没有现成信息需要另行制作',
      '',
      '                                  2    0    0    0    0    0    2',
      '3.补正后申请内容仍不明确',
    ]);
    expect(row(r, 'unavailable.not_held')).toEqual([3, 0, 0, 0, 0, 0, 3]);
    expect(row(r, 'unavailable.needs_creation')).toEqual([null, null, null, null, null, null, null]);
    expect(row(r, 'unavailable.still_unclear')).toEqual([2, 0, 0, 0, 0, 0, 2]);
  });
});

describe('documents without a usable text', () => {
  it('says why nothing was read', async () => {
    const r = await parseReport({ fileName: 'empty.txt', bytes: new TextEncoder().encode('\n\n') });
    expect(r.warnings[0]).toBe('文件中没有可读取的文字');
    expect(r.tables.section3.new.total).toBeNull();
    expect(r.unread.length).toBeGreaterThanOrEqual(25 * 7 + 15);
  });

  it('reads an HTML page whose article sits in a one-cell layout table', async () => {
    const html = `<html><body><table><tr><td>
      <p>示例县人民政府2023年政府信息公开工作年度报告</p>
      <p>本报告依据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限为2023年1月1日至2023年12月31日。${'本机关认真落实条例要求。'.repeat(10)}</p>
      <p>三、收到和处理政府信息公开申请情况</p>
      <p>一、本年新收政府信息公开申请数量 4 0 0 0 0 0 4</p>
      <p>四、政府信息公开行政复议、行政诉讼情况</p>
    </td></tr></table></body></html>`;
    const r = await parseReport({ fileName: 'page.html', bytes: new TextEncoder().encode(html) });
    expect(r.agency).toBe('示例县人民政府');
    expect(row(r, 'new')).toEqual([4, 0, 0, 0, 0, 0, 4]);
  });
});
