import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../core/annual-report/index.ts';
import {
  SECTION_TITLES,
  SECTION3_COLUMNS,
  SECTION3_ROWS,
  SECTION4_BLOCKS,
  SECTION4_COLUMNS,
} from '../core/annual-report/index.ts';
import { readDocxTables } from './__golden__/docx-tables.ts';
import { loadDistinctFigures, loadSeedModel } from './__golden__/seed-model.ts';
import { renderReportDocx } from './to-docx.ts';

async function unzip(model: ReportModel) {
  const zip = await JSZip.loadAsync(await renderReportDocx(model));
  const read = (path: string) => zip.file(path)!.async('string');
  return {
    document: await read('word/document.xml'),
    fonts: await read('word/fontTable.xml'),
    styles: await read('word/styles.xml'),
    core: await read('docProps/core.xml'),
  };
}

const paragraphs = (xml: string) =>
  (xml.match(/<w:p>[\s\S]*?<\/w:p>|<w:p [\s\S]*?<\/w:p>/g) ?? []).map((p) => ({
    xml: p,
    text: [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
  }));

describe('renderReportDocx: the seed report', () => {
  const model = loadSeedModel();
  let files: Awaited<ReturnType<typeof unzip>>;
  beforeAll(async () => {
    files = await unzip(model);
  });

  it('is A4 with the 公文 margins', () => {
    expect(files.document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
  });

  it('has the title, centred, in 方正小标宋简体 二号, split after the agency name', () => {
    const title = paragraphs(files.document)[0]!;
    expect(title.text).toBe(model.title);
    expect(title.xml).toContain('<w:pStyle w:val="Title"/>');
    expect(title.xml).toContain('<w:jc w:val="center"/>');
    expect(title.xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(title.xml).toContain('<w:sz w:val="44"/>');
    expect(title.xml).toContain('<w:br/>');
    expect(files.core).toContain(`<dc:title>${model.title}</dc:title>`);
  });

  it('has the six headings in order, in 黑体 三号', () => {
    const headings = paragraphs(files.document).filter((p) => p.xml.includes('<w:pStyle w:val="Heading1"/>'));
    expect(headings.map((h) => h.text)).toEqual([...SECTION_TITLES]);
    for (const h of headings) {
      expect(h.xml).toContain('w:eastAsia="黑体"');
      expect(h.xml).toContain('<w:sz w:val="32"/>');
    }
  });

  it('sets the body in 仿宋_GB2312 三号 with a two-character first-line indent, bold runs kept', () => {
    const body = paragraphs(files.document).find((p) => p.text.startsWith('市行政审批局紧紧围绕'))!;
    expect(body.xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(body.xml).toContain('<w:sz w:val="32"/>');
    expect(body.xml).toMatch(/<w:ind [^>]*w:firstLineChars="200"/);
    expect(body.xml).toMatch(/<w:b\/>[\s\S]*?<w:t xml:space="preserve">主动公开方面<\/w:t>/);
    expect(body.text).not.toContain('**');
  });

  it('declares the Chinese fonts with the fonts to fall back on', () => {
    expect(files.fonts).toMatch(/<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"\/>/);
    expect(files.fonts).toMatch(/<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"\/>/);
    expect(files.fonts).toMatch(/<w:font w:name="黑体"><w:altName w:val="SimHei"\/>/);
    expect(files.styles).toContain('w:eastAsia="zh-CN"');
  });

  it('keeps every prose paragraph of the model', () => {
    const texts = paragraphs(files.document).map((p) => p.text);
    expect(texts).toContain(
      '（二）规范信息公开运行。严格落实《条例》要求，围绕政务服务改革、窗口服务、财政预算等群众关心、关注的热点问题，加大了信息公开力度。按照标准化要求，进一步完善了信息公开的运行和管理。',
    );
    expect(texts.some((t) => t.startsWith('信息公开收费情况。'))).toBe(true);
    expect(texts.some((t) => t.startsWith('2021年，我局政府信息公开工作各个方面'))).toBe(true);
  });
});

describe('renderReportDocx: tables', () => {
  const model = { ...loadSeedModel(), tables: loadDistinctFigures() };
  let tables: ReturnType<typeof readDocxTables>;
  let documentXml: string;
  beforeAll(async () => {
    documentXml = (await unzip(model)).document;
    tables = readDocxTables(documentXml);
  });

  it('has three tables with the official merges', () => {
    expect(tables).toHaveLength(3);
    const [, s3, s4] = tables;
    // Section 三 header: corner 3×3, 申请人情况 over 7; under it 自然人 and 总计 down 2, 法人或其他组织 over 5.
    expect(s3!.rows[0]!.map((c) => [c.text, c.gridSpan, c.vMerge])).toEqual([
      ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', 3, 'restart'],
      ['申请人情况', 7, null],
    ]);
    expect(s3!.rows[1]!.map((c) => [c.text, c.gridSpan, c.vMerge])).toEqual([
      ['', 3, 'continue'],
      ['自然人', 1, 'restart'],
      ['法人或其他组织', 5, null],
      ['总计', 1, 'restart'],
    ]);
    expect(s3!.grid[2]!.slice(4, 9)).toEqual([
      '商业企业',
      '科研机构',
      '社会公益组织',
      '法律服务机构',
      '其他',
    ]);
    expect(s3!.rowSpans[5]![0]).toBe(22);
    expect(s3!.grid[5]![0]).toBe('三、本年度办理结果');
    expect(s3!.rowSpans[7]![1]).toBe(8);
    expect(s3!.grid[7]![1]).toBe('（三）不予公开');
    expect(s3!.rowSpans[15]![1]).toBe(3);
    expect(s3!.rowSpans[18]![1]).toBe(5);
    expect(s3!.rowSpans[23]![1]).toBe(3);
    // Section 四: 行政复议 over 5, 行政诉讼 over 10, then 未经复议直接起诉 / 复议后起诉 over 5 each.
    expect(s4!.rows[0]!.map((c) => [c.text, c.gridSpan])).toEqual([
      ['行政复议', 5],
      ['行政诉讼', 10],
    ]);
    expect(s4!.rows[1]!.filter((c) => c.gridSpan === 5).map((c) => c.text)).toEqual([
      '未经复议直接起诉',
      '复议后起诉',
    ]);
    expect(s4!.rowSpans[1]!.slice(0, 5)).toEqual([2, 2, 2, 2, 2]);
    expect(documentXml).toContain('<w:tblHeader/>');
  });

  it('prints every figure of section 三 at its row and column', () => {
    const s3 = tables[1]!;
    SECTION3_ROWS.forEach((row, r) => {
      SECTION3_COLUMNS.forEach((column, c) => {
        expect(s3.grid[3 + r]![3 + c], `${row}.${column}`).toBe(String(model.tables.section3[row][column]));
      });
    });
  });

  it('prints every figure of section 四 in its column', () => {
    const s4 = tables[2]!;
    SECTION4_BLOCKS.forEach((block, b) => {
      SECTION4_COLUMNS.forEach((column, c) => {
        expect(s4.grid[3]![b * 5 + c], `${block}.${column}`).toBe(
          String(model.tables.section4[block][column]),
        );
      });
    });
    expect(s4.grid[2]!.slice(5, 10)).toEqual(['结果维持', '结果纠正', '其他结果', '尚未审结', '总计']);
  });

  it('prints section 二 as four parts with merged sub-headings, the fee to four decimals', () => {
    const s2 = tables[0]!;
    const t = model.tables.section2;
    const row = (label: string) => s2.grid.find((line) => line[0] === label)!;
    expect(row('规章')).toEqual([
      '规章',
      String(t.rule.issued),
      String(t.rule.repealed),
      String(t.rule.in_force),
    ]);
    expect(row('行政规范性文件').slice(1)).toEqual([
      String(t.normative_document.issued),
      String(t.normative_document.repealed),
      String(t.normative_document.in_force),
    ]);
    expect(row('行政许可')[1]).toBe(String(t.licensing.decisions));
    expect(row('行政处罚')[1]).toBe(String(t.penalty.decisions));
    expect(row('行政强制')[1]).toBe(String(t.coercion.decisions));
    expect(row('行政事业性收费')[1]).toBe('12.3457');
    const subheadings = s2.rows
      .filter((cells) => cells.length === 1 && cells[0]!.gridSpan === 4)
      .map((c) => c[0]!.text);
    expect(subheadings).toEqual([
      '第二十条第（一）项',
      '第二十条第（五）项',
      '第二十条第（六）项',
      '第二十条第（八）项',
    ]);
  });

  it('leaves null cells empty', async () => {
    const withNulls = loadDistinctFigures();
    withNulls.section3.new.natural_person = null;
    withNulls.section4.litigation_direct.pending = null;
    const [, s3, s4] = readDocxTables((await unzip({ ...model, tables: withNulls })).document);
    expect(s3!.grid[3]![3]).toBe('');
    expect(s3!.grid[3]![4]).toBe(String(withNulls.section3.new.commercial_enterprise));
    expect(s4!.grid[3]![8]).toBe('');
  });

  it('escapes text that looks like markup', async () => {
    const odd = { ...model, prose: { ...model.prose, problems: 'A & B <w:p> “引号”' } };
    const xml = (await unzip(odd)).document;
    expect(xml).toContain('A &amp; B &lt;w:p&gt; “引号”');
  });
});
