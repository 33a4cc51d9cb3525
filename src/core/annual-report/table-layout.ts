import {
  APPLICANT_TYPE_LABELS,
  type CellId,
  OUTCOME_GROUPS,
  type OutcomeGroup,
  type ReportTables,
  SECTION2_2019_COLUMN_LABELS,
  SECTION2_2019_LAYOUT,
  SECTION2_TABLES,
  SECTION3_COLUMNS,
  SECTION3_CORNER_NOTE,
  SECTION3_RESULTS_HEADING,
  SECTION3_ROW_LABELS,
  SECTION3_ROWS,
  SECTION4_BLOCK_LABELS,
  SECTION4_BLOCKS,
  SECTION4_COLUMN_LABELS,
  SECTION4_COLUMNS,
  type Section3Column,
  type Section3Row,
} from './cells.ts';

/**
 * The official tables as grids of merged cells, built once from the model so that every renderer
 * (DOCX, XLSX, HTML, text) and the console print the same cells with the same merges as
 * 国办公开办函〔2021〕30号.
 */

export type GridCellRole = 'corner' | 'subheading' | 'column-header' | 'row-header' | 'value';

export interface GridCell {
  role: GridCellRole;
  /** Printed text: the official label, or the formatted number ('' for a null cell). */
  text: string;
  /** Top-left position in the grid, 0-based. */
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  /** Header cells: an id unique in the page, so value cells can name their headers. */
  id?: string;
  /** Value cells (and row headers): the ids of every header cell that describes them. */
  headers?: string[];
  /** Value cells only. */
  value?: number | null;
  cellId?: CellId;
  numberKind?: 'count' | 'amount';
}

export interface TableGrid {
  key: 'section2' | 'section3' | 'section4';
  /** A caption for readers of the table alone (screen readers, spreadsheets). */
  caption: string;
  columnCount: number;
  rowCount: number;
  /** Rows at the top that only carry headers (repeated on each page, frozen in spreadsheets). */
  headerRowCount: number;
  /** Label columns at the left (frozen in spreadsheets). */
  labelColumnCount: number;
  /** Cells by the row they start in, left to right. */
  rows: GridCell[][];
}

export function formatCount(value: number | null): string {
  return value === null ? '' : String(value);
}

/** 万元 amounts: up to four decimals (a yuan is 0.0001 万元), trailing zeros trimmed. */
export function formatAmount(value: number | null): string {
  if (value === null) return '';
  const fixed = value.toFixed(4);
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

export function formatValue(value: number | null, kind: 'count' | 'amount'): string {
  return kind === 'amount' ? formatAmount(value) : formatCount(value);
}

class GridBuilder {
  readonly rows: GridCell[][] = [];
  add(cell: Omit<GridCell, 'rowSpan' | 'colSpan'> & { rowSpan?: number; colSpan?: number }): GridCell {
    const full: GridCell = { ...cell, rowSpan: cell.rowSpan ?? 1, colSpan: cell.colSpan ?? 1 };
    while (this.rows.length <= full.row) this.rows.push([]);
    this.rows[full.row]!.push(full);
    return full;
  }
}

function valueCell(
  row: number,
  col: number,
  value: number | null,
  cellId: CellId,
  headers: string[],
  numberKind: 'count' | 'amount' = 'count',
  colSpan = 1,
): Omit<GridCell, 'rowSpan' | 'colSpan'> & { colSpan: number } {
  return {
    role: 'value',
    text: formatValue(value, numberKind),
    row,
    col,
    colSpan,
    value,
    cellId,
    headers,
    numberKind,
  };
}

const idPart = (key: string) => key.replace(/\./g, '-');

// ── Section 二: one table of four columns; each 第二十条 item is a full-width sub-heading ─────────────

interface Section2Part {
  title: string;
  header: readonly string[];
  rows: readonly { key: string; label: string; columns: readonly string[] }[];
}

/** The 2019 试行 table 二 (国办公开办函〔2019〕60号), grouped by 第二十条 item as printed. */
const SECTION2_2019_PARTS: { title: string; keys: string[] }[] = [
  { title: '第二十条第（一）项', keys: ['rule', 'normative_document'] },
  { title: '第二十条第（五）项', keys: ['licensing', 'other_management_service'] },
  { title: '第二十条第（六）项', keys: ['penalty', 'coercion'] },
  { title: '第二十条第（八）项', keys: ['administrative_fee'] },
  { title: '第二十条第（九）项', keys: ['centralised_procurement'] },
];

function section2Parts(tables: ReportTables): {
  parts: Section2Part[];
  cells: Record<string, Record<string, number | null>>;
} {
  if (tables.formatVersion === '2019' && tables.section2_2019) {
    const parts = SECTION2_2019_PARTS.map(({ title, keys }) => {
      const rows = SECTION2_2019_LAYOUT.filter((row) => keys.includes(row.key));
      const columns = rows[0]?.columns ?? [];
      return {
        title,
        header: ['信息内容', ...columns.map((c) => SECTION2_2019_COLUMN_LABELS[c])],
        rows,
      };
    });
    return { parts, cells: tables.section2_2019 as unknown as Record<string, Record<string, number | null>> };
  }
  return {
    parts: [...SECTION2_TABLES],
    cells: tables.section2 as unknown as Record<string, Record<string, number | null>>,
  };
}

const AMOUNT_COLUMNS = new Set(['amount_wan_yuan']);

export function buildSection2Grid(tables: ReportTables): TableGrid {
  const grid = new GridBuilder();
  const columnCount = 4;
  const { parts, cells: section2 } = section2Parts(tables);
  const sectionKey = tables.formatVersion === '2019' && tables.section2_2019 ? 'section2_2019' : 'section2';
  let row = 0;
  parts.forEach((table, tableIndex) => {
    const subheadingId = `s2-t${tableIndex + 1}`;
    grid.add({ role: 'subheading', text: table.title, row, col: 0, colSpan: columnCount, id: subheadingId });
    row += 1;
    // Value columns share the three right-hand grid columns; a last column takes what is left over.
    const valueColumns = table.header.length - 1;
    const span = (i: number) => (i < valueColumns - 1 ? Math.floor((columnCount - 1) / valueColumns) : 0);
    const starts: number[] = [];
    const spans: number[] = [];
    for (let i = 0, col = 1; i < valueColumns; i++) {
      const width = i === valueColumns - 1 ? columnCount - col : span(i);
      starts.push(col);
      spans.push(width);
      col += width;
    }
    const headerIds = table.header.map((_, i) => `${subheadingId}-h${i}`);
    table.header.forEach((label, i) => {
      grid.add({
        role: 'column-header',
        text: label,
        row,
        col: i === 0 ? 0 : starts[i - 1]!,
        colSpan: i === 0 ? 1 : spans[i - 1]!,
        id: headerIds[i]!,
        headers: [subheadingId],
      });
    });
    row += 1;
    for (const tableRow of table.rows) {
      const rowHeaderId = `s2-r-${tableRow.key}`;
      grid.add({
        role: 'row-header',
        text: tableRow.label,
        row,
        col: 0,
        id: rowHeaderId,
        headers: [subheadingId, headerIds[0]!],
      });
      tableRow.columns.forEach((column, i) => {
        const value = section2[tableRow.key]?.[column] ?? null;
        const kind = AMOUNT_COLUMNS.has(column) ? 'amount' : 'count';
        grid.add(
          valueCell(
            row,
            starts[i]!,
            value,
            `${sectionKey}.${tableRow.key}.${column}`,
            [subheadingId, rowHeaderId, headerIds[i + 1]!],
            kind,
            spans[i]!,
          ),
        );
      });
      row += 1;
    }
  });
  return {
    key: 'section2',
    caption: '主动公开政府信息情况（第二十条第（一）、（五）、（六）、（八）项）',
    columnCount,
    rowCount: row,
    headerRowCount: 0,
    labelColumnCount: 1,
    rows: grid.rows,
  };
}

// ── Section 三: 3 label columns (row group, outcome group, leaf) and 7 value columns ───────────────

const S3_LABEL_COLUMNS = 3;
const S3_HEADER_ROWS = 3;

function section3ColumnHeaderIds(column: Section3Column): string[] {
  if (column === 'total') return ['s3-applicants', 's3-c-total'];
  if (column === 'natural_person') return ['s3-applicants', 's3-c-natural_person'];
  return ['s3-applicants', 's3-org', `s3-c-${column}`];
}

export function buildSection3Grid(tables: ReportTables): TableGrid {
  const grid = new GridBuilder();
  const firstValueCol = S3_LABEL_COLUMNS;
  grid.add({
    role: 'corner',
    text: SECTION3_CORNER_NOTE,
    row: 0,
    col: 0,
    rowSpan: S3_HEADER_ROWS,
    colSpan: S3_LABEL_COLUMNS,
    id: 's3-corner',
  });
  // As the format prints it: 申请人情况 over all seven columns, 总计 beside 自然人 and 法人或其他组织.
  grid.add({
    role: 'column-header',
    text: '申请人情况',
    row: 0,
    col: firstValueCol,
    colSpan: SECTION3_COLUMNS.length,
    id: 's3-applicants',
  });
  grid.add({
    role: 'column-header',
    text: APPLICANT_TYPE_LABELS.natural_person,
    row: 1,
    col: firstValueCol,
    rowSpan: 2,
    id: 's3-c-natural_person',
    headers: ['s3-applicants'],
  });
  grid.add({
    role: 'column-header',
    text: '法人或其他组织',
    row: 1,
    col: firstValueCol + 1,
    colSpan: 5,
    id: 's3-org',
    headers: ['s3-applicants'],
  });
  grid.add({
    role: 'column-header',
    text: '总计',
    row: 1,
    col: firstValueCol + 6,
    rowSpan: 2,
    id: 's3-c-total',
    headers: ['s3-applicants'],
  });
  SECTION3_COLUMNS.forEach((column, i) => {
    if (column === 'natural_person' || column === 'total') return;
    grid.add({
      role: 'column-header',
      text: APPLICANT_TYPE_LABELS[column],
      row: 2,
      col: firstValueCol + i,
      id: `s3-c-${column}`,
      headers: ['s3-applicants', 's3-org'],
    });
  });

  const addValues = (
    row: number,
    rowKey: string,
    rowHeaders: string[],
    cells: Record<Section3Column, number | null>,
  ) => {
    SECTION3_COLUMNS.forEach((column, i) => {
      grid.add(
        valueCell(row, firstValueCol + i, cells[column] ?? null, `${rowKey}.${column}`, [
          ...rowHeaders,
          ...section3ColumnHeaderIds(column),
        ]),
      );
    });
  };

  // Rows of the results block, as printed: a merged group prints one row instead of its leaves.
  type PrintedRow =
    | { kind: 'leaf'; key: Section3Row }
    | { kind: 'group-leaf'; key: Section3Row; group: OutcomeGroup; first: boolean; size: number }
    | { kind: 'merged-group'; group: OutcomeGroup };
  const merged = tables.section3_merged ?? {};
  const resultRows: PrintedRow[] = [];
  const resultKeys = SECTION3_ROWS.filter(
    (key) => key !== 'new' && key !== 'carried_over' && key !== 'carried_forward',
  );
  for (const key of resultKeys) {
    const group = OUTCOME_GROUPS.find((g) => key.startsWith(`${g.key}.`));
    if (!group) {
      resultRows.push({ kind: 'leaf', key });
      continue;
    }
    const leaves = resultKeys.filter((k) => k.startsWith(`${group.key}.`));
    if (merged[group.key]) {
      if (leaves[0] === key) resultRows.push({ kind: 'merged-group', group: group.key });
      continue;
    }
    resultRows.push({
      kind: 'group-leaf',
      key,
      group: group.key,
      first: leaves[0] === key,
      size: leaves.length,
    });
  }

  let row = S3_HEADER_ROWS;
  const addTopLevelRow = (key: 'new' | 'carried_over' | 'carried_forward') => {
    const id = `s3-r-${key}`;
    grid.add({
      role: 'row-header',
      text: SECTION3_ROW_LABELS[key],
      row,
      col: 0,
      colSpan: S3_LABEL_COLUMNS,
      id,
    });
    addValues(row, `section3.${key}`, [id], tables.section3[key]);
    row += 1;
  };
  addTopLevelRow('new');
  addTopLevelRow('carried_over');

  grid.add({
    role: 'row-header',
    text: SECTION3_RESULTS_HEADING,
    row,
    col: 0,
    rowSpan: resultRows.length,
    id: 's3-results',
  });
  for (const printed of resultRows) {
    if (printed.kind === 'leaf') {
      const id = `s3-r-${idPart(printed.key)}`;
      grid.add({
        role: 'row-header',
        text: SECTION3_ROW_LABELS[printed.key],
        row,
        col: 1,
        colSpan: 2,
        id,
        headers: ['s3-results'],
      });
      addValues(row, `section3.${printed.key}`, ['s3-results', id], tables.section3[printed.key]);
    } else if (printed.kind === 'merged-group') {
      const label = OUTCOME_GROUPS.find((g) => g.key === printed.group)!.label;
      const id = `s3-g-${printed.group}`;
      grid.add({ role: 'row-header', text: label, row, col: 1, colSpan: 2, id, headers: ['s3-results'] });
      addValues(row, `section3_merged.${printed.group}`, ['s3-results', id], merged[printed.group]!);
    } else {
      const groupId = `s3-g-${printed.group}`;
      if (printed.first) {
        const label = OUTCOME_GROUPS.find((g) => g.key === printed.group)!.label;
        grid.add({
          role: 'row-header',
          text: label,
          row,
          col: 1,
          rowSpan: printed.size,
          id: groupId,
          headers: ['s3-results'],
        });
      }
      const id = `s3-r-${idPart(printed.key)}`;
      grid.add({
        role: 'row-header',
        text: SECTION3_ROW_LABELS[printed.key],
        row,
        col: 2,
        id,
        headers: ['s3-results', groupId],
      });
      addValues(row, `section3.${printed.key}`, ['s3-results', groupId, id], tables.section3[printed.key]);
    }
    row += 1;
  }
  addTopLevelRow('carried_forward');

  return {
    key: 'section3',
    caption: '收到和处理政府信息公开申请情况（单位：件）',
    columnCount: S3_LABEL_COLUMNS + SECTION3_COLUMNS.length,
    rowCount: row,
    headerRowCount: S3_HEADER_ROWS,
    labelColumnCount: S3_LABEL_COLUMNS,
    rows: grid.rows,
  };
}

// ── Section 四: 行政复议 (5) and 行政诉讼 (10 = 未经复议直接起诉 5 + 复议后起诉 5), one row of numbers ──

export function buildSection4Grid(tables: ReportTables): TableGrid {
  const grid = new GridBuilder();
  const width = SECTION4_COLUMNS.length;
  grid.add({
    role: 'column-header',
    text: '行政复议',
    row: 0,
    col: 0,
    colSpan: width,
    id: 's4-reconsideration',
  });
  grid.add({
    role: 'column-header',
    text: '行政诉讼',
    row: 0,
    col: width,
    colSpan: 2 * width,
    id: 's4-litigation',
  });
  SECTION4_BLOCKS.forEach((block, blockIndex) => {
    const start = blockIndex * width;
    const blockIds = block === 'reconsideration' ? ['s4-reconsideration'] : ['s4-litigation', `s4-${block}`];
    if (block !== 'reconsideration') {
      grid.add({
        role: 'column-header',
        text: SECTION4_BLOCK_LABELS[block],
        row: 1,
        col: start,
        colSpan: width,
        id: `s4-${block}`,
        headers: ['s4-litigation'],
      });
    }
    SECTION4_COLUMNS.forEach((column, i) => {
      const id = `s4-${block}-${column}`;
      grid.add({
        role: 'column-header',
        text: SECTION4_COLUMN_LABELS[column],
        row: block === 'reconsideration' ? 1 : 2,
        col: start + i,
        rowSpan: block === 'reconsideration' ? 2 : 1,
        id,
        headers: blockIds,
      });
      grid.add(
        valueCell(3, start + i, tables.section4[block][column] ?? null, `section4.${block}.${column}`, [
          ...blockIds,
          id,
        ]),
      );
    });
  });
  // Cells must be listed left to right within each row (the header rows are built block by block).
  for (const cells of grid.rows) cells.sort((a, b) => a.col - b.col);
  return {
    key: 'section4',
    caption: '政府信息公开行政复议、行政诉讼情况（单位：件）',
    columnCount: width * SECTION4_BLOCKS.length,
    rowCount: 4,
    headerRowCount: 3,
    labelColumnCount: 0,
    rows: grid.rows,
  };
}

export function buildReportGrids(tables: ReportTables): {
  section2: TableGrid;
  section3: TableGrid;
  section4: TableGrid;
} {
  return {
    section2: buildSection2Grid(tables),
    section3: buildSection3Grid(tables),
    section4: buildSection4Grid(tables),
  };
}

/**
 * The grid as a rectangle: each position holds the cell covering it and whether it is that cell's
 * top-left position (renderers that print spans as empty positions, like tab-separated text, use it).
 */
export function gridPositions(grid: TableGrid): { cell: GridCell; isOrigin: boolean }[][] {
  const positions: ({ cell: GridCell; isOrigin: boolean } | undefined)[][] = Array.from(
    { length: grid.rowCount },
    () => Array.from({ length: grid.columnCount }, () => undefined),
  );
  for (const cells of grid.rows) {
    for (const cell of cells) {
      for (let r = cell.row; r < cell.row + cell.rowSpan; r++) {
        for (let c = cell.col; c < cell.col + cell.colSpan; c++) {
          const line = positions[r];
          if (!line || c >= grid.columnCount)
            throw new Error(`表格布局越界：${grid.key} 第${r + 1}行第${c + 1}列`);
          if (line[c]) throw new Error(`表格布局重叠：${grid.key} 第${r + 1}行第${c + 1}列`);
          line[c] = { cell, isOrigin: r === cell.row && c === cell.col };
        }
      }
    }
  }
  return positions.map((line, r) =>
    line.map((position, c) => {
      if (!position) throw new Error(`表格布局缺格：${grid.key} 第${r + 1}行第${c + 1}列`);
      return position;
    }),
  );
}
