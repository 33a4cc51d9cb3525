import {
  APPLICANT_TYPE_LABELS,
  type CellId,
  OUTCOME_GROUP_ROWS,
  OUTCOME_GROUPS,
  type OutcomeCode,
  type OutcomeGroup,
  type ReportTables,
  SECTION2_2019_COLUMN_LABELS,
  SECTION2_2019_LAYOUT,
  SECTION2_COLUMN_LABELS,
  SECTION2_LAYOUT,
  SECTION3_COLUMNS,
  SECTION3_ROW_LABELS,
  SECTION3_ROWS,
  SECTION4_BLOCK_LABELS,
  SECTION4_BLOCKS,
  SECTION4_COLUMN_LABELS,
  SECTION4_COLUMNS,
  type Section3Column,
  type Section3Row,
  type Section4Block,
  type Section4Column,
} from './cells.ts';

/**
 * Cell ids (`section3.<row>.<column>` …) and reading cells by id. Row keys of table 三 contain a dot
 * (`withheld.state_secret`), so an id is read as: section up to the first dot, column after the last.
 */

export const CELL_SECTIONS = [
  'section2',
  'section3',
  'section4',
  'section3_merged',
  'section2_2019',
] as const;
export type CellSection = (typeof CELL_SECTIONS)[number];

export interface CellEntry {
  cell: CellId;
  value: number | null;
}

export interface ParsedCellId {
  section: CellSection;
  row: string;
  column: string;
}

export const section3Cell = (row: Section3Row, column: Section3Column): CellId => `section3.${row}.${column}`;
export const section4Cell = (block: Section4Block, column: Section4Column): CellId =>
  `section4.${block}.${column}`;
export const mergedCell = (group: OutcomeGroup, column: Section3Column): CellId =>
  `section3_merged.${group}.${column}`;

export function parseCellId(cell: CellId): ParsedCellId | null {
  const first = cell.indexOf('.');
  const last = cell.lastIndexOf('.');
  if (first < 0 || last === first) return null;
  const section = cell.slice(0, first);
  if (!(CELL_SECTIONS as readonly string[]).includes(section)) return null;
  return { section: section as CellSection, row: cell.slice(first + 1, last), column: cell.slice(last + 1) };
}

type Rows = Record<string, Record<string, number | null> | undefined>;

function sectionRows(tables: ReportTables, section: CellSection): Rows | undefined {
  return tables[section] as unknown as Rows | undefined;
}

/** Every cell of the report in canonical order; section3_merged and section2_2019 only when present. */
export function listCells(tables: ReportTables): CellEntry[] {
  const out: CellEntry[] = [];
  const push = (section: CellSection, row: string, columns: readonly string[]) => {
    const cells = sectionRows(tables, section)?.[row];
    if (!cells) return;
    for (const column of columns)
      out.push({ cell: `${section}.${row}.${column}`, value: cells[column] ?? null });
  };
  for (const row of SECTION2_LAYOUT) push('section2', row.key, row.columns);
  for (const row of SECTION3_ROWS) push('section3', row, SECTION3_COLUMNS);
  for (const block of SECTION4_BLOCKS) push('section4', block, SECTION4_COLUMNS);
  if (tables.section3_merged) {
    for (const group of OUTCOME_GROUPS) push('section3_merged', group.key, SECTION3_COLUMNS);
  }
  if (tables.section2_2019) {
    for (const row of SECTION2_2019_LAYOUT) push('section2_2019', row.key, row.columns);
  }
  return out;
}

/** The value of a cell; `undefined` when the report has no such cell (unknown id, or absent section). */
export function readCell(tables: ReportTables, cell: CellId): number | null | undefined {
  const id = parseCellId(cell);
  if (!id) return undefined;
  const row = sectionRows(tables, id.section)?.[id.row];
  if (!row || !(id.column in row)) return undefined;
  return row[id.column] ?? null;
}

const SECTION3_COLUMN_TITLES: Record<Section3Column, string> = {
  ...APPLICANT_TYPE_LABELS,
  other_org: '其他（法人或其他组织）',
  total: '总计',
};

export function section3ColumnTitle(column: Section3Column): string {
  return SECTION3_COLUMN_TITLES[column];
}

/** A row of table 三 as people name it: "（三）不予公开 1.属于国家秘密", "（二）部分公开". */
export function section3RowTitle(row: Section3Row): string {
  const label = SECTION3_ROW_LABELS[row];
  const dot = row.indexOf('.');
  if (dot < 0) return label.replace(/（区分处理的.*）$/, '');
  const group = OUTCOME_GROUPS.find((g) => g.key === row.slice(0, dot));
  return group ? `${group.label}${label}` : label;
}

export function section4BlockTitle(block: Section4Block): string {
  return block === 'reconsideration' ? '行政复议' : `行政诉讼（${SECTION4_BLOCK_LABELS[block]}）`;
}

/** A cell named for a message: `第三部分“（一）予以公开”行“自然人”列`. */
export function describeCell(cell: CellId): string {
  const id = parseCellId(cell);
  if (!id) return cell;
  switch (id.section) {
    case 'section2': {
      const row = SECTION2_LAYOUT.find((r) => r.key === id.row);
      const column = SECTION2_COLUMN_LABELS[id.column as keyof typeof SECTION2_COLUMN_LABELS];
      return `第二部分“${row?.label ?? id.row}”${column ?? id.column}`;
    }
    case 'section2_2019': {
      const row = SECTION2_2019_LAYOUT.find((r) => r.key === id.row);
      const column = SECTION2_2019_COLUMN_LABELS[id.column as keyof typeof SECTION2_2019_COLUMN_LABELS];
      return `第二部分（2019年格式）“${row?.label ?? id.row}”${column ?? id.column}`;
    }
    case 'section3': {
      const row = (SECTION3_ROWS as readonly string[]).includes(id.row)
        ? section3RowTitle(id.row as Section3Row)
        : id.row;
      const column = SECTION3_COLUMN_TITLES[id.column as Section3Column] ?? id.column;
      return `第三部分“${row}”行“${column}”列`;
    }
    case 'section3_merged': {
      const group = OUTCOME_GROUPS.find((g) => g.key === id.row);
      const column = SECTION3_COLUMN_TITLES[id.column as Section3Column] ?? id.column;
      return `第三部分“${group?.label ?? id.row}”（合并行）“${column}”列`;
    }
    case 'section4': {
      const block = (SECTION4_BLOCKS as readonly string[]).includes(id.row)
        ? section4BlockTitle(id.row as Section4Block)
        : id.row;
      const column = SECTION4_COLUMN_LABELS[id.column as Section4Column] ?? id.column;
      return `第四部分${block}“${column}”`;
    }
  }
}

export interface OutcomeLeafCell {
  cell: CellId;
  /** The printed row: a leaf, or a group row standing in for its sub-rows. */
  label: string;
  value: number | null;
}

/**
 * The 21 outcome rows of one column as the report printed them. Where a group was printed as one row
 * (section3_merged) and its sub-rows are not all known in this column, that row stands in for them
 * (fixtures/reports/README.md): so a 2019-format report is summed over its 18 printed rows.
 */
export function outcomeLeafCells(tables: ReportTables, column: Section3Column): OutcomeLeafCell[] {
  const leaf = (code: OutcomeCode): OutcomeLeafCell => ({
    cell: section3Cell(code, column),
    label: section3RowTitle(code),
    value: tables.section3[code][column],
  });
  const out: OutcomeLeafCell[] = [leaf('disclosed'), leaf('partially_disclosed')];
  for (const group of OUTCOME_GROUPS) {
    const rows = OUTCOME_GROUP_ROWS[group.key];
    const merged = tables.section3_merged?.[group.key];
    const subRowsKnown = rows.every((row) => tables.section3[row][column] !== null);
    if (merged && !subRowsKnown) {
      out.push({ cell: mergedCell(group.key, column), label: group.label, value: merged[column] });
    } else {
      out.push(...rows.map(leaf));
    }
  }
  return out;
}

/** The count of one outcome group in one column, from its sub-rows or its merged row; null if unknown. */
export function outcomeGroupValue(
  tables: ReportTables,
  group: OutcomeGroup,
  column: Section3Column,
): number | null {
  const rows = OUTCOME_GROUP_ROWS[group];
  const values = rows.map((row) => tables.section3[row][column]);
  if (values.every((v) => v !== null)) return values.reduce<number>((a, v) => a + (v ?? 0), 0);
  return tables.section3_merged?.[group]?.[column] ?? null;
}

/** Sets one cell in place; returns false when the report has no such row or column. */
export function writeCell(tables: ReportTables, cell: CellId, value: number | null): boolean {
  const id = parseCellId(cell);
  if (!id) return false;
  const row = sectionRows(tables, id.section)?.[id.row];
  if (!row || !(id.column in row)) return false;
  row[id.column] = value;
  return true;
}
