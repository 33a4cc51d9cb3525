import { Fragment, type ReactElement, type ReactNode, type TdHTMLAttributes, useId } from 'react';
import type { CellId, ReportTables } from '../../../core/annual-report/cells.ts';
import { SECTION_TITLES } from '../../../core/annual-report/cells.ts';
import { buildReportGrids, type GridCell, type TableGrid } from '../../../core/annual-report/table-layout.ts';
import './official-tables.css';

export type OfficialTableKey = TableGrid['key'];

/** A figure of the tables, with the id of the report cell it shows. */
export type ValueGridCell = GridCell & { role: 'value'; cellId: CellId; value: number | null };

/** What a page lays over one figure: the tables themselves stay as the format prints them. */
export interface CellOverlay {
  /** Classes beside `value` (cell-error, cell-computed…). */
  className?: string;
  /** Stands in the cell instead of the printed figure (an input, a button, a mark). */
  content?: ReactNode;
  /** Further attributes of the <td> (title, data-*). */
  attributes?: TdHTMLAttributes<HTMLTableCellElement> & { [data: `data-${string}`]: string | undefined };
  /** Wraps the <td>, e.g. in a tooltip (which must hand its props and ref on to the cell). */
  wrap?: (td: ReactElement) => ReactElement;
}

/** A column beside the tables, outside the printed format, with a note for each row of figures. */
export interface RowNotes {
  heading: string;
  /** The note beside one printed row, given its figures; `testId` names the note's cell. */
  render(values: readonly ValueGridCell[]): { content: ReactNode; testId?: string };
}

export interface OfficialTablesProps {
  tables: ReportTables;
  /** Only some tables (a page may print its own headings between them). */
  sections?: readonly OfficialTableKey[];
  /** Print each table's section heading (二、三、四) above it. */
  withHeadings?: boolean;
  className?: string;
  overlay?: (cell: ValueGridCell) => CellOverlay;
  notes?: RowNotes;
}

const ALL_SECTIONS: readonly OfficialTableKey[] = ['section2', 'section3', 'section4'];
const SECTION_TITLE: Record<OfficialTableKey, string> = {
  section2: SECTION_TITLES[1],
  section3: SECTION_TITLES[2],
  section4: SECTION_TITLES[3],
};

/** The worse of a cell's findings, for its outline. */
export function worstSeverity(findings: readonly { severity: 'error' | 'warning' }[]) {
  if (findings.some((f) => f.severity === 'error')) return 'error';
  return findings.length > 0 ? 'warning' : null;
}

const isValue = (cell: GridCell): cell is ValueGridCell => cell.role === 'value' && cell.cellId !== undefined;

/** A group printed as one row (the pre-2021 habit) is shown as printed, not split into guessed rows. */
const isMergedGroupRow = (values: readonly ValueGridCell[]) =>
  values.some((v) => v.cellId.startsWith('section3_merged.'));

interface TableProps {
  grid: TableGrid;
  /** Makes the layout's header ids unique in the page. */
  idPrefix: string;
  overlay: OfficialTablesProps['overlay'];
  notes: RowNotes | undefined;
}

function HeaderCell({ cell, idPrefix, note }: { cell: GridCell; idPrefix: string; note?: ReactNode }) {
  const className =
    cell.role === 'row-header'
      ? `row-label${cell.rowSpan > 1 ? ' row-group' : ''}`
      : cell.role === 'column-header'
        ? undefined
        : cell.role;
  return (
    <th
      className={className}
      colSpan={cell.colSpan}
      rowSpan={cell.rowSpan}
      id={cell.id && `${idPrefix}${cell.id}`}
      headers={cell.headers?.map((id) => `${idPrefix}${id}`).join(' ')}
    >
      {cell.text}
      {note}
    </th>
  );
}

function ValueCell({
  cell,
  idPrefix,
  overlay,
}: { cell: ValueGridCell } & Omit<TableProps, 'grid' | 'notes'>) {
  const over = overlay?.(cell) ?? {};
  const td = (
    <td
      className={over.className ? `value ${over.className}` : 'value'}
      colSpan={cell.colSpan}
      rowSpan={cell.rowSpan}
      headers={cell.headers?.map((id) => `${idPrefix}${id}`).join(' ')}
      data-cell={cell.cellId}
      {...over.attributes}
    >
      {over.content ?? cell.text}
    </td>
  );
  return over.wrap ? over.wrap(td) : td;
}

function OfficialTable({ grid, idPrefix, overlay, notes }: TableProps) {
  // A table without row labels (四) is one row of figures: its notes go under it, across its width.
  const notesBelow = notes !== undefined && grid.labelColumnCount === 0;
  const notesBeside = notes !== undefined && !notesBelow;
  const headerRows = Math.max(1, grid.headerRowCount);
  const printRow = (cells: readonly GridCell[], r: number) => {
    const values = cells.filter(isValue);
    const merged = isMergedGroupRow(values);
    const lastHeader = cells.findLast((c) => c.role === 'row-header');
    let besideCell: ReactNode = null;
    if (notesBeside && r === 0) {
      besideCell = (
        <th className="notes-head" rowSpan={headerRows}>
          {notes.heading}
        </th>
      );
    } else if (notesBeside && r >= headerRows) {
      const note = values.length > 0 ? notes.render(values) : { content: null };
      besideCell = (
        <td className="notes" data-testid={note.testId}>
          {note.content}
        </td>
      );
    }
    return (
      <tr key={r} className={merged ? 'merged-row' : undefined}>
        {cells.map((cell) =>
          isValue(cell) ? (
            <ValueCell key={cell.col} cell={cell} idPrefix={idPrefix} overlay={overlay} />
          ) : (
            <HeaderCell
              key={cell.col}
              cell={cell}
              idPrefix={idPrefix}
              note={
                merged && cell === lastHeader ? (
                  <span className="merged-note">（合并印制，未分列子项）</span>
                ) : null
              }
            />
          ),
        )}
        {besideCell}
      </tr>
    );
  };
  const rows = Array.from({ length: grid.rowCount }, (_, r) => printRow(grid.rows[r] ?? [], r));
  const lastValues = (grid.rows.at(-1) ?? []).filter(isValue);
  const below = notesBelow ? notes.render(lastValues) : null;
  return (
    <table className={`official ${grid.key}`}>
      <caption className="visually-hidden">{grid.caption}</caption>
      <colgroup>
        {Array.from({ length: grid.labelColumnCount }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: columns are positions
          <col key={`l${i}`} className={`label-${i + 1}`} />
        ))}
        {Array.from({ length: grid.columnCount - grid.labelColumnCount }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: columns are positions
          <col key={`v${i}`} className="number" />
        ))}
        {notesBeside && <col className="notes-col" />}
      </colgroup>
      {grid.headerRowCount > 0 && <thead>{rows.slice(0, grid.headerRowCount)}</thead>}
      <tbody>
        {rows.slice(grid.headerRowCount)}
        {below && (
          <tr>
            <td colSpan={grid.columnCount} className="notes below" data-testid={below.testId}>
              {below.content}
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

/**
 * A report's tables 二、三、四 laid out as the official format prints them (国办公开办函〔2021〕30号, or the
 * 2019 table 二 for reports in that format), from the one layout the exports print too. Pages differ only
 * in what they lay over the figures (inputs, marks, outlines, tooltips) and in an optional notes column.
 */
export function OfficialTables({
  tables,
  sections = ALL_SECTIONS,
  withHeadings = false,
  className,
  overlay,
  notes,
}: OfficialTablesProps) {
  const idPrefix = useId();
  const grids = buildReportGrids(tables);
  return (
    <div className={className ? `official-tables ${className}` : 'official-tables'}>
      {sections.map((key) => (
        <Fragment key={key}>
          {withHeadings && <h4 className="official-tables-heading">{SECTION_TITLE[key]}</h4>}
          <OfficialTable grid={grids[key]} idPrefix={idPrefix} overlay={overlay} notes={notes} />
        </Fragment>
      ))}
    </div>
  );
}
