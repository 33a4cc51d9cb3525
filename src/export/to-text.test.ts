import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHARED_DIR } from '../../test/helpers/shared-fixtures.ts';
import { SECTION_TITLES, SECTION3_ROW_LABELS } from '../core/annual-report/index.ts';
import { loadDistinctFigures, loadSeedModel } from './__golden__/seed-model.ts';
import { renderReportText } from './to-text.ts';

const seed = loadSeedModel();

describe('renderReportText', () => {
  const text = renderReportText(seed);
  const lines = text.split('\n');

  it('starts with the title and has the six headings on lines of their own, in order', () => {
    expect(lines[0]).toBe(seed.title);
    const positions = SECTION_TITLES.map((title) => lines.indexOf(title));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('prints section 二 like the seed, tab-separated, merged cells leaving empty positions', () => {
    const at = lines.indexOf(SECTION_TITLES[1]) + 2;
    expect(lines.slice(at, at + 14)).toEqual([
      '第二十条第（一）项\t\t\t',
      '信息内容\t本年制发件数\t本年废止件数\t现行有效件数',
      '规章\t0\t0\t0',
      '行政规范性文件\t0\t0\t0',
      '第二十条第（五）项\t\t\t',
      '信息内容\t本年处理决定数量\t\t',
      '行政许可\t43850\t\t',
      '第二十条第（六）项\t\t\t',
      '信息内容\t本年处理决定数量\t\t',
      '行政处罚\t0\t\t',
      '行政强制\t0\t\t',
      '第二十条第（八）项\t\t\t',
      '信息内容\t本年收费金额（单位：万元）\t\t',
      '行政事业性收费\t0\t\t',
    ]);
  });

  it('prints section 三 with full-width official labels, ten positions a row', () => {
    const at = lines.indexOf(SECTION_TITLES[2]) + 2;
    const table = lines.slice(at, at + 28);
    expect(table.every((line) => line.split('\t').length === 10)).toBe(true);
    expect(table[0]).toBe(
      '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t\t申请人情况\t\t\t\t\t\t',
    );
    expect(table[1]).toBe('\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计');
    expect(table[2]).toBe('\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t');
    expect(table[3]).toBe(`${SECTION3_ROW_LABELS.new}\t\t\t2\t0\t0\t0\t0\t0\t2`);
    expect(table[5]).toBe('三、本年度办理结果\t（一）予以公开\t\t0\t0\t0\t0\t0\t0\t0');
    expect(table[7]).toBe('\t（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0');
    expect(table[15]).toBe('\t（四）无法提供\t1.本机关不掌握相关政府信息\t2\t0\t0\t0\t0\t0\t2');
    expect(table[26]).toBe('\t（七）总计\t\t2\t0\t0\t0\t0\t0\t2');
    expect(table[27]).toBe('四、结转下年度继续办理\t\t\t0\t0\t0\t0\t0\t0\t0');
  });

  it('prints section 四 as three header rows and one row of 15 figures', () => {
    const at = lines.indexOf(SECTION_TITLES[3]) + 2;
    expect(lines.slice(at, at + 4)).toEqual([
      `行政复议${'\t'.repeat(5)}行政诉讼${'\t'.repeat(9)}`,
      `结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉${'\t'.repeat(5)}复议后起诉\t\t\t\t`,
      `\t\t\t\t\t${'结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t'.repeat(2).slice(0, -1)}`,
      Array.from({ length: 15 }, () => '0').join('\t'),
    ]);
  });

  it('prints the figures of the model, not of the seed', () => {
    const tables = loadDistinctFigures();
    const out = renderReportText({ ...seed, tables }).split('\n');
    const row = out.find((line) => line.startsWith(SECTION3_ROW_LABELS.carried_forward))!;
    const c = tables.section3.carried_forward;
    expect(row.split('\t').slice(3)).toEqual(
      [
        c.natural_person,
        c.commercial_enterprise,
        c.research_institution,
        c.public_interest_org,
        c.legal_service_org,
        c.other_org,
        c.total,
      ].map(String),
    );
    expect(out).toContain('行政事业性收费\t12.3457\t\t');
  });

  it('keeps the prose of the seed, without bold markers, one paragraph a block', () => {
    expect(text).not.toContain('**');
    expect(lines).toContain(
      '信息公开收费情况。按照《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》国办函〔2020〕109号）规定的按件、按量收费标准，本年度没有产生信息公开处理费。',
    );
    // Every prose line of the seed text is found in the export (the seed's tables are laid out differently).
    const seedText = readFileSync(
      `${SHARED_DIR}/fixtures/seed/zhangjiagang-approval-bureau-2021.txt`,
      'utf8',
    );
    const seedProse = seedText
      .split('\n')
      .map((line) => line.trim().replace(/\*\*/g, ''))
      .filter((line) => line.length > 30 && !line.includes('\t'));
    for (const line of seedProse) expect(lines, line.slice(0, 20)).toContain(line);
  });
});
