import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../core/annual-report/index.ts';
import {
  SECTION3_COLUMNS,
  SECTION3_ROW_LABELS,
  SECTION3_ROWS,
  SECTION4_BLOCKS,
  SECTION4_COLUMNS,
} from '../core/annual-report/index.ts';
import { loadDistinctFigures, loadSeedModel } from './__golden__/seed-model.ts';
import { renderReportXlsx, XLSX_SHEET_NAMES, XLSX_TABLE_FIRST_ROW } from './to-xlsx.ts';

async function readBack(model: ReportModel): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await renderReportXlsx(model)) as unknown as ArrayBuffer);
  return workbook;
}

const merges = (sheet: ExcelJS.Worksheet): string[] => [...(sheet.model.merges ?? [])].sort();

describe.each([
  ['the seed report', () => loadSeedModel()],
  ['distinct figures in every cell', () => ({ ...loadSeedModel(), tables: loadDistinctFigures() })],
])('renderReportXlsx: %s', (_name, build) => {
  const model = build();
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    workbook = await readBack(model);
  });
  const top = XLSX_TABLE_FIRST_ROW;

  it('has the three sheets in order', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '二、主动公开',
      '三、依申请公开',
      '四、复议诉讼',
    ]);
  });

  it('section 三: every cell of the model as a number at its row and column', () => {
    const sheet = workbook.getWorksheet(XLSX_SHEET_NAMES.section3)!;
    const headerRows = 3;
    SECTION3_ROWS.forEach((row, r) => {
      SECTION3_COLUMNS.forEach((column, c) => {
        const cell = sheet.getCell(top + headerRows + r, 4 + c);
        expect(cell.value, `${row}.${column}`).toBe(model.tables.section3[row][column]);
        expect(cell.numFmt).toBe('0');
      });
    });
  });

  it('section 三: official labels and merges', () => {
    const sheet = workbook.getWorksheet(XLSX_SHEET_NAMES.section3)!;
    expect(sheet.getCell(top, 1).value).toBe(
      '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
    );
    expect(sheet.getCell(top, 4).value).toBe('申请人情况');
    expect(sheet.getCell(top + 1, 10).value).toBe('总计');
    expect(sheet.getCell(top + 1, 5).value).toBe('法人或其他组织');
    expect(sheet.getCell(top + 3, 1).value).toBe(SECTION3_ROW_LABELS.new);
    expect(sheet.getCell(top + 5, 1).value).toBe('三、本年度办理结果');
    expect(sheet.getCell(top + 7, 2).value).toBe('（三）不予公开');
    expect(sheet.getCell(top + 7, 3).value).toBe(SECTION3_ROW_LABELS['withheld.state_secret']);
    const m = merges(sheet);
    expect(m).toEqual(
      expect.arrayContaining([
        `A${top}:C${top + 2}`,
        `D${top}:J${top}`,
        `J${top + 1}:J${top + 2}`,
        `D${top + 1}:D${top + 2}`,
        `E${top + 1}:I${top + 1}`,
        `A${top + 3}:C${top + 3}`,
        `A${top + 5}:A${top + 26}`,
        `B${top + 7}:B${top + 14}`,
        `B${top + 15}:B${top + 17}`,
        `B${top + 18}:B${top + 22}`,
        `B${top + 23}:B${top + 25}`,
        `B${top + 26}:C${top + 26}`,
      ]),
    );
  });

  it('section 四: 15 figures under 行政复议 (5) and 行政诉讼 (10)', () => {
    const sheet = workbook.getWorksheet(XLSX_SHEET_NAMES.section4)!;
    SECTION4_BLOCKS.forEach((block, b) => {
      SECTION4_COLUMNS.forEach((column, c) => {
        expect(sheet.getCell(top + 3, 1 + b * 5 + c).value, `${block}.${column}`).toBe(
          model.tables.section4[block][column],
        );
      });
    });
    expect(merges(sheet)).toEqual(
      expect.arrayContaining([
        `A${top}:E${top}`,
        `F${top}:O${top}`,
        `F${top + 1}:J${top + 1}`,
        `K${top + 1}:O${top + 1}`,
      ]),
    );
    expect(sheet.getCell(top + 1, 6).value).toBe('未经复议直接起诉');
    expect(sheet.getCell(top + 2, 6).value).toBe('结果维持');
  });

  it('section 二: figures in place, the fee as a number in 万元 with its number format', () => {
    const sheet = workbook.getWorksheet(XLSX_SHEET_NAMES.section2)!;
    const t = model.tables.section2;
    const rowOf = (label: string) => {
      for (let r = top; r <= sheet.rowCount; r++) if (sheet.getCell(r, 1).value === label) return r;
      throw new Error(label);
    };
    const rule = rowOf('规章');
    expect([2, 3, 4].map((c) => sheet.getCell(rule, c).value)).toEqual([
      t.rule.issued,
      t.rule.repealed,
      t.rule.in_force,
    ]);
    const doc = rowOf('行政规范性文件');
    expect([2, 3, 4].map((c) => sheet.getCell(doc, c).value)).toEqual([
      t.normative_document.issued,
      t.normative_document.repealed,
      t.normative_document.in_force,
    ]);
    expect(sheet.getCell(rowOf('行政许可'), 2).value).toBe(t.licensing.decisions);
    expect(sheet.getCell(rowOf('行政处罚'), 2).value).toBe(t.penalty.decisions);
    expect(sheet.getCell(rowOf('行政强制'), 2).value).toBe(t.coercion.decisions);
    const fee = sheet.getCell(rowOf('行政事业性收费'), 2);
    expect(fee.value).toBe(t.administrative_fee.amount_wan_yuan);
    expect(fee.numFmt).toBe('0.00##');
    expect(merges(sheet)).toContain(`B${rowOf('行政许可')}:D${rowOf('行政许可')}`);
    expect(merges(sheet)).toContain(`A${top}:D${top}`);
    expect(sheet.getCell(top, 1).value).toBe('第二十条第（一）项');
  });

  it('freezes the header rows and label columns, titles the sheets, sets readable widths', () => {
    const s3 = workbook.getWorksheet(XLSX_SHEET_NAMES.section3)!;
    expect(s3.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: top - 1 + 3 });
    expect(workbook.getWorksheet(XLSX_SHEET_NAMES.section4)!.views[0]).toMatchObject({
      state: 'frozen',
      ySplit: top - 1 + 3,
    });
    expect(s3.getCell(1, 1).value).toBe(model.title);
    expect(s3.getCell(2, 1).value).toBe('三、收到和处理政府信息公开申请情况');
    expect(s3.getColumn(3).width).toBeGreaterThanOrEqual(40);
  });
});

describe('renderReportXlsx: null cells', () => {
  it('leaves a null cell empty rather than writing 0', async () => {
    const tables = loadDistinctFigures();
    tables.section3.carried_forward.total = null;
    tables.section2.administrative_fee.amount_wan_yuan = null;
    const workbook = await readBack({ ...loadSeedModel(), tables });
    const s3 = workbook.getWorksheet(XLSX_SHEET_NAMES.section3)!;
    expect(s3.getCell(XLSX_TABLE_FIRST_ROW + 3 + 24, 10).value).toBeNull();
    expect(s3.getCell(XLSX_TABLE_FIRST_ROW + 3 + 24, 9).value).toBe(
      tables.section3.carried_forward.other_org,
    );
  });
});
