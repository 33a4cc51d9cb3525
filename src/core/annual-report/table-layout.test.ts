import { describe, expect, it } from 'vitest';
import { listCells, writeCell } from './cell-access.ts';
import {
  emptyReportTables,
  OUTCOME_CODES,
  type ReportTables,
  SECTION3_COLUMNS,
  SECTION3_ROWS,
  SECTION4_BLOCKS,
  SECTION4_COLUMNS,
} from './cells.ts';
import {
  buildSection2Grid,
  buildSection3Grid,
  buildSection4Grid,
  formatAmount,
  type GridCell,
  gridPositions,
  type TableGrid,
} from './table-layout.ts';

/** A different figure in every cell, so a cell printed in the wrong place shows; the fee has decimals. */
function distinctFigures(): ReportTables {
  const tables = emptyReportTables('某局', 2021, null);
  for (const [i, { cell }] of listCells(tables).entries()) writeCell(tables, cell, i + 1);
  writeCell(tables, 'section2.administrative_fee.amount_wan_yuan', 12.34567);
  return tables;
}

const cellsOf = (grid: TableGrid): GridCell[] => grid.rows.flat();
const byText = (grid: TableGrid, text: string) => cellsOf(grid).find((c) => c.text === text);

describe('formatAmount', () => {
  it.each([
    [0, '0'],
    [12, '12'],
    [12.5, '12.5'],
    [0.0001, '0.0001'],
    [45.67891, '45.6789'],
    [1.10000001, '1.1'],
    [null, ''],
  ])('%s → "%s"', (value, expected) => {
    expect(formatAmount(value)).toBe(expected);
  });
});

describe('official table grids', () => {
  const tables = distinctFigures();

  it('every grid covers its rectangle exactly once', () => {
    for (const grid of [buildSection2Grid(tables), buildSection3Grid(tables), buildSection4Grid(tables)]) {
      const positions = gridPositions(grid);
      expect(positions).toHaveLength(grid.rowCount);
      for (const line of positions) expect(line).toHaveLength(grid.columnCount);
    }
  });

  it('section 三 has the official merges', () => {
    const grid = buildSection3Grid(tables);
    expect(grid.columnCount).toBe(10);
    expect(grid.rowCount).toBe(3 + 25);
    expect(
      byText(grid, '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）'),
    ).toMatchObject({
      row: 0,
      col: 0,
      rowSpan: 3,
      colSpan: 3,
    });
    expect(byText(grid, '申请人情况')).toMatchObject({ row: 0, col: 3, colSpan: 7 });
    expect(byText(grid, '总计')).toMatchObject({ row: 1, col: 9, rowSpan: 2 });
    expect(byText(grid, '自然人')).toMatchObject({ row: 1, col: 3, rowSpan: 2 });
    expect(byText(grid, '法人或其他组织')).toMatchObject({ row: 1, col: 4, colSpan: 5 });
    expect(byText(grid, '三、本年度办理结果')).toMatchObject({ row: 5, col: 0, rowSpan: 22 });
    expect(byText(grid, '（三）不予公开')).toMatchObject({ row: 7, col: 1, rowSpan: 8 });
    expect(byText(grid, '（四）无法提供')).toMatchObject({ row: 15, col: 1, rowSpan: 3 });
    expect(byText(grid, '（五）不予处理')).toMatchObject({ row: 18, col: 1, rowSpan: 5 });
    expect(byText(grid, '（六）其他处理')).toMatchObject({ row: 23, col: 1, rowSpan: 3 });
    expect(byText(grid, '（七）总计')).toMatchObject({ row: 26, col: 1, colSpan: 2 });
    expect(byText(grid, '一、本年新收政府信息公开申请数量')).toMatchObject({ row: 3, col: 0, colSpan: 3 });
  });

  it('section 三 puts every cell of the model in its row and column', () => {
    const grid = buildSection3Grid(tables);
    const values = cellsOf(grid).filter((c) => c.role === 'value');
    expect(values).toHaveLength(25 * 7);
    SECTION3_ROWS.forEach((row, r) => {
      SECTION3_COLUMNS.forEach((column, c) => {
        const cell = values.find((v) => v.row === 3 + r && v.col === 3 + c);
        expect(cell?.cellId).toBe(`section3.${row}.${column}`);
        expect(cell?.value).toBe(tables.section3[row][column]);
      });
    });
  });

  it('value cells name their headers, and the named headers exist', () => {
    for (const grid of [buildSection2Grid(tables), buildSection3Grid(tables), buildSection4Grid(tables)]) {
      const ids = new Set(cellsOf(grid).flatMap((c) => (c.id ? [c.id] : [])));
      for (const cell of cellsOf(grid).filter((c) => c.role === 'value')) {
        expect(cell.headers!.length).toBeGreaterThanOrEqual(2);
        for (const id of cell.headers!) expect(ids.has(id)).toBe(true);
      }
    }
    const leaf = cellsOf(buildSection3Grid(tables)).find(
      (c) => c.cellId === 'section3.withheld.state_secret.research_institution',
    );
    expect(leaf?.headers).toEqual([
      's3-results',
      's3-g-withheld',
      's3-r-withheld-state_secret',
      's3-applicants',
      's3-org',
      's3-c-research_institution',
    ]);
  });

  it('section 四 spans 行政复议 over 5 and 行政诉讼 over 10 columns', () => {
    const grid = buildSection4Grid(tables);
    expect(byText(grid, '行政复议')).toMatchObject({ row: 0, col: 0, colSpan: 5 });
    expect(byText(grid, '行政诉讼')).toMatchObject({ row: 0, col: 5, colSpan: 10 });
    expect(byText(grid, '未经复议直接起诉')).toMatchObject({ row: 1, col: 5, colSpan: 5 });
    expect(byText(grid, '复议后起诉')).toMatchObject({ row: 1, col: 10, colSpan: 5 });
    const values = cellsOf(grid).filter((c) => c.role === 'value');
    SECTION4_BLOCKS.forEach((block, b) => {
      SECTION4_COLUMNS.forEach((column, c) => {
        const cell = values.find((v) => v.col === b * 5 + c);
        expect(cell?.value).toBe(tables.section4[block][column]);
        expect(cell?.row).toBe(3);
      });
    });
  });

  it('section 二: four parts, single values spanning three columns, the fee as an amount', () => {
    const grid = buildSection2Grid(tables);
    const subheadings = cellsOf(grid).filter((c) => c.role === 'subheading');
    expect(subheadings.map((c) => c.text)).toEqual([
      '第二十条第（一）项',
      '第二十条第（五）项',
      '第二十条第（六）项',
      '第二十条第（八）项',
    ]);
    for (const s of subheadings) expect(s.colSpan).toBe(4);
    const fee = cellsOf(grid).find((c) => c.cellId === 'section2.administrative_fee.amount_wan_yuan');
    expect(fee).toMatchObject({ colSpan: 3, numberKind: 'amount', text: '12.3457' });
    const licensing = cellsOf(grid).find((c) => c.cellId === 'section2.licensing.decisions');
    expect(licensing).toMatchObject({ colSpan: 3, value: tables.section2.licensing.decisions });
  });

  it('null cells print empty', () => {
    const grid = buildSection3Grid(emptyReportTables('某局', 2022, null));
    const values = cellsOf(grid).filter((c) => c.role === 'value');
    expect(values.every((c) => c.text === '' && c.value === null)).toBe(true);
  });

  it('a group printed as one merged row replaces its sub-rows', () => {
    const merged = emptyReportTables('某局', 2020);
    merged.section3_merged = {
      other: {
        natural_person: 4,
        commercial_enterprise: 0,
        research_institution: 0,
        public_interest_org: 0,
        legal_service_org: 0,
        other_org: 0,
        total: 4,
      },
    };
    const grid = buildSection3Grid(merged);
    expect(grid.rowCount).toBe(3 + 25 - 3 + 1);
    expect(byText(grid, '（六）其他处理')).toMatchObject({ col: 1, colSpan: 2, rowSpan: 1 });
    expect(byText(grid, '三、本年度办理结果')?.rowSpan).toBe(OUTCOME_CODES.length + 1 - 3 + 1);
    expect(cellsOf(grid).find((c) => c.cellId === 'section3_merged.other.total')?.value).toBe(4);
  });

  it('a 2019-format report prints the 2019 table 二', () => {
    const old = emptyReportTables('某局', 2020);
    old.formatVersion = '2019';
    old.section2_2019 = {
      rule: { made_this_year: 1, published_this_year: 2, published_total: 3 },
      normative_document: { made_this_year: 4, published_this_year: 5, published_total: 6 },
      licensing: { items_last_year: 7, items_change: -1, decisions: 8 },
      other_management_service: { items_last_year: 9, items_change: 0, decisions: 10 },
      penalty: { items_last_year: 11, items_change: 2, decisions: 12 },
      coercion: { items_last_year: 13, items_change: 0, decisions: 14 },
      administrative_fee: { items_last_year: 15, items_change: 1 },
      centralised_procurement: { projects: 16, amount_wan_yuan: 17.25 },
    };
    const grid = buildSection2Grid(old);
    expect(
      cellsOf(grid)
        .filter((c) => c.role === 'subheading')
        .map((c) => c.text),
    ).toContain('第二十条第（九）项');
    expect(byText(grid, '其他对外管理服务事项')).toBeDefined();
    const amount = cellsOf(grid).find(
      (c) => c.cellId === 'section2_2019.centralised_procurement.amount_wan_yuan',
    );
    expect(amount).toMatchObject({ text: '17.25', colSpan: 2, col: 2 });
    expect(cellsOf(grid).find((c) => c.cellId === 'section2_2019.licensing.items_change')?.text).toBe('-1');
  });
});
