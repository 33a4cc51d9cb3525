import ExcelJS from 'exceljs';
import type { ReportModel } from '../core/annual-report/index.ts';
import { SECTION_TITLES } from '../core/annual-report/index.ts';
import { buildReportGrids, type GridCell, gridPositions, type TableGrid } from './report-layout.ts';

/**
 * The three tables of the report as a workbook, one sheet per section, merged like the official format
 * so that a reader who knows the printed form finds every figure in its place. Figures are numbers,
 * not text, so they can be summed and checked.
 */

export const XLSX_SHEET_NAMES = {
  section2: '二、主动公开',
  section3: '三、依申请公开',
  section4: '四、复议诉讼',
} as const;

/** Rows above each table: the report title, then the section title. */
export const XLSX_TABLE_FIRST_ROW = 3;

const FONT_NAME = '宋体';
const COUNT_FORMAT = '0';
/** 万元 to at least two and at most four decimals (a yuan is 0.0001 万元). */
const AMOUNT_FORMAT = '0.00##';
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF000000' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };

/** Widths in Excel's units (the width of a "0"); a Chinese character takes about two. */
function columnWidths(grid: TableGrid): number[] {
  switch (grid.key) {
    case 'section2':
      return [24, 18, 18, 18];
    case 'section3':
      return [12, 14, 48, 10, 10, 10, 12, 12, 10, 10];
    case 'section4':
      return Array.from({ length: grid.columnCount }, () => 10);
  }
}

function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += (ch.codePointAt(0) ?? 0) <= 0xff ? 1 : 2;
  return width;
}

/** Excel does not grow rows to fit wrapped text in merged cells, so heights are set from the text. */
function rowHeights(grid: TableGrid, widths: number[]): number[] {
  const lines = Array.from({ length: grid.rowCount }, () => 1);
  for (const cells of grid.rows) {
    for (const cell of cells) {
      const available = widths.slice(cell.col, cell.col + cell.colSpan).reduce((a, b) => a + b, 0) - 1;
      const needed = Math.ceil(displayWidth(cell.text) / Math.max(available, 1));
      const perRow = Math.ceil(needed / cell.rowSpan);
      for (let r = cell.row; r < cell.row + cell.rowSpan; r++) lines[r] = Math.max(lines[r]!, perRow);
    }
  }
  return lines.map((n) => n * 14 + 6);
}

function alignmentOf(cell: GridCell): Partial<ExcelJS.Alignment> {
  const left = cell.role === 'corner' || (cell.role === 'row-header' && cell.rowSpan === 1 && cell.col > 0);
  const topLevelRow = cell.role === 'row-header' && cell.col === 0 && cell.colSpan > 1;
  return {
    horizontal: left || topLevelRow ? 'left' : 'center',
    vertical: 'middle',
    wrapText: true,
  };
}

function writeSheet(
  workbook: ExcelJS.Workbook,
  model: ReportModel,
  grid: TableGrid,
  sectionTitle: string,
): void {
  const sheet = workbook.addWorksheet(XLSX_SHEET_NAMES[grid.key], {
    views: [
      {
        state: 'frozen',
        xSplit: grid.labelColumnCount,
        ySplit: XLSX_TABLE_FIRST_ROW - 1 + grid.headerRowCount,
      },
    ],
    pageSetup: {
      paperSize: 9,
      orientation: grid.key === 'section2' ? 'portrait' : 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
    },
    properties: { defaultRowHeight: 20 },
  });
  const widths = columnWidths(grid);
  widths.forEach((width, i) => {
    sheet.getColumn(i + 1).width = width;
  });

  const titleRows: [string, number][] = [
    [model.title, 14],
    [sectionTitle, 12],
  ];
  titleRows.forEach(([text, size], i) => {
    const row = i + 1;
    sheet.mergeCells(row, 1, row, grid.columnCount);
    const cell = sheet.getCell(row, 1);
    cell.value = text;
    cell.font = { name: i === 0 ? FONT_NAME : '黑体', size, bold: i === 0 };
    cell.alignment = { horizontal: i === 0 ? 'center' : 'left', vertical: 'middle' };
    sheet.getRow(row).height = i === 0 ? 26 : 22;
  });

  const top = XLSX_TABLE_FIRST_ROW;
  const positions = gridPositions(grid);
  const heights = rowHeights(grid, widths);
  positions.forEach((line, r) => {
    sheet.getRow(top + r).height = heights[r]!;
    line.forEach(({ cell }, c) => {
      // Borders go on every position of a merged range, or Excel draws them only round its first cell.
      const target = sheet.getCell(top + r, c + 1);
      target.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
      target.font = { name: FONT_NAME, size: 10.5, bold: cell.role === 'subheading' };
      target.alignment = alignmentOf(cell);
      if (cell.role !== 'value' && cell.role !== 'row-header') target.fill = HEADER_FILL;
    });
  });
  for (const cells of grid.rows) {
    for (const cell of cells) {
      const target = sheet.getCell(top + cell.row, cell.col + 1);
      if (cell.role === 'value') {
        if (cell.value !== null && cell.value !== undefined) target.value = cell.value;
        target.numFmt = cell.numberKind === 'amount' ? AMOUNT_FORMAT : COUNT_FORMAT;
      } else {
        target.value = cell.text;
      }
      if (cell.rowSpan > 1 || cell.colSpan > 1) {
        sheet.mergeCells(
          top + cell.row,
          cell.col + 1,
          top + cell.row + cell.rowSpan - 1,
          cell.col + cell.colSpan,
        );
      }
    }
  }
  if (grid.headerRowCount > 0) {
    sheet.pageSetup.printTitlesRow = `${top}:${top + grid.headerRowCount - 1}`;
  }
}

export async function renderReportXlsx(model: ReportModel): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = model.agencyName;
  workbook.title = model.title;
  workbook.subject = `${model.year}年政府信息公开工作年度报告（表格）`;
  const grids = buildReportGrids(model.tables);
  writeSheet(workbook, model, grids.section2, SECTION_TITLES[1]);
  writeSheet(workbook, model, grids.section3, SECTION_TITLES[2]);
  writeSheet(workbook, model, grids.section4, SECTION_TITLES[3]);
  const bytes = await workbook.xlsx.writeBuffer();
  return Buffer.from(bytes);
}
