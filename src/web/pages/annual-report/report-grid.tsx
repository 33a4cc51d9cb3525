import { type ReactNode, useState } from 'react';
import { describeCell, readCell } from '../../../core/annual-report/cell-access.ts';
import {
  APPLICANT_TYPE_LABELS,
  APPLICANT_TYPES,
  type CellId,
  OUTCOME_GROUP_ROWS,
  OUTCOME_GROUPS,
  type ReportTables,
  SECTION_TITLES,
  SECTION2_TABLES,
  SECTION3_COLUMNS,
  SECTION3_CORNER_NOTE,
  SECTION3_RESULTS_HEADING,
  SECTION3_ROW_LABELS,
  SECTION4_BLOCKS,
  SECTION4_COLUMN_LABELS,
  SECTION4_COLUMNS,
  type Section3Row,
} from '../../../core/annual-report/cells.ts';
import type { Finding } from '../../../core/annual-report/rules.ts';
import { type FindingIndex, findingKey, type GridTable, indexFindings, rowKey } from './grid-findings.ts';
import './report-grid.css';

export interface ReportGridProps {
  tables: ReportTables;
  findings: readonly Finding[];
  editable: boolean;
  onChange?: (cell: CellId, value: number | null) => void;
  /** Who entered the value and when, for the cell's tooltip. */
  cellInfo?: (cell: CellId) => string | undefined;
  /** Cells whose value the ledger computed: tinted, with a corner mark that opens their records. */
  isComputed?: (cell: CellId) => boolean;
  onOpenLedger?: (cell: CellId) => void;
  /** Only some sections (the console shows them under their headings). */
  sections?: readonly ('section2' | 'section3' | 'section4')[];
  /** Print each section's heading (二、三、四) above its table. */
  withHeadings?: boolean;
}

/** Digits as typed, full-width digits and minus included; '' is a blank cell. */
export function parseCellInput(text: string): number | null | 'invalid' {
  const normal = text.normalize('NFKC').replace(/[\s,]/g, '');
  if (normal === '') return null;
  if (!/^-?\d+(\.\d+)?$/.test(normal)) return 'invalid';
  return Number(normal);
}

function formatCell(value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(6)));
}

interface Ctx extends ReportGridProps {
  index: FindingIndex;
  texts: Record<string, string>;
  setText(cell: CellId, text: string | null): void;
}

/** One figure; section 二's one-figure tables stretch it over the width of the first table. */
function ValueCell({ ctx, cell, colSpan = 1 }: { ctx: Ctx; cell: CellId; colSpan?: number }) {
  const value = readCell(ctx.tables, cell);
  const findings = ctx.index.byCell.get(cell) ?? [];
  const severity = findings.some((f) => f.severity === 'error')
    ? 'error'
    : findings.length > 0
      ? 'warning'
      : null;
  const text = ctx.texts[cell];
  const invalid = text !== undefined && parseCellInput(text) === 'invalid';
  const hover = [
    describeCell(cell),
    ctx.cellInfo?.(cell),
    ...findings.map((f) => `【${f.rule}】${f.message}`),
    invalid ? '请输入数字（没有的填0）' : undefined,
  ]
    .filter(Boolean)
    .join('\n');
  const computed = ctx.isComputed?.(cell) ?? false;
  const className = [
    'value',
    computed ? 'cell-computed' : '',
    severity ? `cell-${severity}` : '',
    invalid ? 'cell-invalid' : '',
    value === null ? 'cell-blank' : '',
  ].join(' ');
  const open = computed && ctx.onOpenLedger ? () => ctx.onOpenLedger?.(cell) : null;
  if (!ctx.editable) {
    return (
      <td
        className={className}
        colSpan={colSpan}
        title={hover}
        data-cell={cell}
        data-origin={computed ? 'computed' : undefined}
      >
        {open ? (
          // The figure itself opens its records; the corner mark is drawn by CSS (not in the text).
          <button
            type="button"
            className="ledger-value"
            aria-label={`${formatCell(value)}（台账生成，点击查看台账记录）`}
            onClick={open}
          >
            {formatCell(value)}
          </button>
        ) : (
          formatCell(value)
        )}
      </td>
    );
  }
  return (
    <td
      className={className}
      colSpan={colSpan}
      data-cell={cell}
      data-origin={computed ? 'computed' : undefined}
    >
      {open && (
        <button
          type="button"
          className="ledger-mark"
          title="台账生成：点击查看对应的台账记录"
          // Not the cell's own name: the input keeps its label to itself.
          aria-label="查看该单元格的台账记录"
          onClick={open}
        />
      )}
      <input
        aria-label={describeCell(cell)}
        aria-invalid={severity === 'error' || invalid}
        title={hover}
        inputMode="decimal"
        autoComplete="off"
        value={text ?? formatCell(value)}
        onChange={(event) => {
          const next = event.target.value;
          ctx.setText(cell, next);
          const parsed = parseCellInput(next);
          if (parsed !== 'invalid') ctx.onChange?.(cell, parsed);
        }}
        onBlur={() => {
          if (text !== undefined && parseCellInput(text) !== 'invalid') ctx.setText(cell, null);
        }}
        onKeyDown={(event) => {
          if (event.key !== 'Enter') return;
          // Enter moves down the column, as in a spreadsheet.
          const inputs = [...document.querySelectorAll<HTMLInputElement>('.report-grid input')];
          const here = event.currentTarget.getBoundingClientRect();
          const below = inputs
            .map((input) => ({ input, rect: input.getBoundingClientRect() }))
            .filter(({ rect }) => Math.abs(rect.left - here.left) < 4 && rect.top > here.top + 2)
            .sort((a, b) => a.rect.top - b.rect.top)[0];
          below?.input.focus();
          below?.input.select();
        }}
      />
    </td>
  );
}

function Messages({ findings }: { findings: readonly Finding[] }) {
  if (findings.length === 0) return null;
  return (
    <>
      {findings.map((f) => (
        <div key={findingKey(f)} className={`grid-message ${f.severity}`} role="note">
          <span className="rule-id">{f.rule}</span>
          {f.message}
        </div>
      ))}
    </>
  );
}

function CheckCell({
  ctx,
  table,
  row,
  rowSpan,
}: {
  ctx: Ctx;
  table: GridTable;
  row: string;
  rowSpan?: number;
}) {
  const findings = ctx.index.byRow.get(rowKey(table, row)) ?? [];
  return (
    <td className="check" rowSpan={rowSpan} data-testid={`check-${table}-${row}`}>
      <Messages findings={findings} />
    </td>
  );
}

function Section2({ ctx }: { ctx: Ctx }) {
  const tableKeys: GridTable[] = [
    'section2.documents',
    'section2.licensing',
    'section2.enforcement',
    'section2.fee',
  ];
  return (
    <table className="official section2">
      <tbody>
        {SECTION2_TABLES.map((t, i) => {
          const table = tableKeys[i] as GridTable;
          const columns = t.header.length - 1;
          return [
            <tr key={`${t.title}-title`}>
              <th colSpan={4} className="subheading">
                {t.title}
              </th>
              <th className="check-head">{i === 0 ? '核对' : ''}</th>
            </tr>,
            <tr key={`${t.title}-header`}>
              {t.header.map((h, c) => (
                <th key={h} colSpan={c === t.header.length - 1 ? 4 - columns : 1}>
                  {h}
                </th>
              ))}
              <td className="check" />
            </tr>,
            ...t.rows.map((r) => (
              <tr key={r.key}>
                <th className="row-label">{r.label}</th>
                {r.columns.map((column, c) => (
                  <ValueCell
                    key={column}
                    ctx={ctx}
                    cell={`section2.${r.key}.${column}`}
                    colSpan={c === r.columns.length - 1 ? 4 - columns : 1}
                  />
                ))}
                <CheckCell ctx={ctx} table={table} row={r.key} />
              </tr>
            )),
          ];
        })}
      </tbody>
    </table>
  );
}

function Section3({ ctx }: { ctx: Ctx }) {
  const s3RowLabel = (row: Section3Row) => SECTION3_ROW_LABELS[row];
  const resultsRowCount = 2 + OUTCOME_GROUPS.reduce((n, g) => n + OUTCOME_GROUP_ROWS[g.key].length, 0) + 1;
  const valueCells = (row: Section3Row) =>
    SECTION3_COLUMNS.map((column) => <ValueCell key={column} ctx={ctx} cell={`section3.${row}.${column}`} />);
  const rows: ReactNode[] = [];
  const plain = (row: Section3Row, label: ReactNode) =>
    rows.push(
      <tr key={row}>
        {label}
        {valueCells(row)}
        <CheckCell ctx={ctx} table="section3" row={row} />
      </tr>,
    );
  plain(
    'new',
    <th colSpan={3} className="row-label">
      {s3RowLabel('new')}
    </th>,
  );
  plain(
    'carried_over',
    <th colSpan={3} className="row-label">
      {s3RowLabel('carried_over')}
    </th>,
  );
  plain(
    'disclosed',
    <>
      <th rowSpan={resultsRowCount} className="row-label vertical">
        {SECTION3_RESULTS_HEADING}
      </th>
      <th colSpan={2} className="row-label">
        {s3RowLabel('disclosed')}
      </th>
    </>,
  );
  plain(
    'partially_disclosed',
    <th colSpan={2} className="row-label">
      {s3RowLabel('partially_disclosed')}
    </th>,
  );
  for (const group of OUTCOME_GROUPS) {
    OUTCOME_GROUP_ROWS[group.key].forEach((row, i) => {
      plain(
        row,
        <>
          {i === 0 && (
            <th rowSpan={OUTCOME_GROUP_ROWS[group.key].length} className="row-label group">
              {group.label}
            </th>
          )}
          <th className="row-label leaf">{s3RowLabel(row)}</th>
        </>,
      );
    });
  }
  plain(
    'outcome_total',
    <th colSpan={2} className="row-label">
      {s3RowLabel('outcome_total')}
    </th>,
  );
  plain(
    'carried_forward',
    <th colSpan={3} className="row-label">
      {s3RowLabel('carried_forward')}
    </th>,
  );
  return (
    <table className="official section3">
      <colgroup>
        <col className="label-1" />
        <col className="label-2" />
        <col className="label-3" />
        {SECTION3_COLUMNS.map((c) => (
          <col key={c} className="number" />
        ))}
        <col className="check-col" />
      </colgroup>
      <thead>
        <tr>
          <th colSpan={3} rowSpan={3} className="corner">
            {SECTION3_CORNER_NOTE}
          </th>
          <th colSpan={7}>申请人情况</th>
          <th rowSpan={3} className="check-head">
            核对
          </th>
        </tr>
        <tr>
          <th rowSpan={2}>{APPLICANT_TYPE_LABELS.natural_person}</th>
          <th colSpan={5}>法人或其他组织</th>
          <th rowSpan={2}>总计</th>
        </tr>
        <tr>
          {APPLICANT_TYPES.slice(1).map((t) => (
            <th key={t}>{APPLICANT_TYPE_LABELS[t]}</th>
          ))}
        </tr>
      </thead>
      <tbody>{rows}</tbody>
    </table>
  );
}

function Section4({ ctx }: { ctx: Ctx }) {
  const parts = SECTION4_COLUMNS;
  return (
    <table className="official section4">
      <thead>
        <tr>
          <th colSpan={5}>行政复议</th>
          <th colSpan={10}>行政诉讼</th>
        </tr>
        <tr>
          {parts.map((c) => (
            <th key={`r-${c}`} rowSpan={2}>
              {SECTION4_COLUMN_LABELS[c]}
            </th>
          ))}
          <th colSpan={5}>未经复议直接起诉</th>
          <th colSpan={5}>复议后起诉</th>
        </tr>
        <tr>
          {(['litigation_direct', 'litigation_after_reconsideration'] as const).flatMap((block) =>
            parts.map((c) => <th key={`${block}-${c}`}>{SECTION4_COLUMN_LABELS[c]}</th>),
          )}
        </tr>
      </thead>
      <tbody>
        <tr>
          {SECTION4_BLOCKS.flatMap((block) =>
            parts.map((c) => <ValueCell key={`${block}-${c}`} ctx={ctx} cell={`section4.${block}.${c}`} />),
          )}
        </tr>
        <tr>
          <td colSpan={15} className="check" data-testid="check-section4-all">
            <Messages findings={ctx.index.byRow.get(rowKey('section4', 'all')) ?? []} />
          </td>
        </tr>
      </tbody>
    </table>
  );
}

/**
 * The report's tables laid out as the official format (国办公开办函〔2021〕30号): merged headers, the
 * official row labels, a number input in every cell. Every rule finding is shown at once: the cells
 * it names are outlined, and its message stands in the 核对 column of the row it is about.
 */
export function ReportGrid(props: ReportGridProps) {
  const [texts, setTexts] = useState<Record<string, string>>({});
  const ctx: Ctx = {
    ...props,
    index: indexFindings(props.findings),
    texts,
    setText(cell, text) {
      setTexts((current) => {
        const next = { ...current };
        if (text === null) delete next[cell];
        else next[cell] = text;
        return next;
      });
    },
  };
  const sections = props.sections ?? ['section2', 'section3', 'section4'];
  return (
    <div className={`report-grid${props.editable ? ' editable' : ''}`}>
      {sections.includes('section2') && (
        <>
          {props.withHeadings && <h4 className="grid-heading">{SECTION_TITLES[1]}</h4>}
          <Section2 ctx={ctx} />
        </>
      )}
      {sections.includes('section3') && (
        <>
          {props.withHeadings && <h4 className="grid-heading">{SECTION_TITLES[2]}</h4>}
          <Section3 ctx={ctx} />
        </>
      )}
      {sections.includes('section4') && (
        <>
          {props.withHeadings && <h4 className="grid-heading">{SECTION_TITLES[3]}</h4>}
          <Section4 ctx={ctx} />
        </>
      )}
    </div>
  );
}
