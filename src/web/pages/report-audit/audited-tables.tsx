import { Tooltip } from 'antd';
import type { ReactNode } from 'react';
import type { AuditedReportFile } from '../../../contract/report-audit.ts';
import { describePlace } from '../../../contract/report-audit.ts';
import { describeCell, readCell } from '../../../core/annual-report/cell-access.ts';
import {
  APPLICANT_TYPE_LABELS,
  APPLICANT_TYPES,
  type CellId,
  OUTCOME_GROUP_ROWS,
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
  SECTION4_BLOCKS,
  SECTION4_COLUMN_LABELS,
  SECTION4_COLUMNS,
  type Section3Row,
} from '../../../core/annual-report/cells.ts';
import './report-audit.css';

type Report = AuditedReportFile;

interface Ctx {
  report: Report;
  /** Every finding naming a cell, by cell id. */
  findingsByCell: Map<string, Report['findings']>;
  unreadByCell: Map<string, string>;
  /** Cells of the finding the person is pointing at, outlined more strongly. */
  active: ReadonlySet<string>;
}

function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(6)));
}

/**
 * The text printed in the cell itself ("无", "见附件") when it could not be read as a figure. A cell
 * missed beside its row label carries the label as its nearest text: that is not the cell's text.
 */
function ownText(ctx: Ctx, cell: CellId): string | null {
  const text = ctx.report.provenance[cell]?.text;
  const reason = ctx.unreadByCell.get(cell);
  if (text === undefined || reason === undefined) return text ?? null;
  // A blank cell read in place (HTML, DOCX, text grids) is its own, empty, text.
  if (text === '') return '';
  return reason.includes(`内容“${text}”`) || reason.includes(`金额“${text}”`) ? text : null;
}

/** The hover card of a cell: what it is, where it was printed and as what, why it is empty, what is wrong. */
function CellCard({ ctx, cell }: { ctx: Ctx; cell: CellId }) {
  const place = ctx.report.provenance[cell];
  const unread = ctx.unreadByCell.get(cell);
  const findings = ctx.findingsByCell.get(cell) ?? [];
  return (
    <div className="audit-cell-card">
      <div className="audit-cell-name">{describeCell(cell)}</div>
      {place && unread && ownText(ctx, cell) === null ? (
        <div>
          参考位置：{describePlace(place)}，附近文字“{place.text}”
        </div>
      ) : place ? (
        <div>
          来源：{describePlace(place)}，
          {place.text === '' ? (
            '原文为空白'
          ) : (
            <>
              原文“<span className="audit-source-text">{place.text}</span>”
            </>
          )}
        </div>
      ) : (
        <div>来源：报告中未找到此格</div>
      )}
      {unread && <div className="audit-unread-reason">未读出：{unread}</div>}
      {findings.map((f) => (
        <div key={`${f.id}:${f.cells.join()}`} className={`audit-cell-finding ${f.severity}`}>
          【{f.id}】{f.message}
        </div>
      ))}
    </div>
  );
}

function ValueCell({ ctx, cell, colSpan = 1 }: { ctx: Ctx; cell: CellId; colSpan?: number }) {
  const value = readCell(ctx.report.tables as ReportTables, cell);
  const findings = ctx.findingsByCell.get(cell) ?? [];
  const unread = ctx.unreadByCell.has(cell);
  const severity = findings.some((f) => f.severity === 'error')
    ? 'error'
    : findings.length > 0
      ? 'warning'
      : null;
  const printed = ownText(ctx, cell) ?? '';
  const className = [
    'value',
    unread ? 'cell-unread' : '',
    severity ? `cell-${severity}` : '',
    ctx.active.has(cell) ? 'cell-active' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <Tooltip
      title={<CellCard ctx={ctx} cell={cell} />}
      mouseEnterDelay={0.15}
      styles={{ root: { maxWidth: 420 } }}
    >
      <td className={className} colSpan={colSpan} data-cell={cell}>
        {value === null || value === undefined ? (
          <span className="unread-mark">{printed || '？'}</span>
        ) : (
          formatValue(value)
        )}
      </td>
    </Tooltip>
  );
}

function Section2({ ctx }: { ctx: Ctx }) {
  return (
    <table className="official">
      <tbody>
        {SECTION2_TABLES.map((t) => {
          const columns = t.header.length - 1;
          return [
            <tr key={`${t.title}-title`}>
              <th colSpan={4} className="subheading">
                {t.title}
              </th>
            </tr>,
            <tr key={`${t.title}-header`}>
              {t.header.map((h, c) => (
                <th key={h} colSpan={c === t.header.length - 1 ? 4 - columns : 1}>
                  {h}
                </th>
              ))}
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
              </tr>
            )),
          ];
        })}
      </tbody>
    </table>
  );
}

/** Table 二 of the 2019 format (国办公开办函〔2019〕60号), as those reports print it. */
const SECTION2_2019_GROUPS = [
  { title: '第二十条第（一）项', rows: ['rule', 'normative_document'] },
  { title: '第二十条第（五）项', rows: ['licensing', 'other_management_service'] },
  { title: '第二十条第（六）项', rows: ['penalty', 'coercion'] },
  { title: '第二十条第（八）项', rows: ['administrative_fee'] },
  { title: '第二十条第（九）项', rows: ['centralised_procurement'] },
] as const;

function Section2Format2019({ ctx }: { ctx: Ctx }) {
  return (
    <table className="official">
      <tbody>
        {SECTION2_2019_GROUPS.map((group) => {
          const layouts = group.rows.map((key) => SECTION2_2019_LAYOUT.find((r) => r.key === key)!);
          const columns = layouts[0]!.columns as readonly (keyof typeof SECTION2_2019_COLUMN_LABELS)[];
          return [
            <tr key={`${group.title}-title`}>
              <th colSpan={4} className="subheading">
                {group.title}
              </th>
            </tr>,
            <tr key={`${group.title}-header`}>
              <th>信息内容</th>
              {columns.map((c, i) => (
                <th key={c} colSpan={i === columns.length - 1 ? 4 - columns.length : 1}>
                  {SECTION2_2019_COLUMN_LABELS[c]}
                </th>
              ))}
            </tr>,
            ...layouts.map((row) => (
              <tr key={row.key}>
                <th className="row-label">{row.label}</th>
                {row.columns.map((c, i) => (
                  <ValueCell
                    key={c}
                    ctx={ctx}
                    cell={`section2_2019.${row.key}.${c}`}
                    colSpan={i === row.columns.length - 1 ? 4 - row.columns.length : 1}
                  />
                ))}
              </tr>
            )),
          ];
        })}
      </tbody>
    </table>
  );
}

function Section3({ ctx }: { ctx: Ctx }) {
  const merged = ctx.report.tables.section3_merged ?? {};
  const isMerged = (group: OutcomeGroup) => merged[group] !== undefined;
  const groupRows = (group: OutcomeGroup) => (isMerged(group) ? 1 : OUTCOME_GROUP_ROWS[group].length);
  const resultsRowCount = 2 + OUTCOME_GROUPS.reduce((n, g) => n + groupRows(g.key), 0) + 1;
  const valueCells = (prefix: string) =>
    SECTION3_COLUMNS.map((column) => <ValueCell key={column} ctx={ctx} cell={`${prefix}.${column}`} />);
  const rows: ReactNode[] = [];
  const plain = (row: Section3Row, label: ReactNode) =>
    rows.push(
      <tr key={row}>
        {label}
        {valueCells(`section3.${row}`)}
      </tr>,
    );
  const label = (row: Section3Row, colSpan: number) => (
    <th colSpan={colSpan} className="row-label">
      {SECTION3_ROW_LABELS[row]}
    </th>
  );
  plain('new', label('new', 3));
  plain('carried_over', label('carried_over', 3));
  plain(
    'disclosed',
    <>
      <th rowSpan={resultsRowCount} className="row-label vertical">
        {SECTION3_RESULTS_HEADING}
      </th>
      {label('disclosed', 2)}
    </>,
  );
  plain('partially_disclosed', label('partially_disclosed', 2));
  for (const group of OUTCOME_GROUPS) {
    if (isMerged(group.key)) {
      // Printed as one row (the pre-2021 habit): shown as printed, not split into guessed sub-rows.
      rows.push(
        <tr key={group.key} className="merged-row">
          <th colSpan={2} className="row-label">
            {group.label}
            <span className="merged-note">（合并印制，未分列子项）</span>
          </th>
          {valueCells(`section3_merged.${group.key}`)}
        </tr>,
      );
      continue;
    }
    OUTCOME_GROUP_ROWS[group.key].forEach((row, i) => {
      plain(
        row,
        <>
          {i === 0 && (
            <th rowSpan={OUTCOME_GROUP_ROWS[group.key].length} className="row-label group">
              {group.label}
            </th>
          )}
          <th className="row-label leaf">{SECTION3_ROW_LABELS[row]}</th>
        </>,
      );
    });
  }
  plain('outcome_total', label('outcome_total', 2));
  plain('carried_forward', label('carried_forward', 3));
  return (
    <table className="official section3">
      <colgroup>
        <col className="label-1" />
        <col className="label-2" />
        <col className="label-3" />
        {SECTION3_COLUMNS.map((c) => (
          <col key={c} className="number" />
        ))}
      </colgroup>
      <thead>
        <tr>
          <th colSpan={3} rowSpan={3} className="corner">
            {SECTION3_CORNER_NOTE}
          </th>
          <th colSpan={7}>申请人情况</th>
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
  return (
    <table className="official section4">
      <thead>
        <tr>
          <th colSpan={5}>行政复议</th>
          <th colSpan={10}>行政诉讼</th>
        </tr>
        <tr>
          {SECTION4_COLUMNS.map((c) => (
            <th key={`r-${c}`} rowSpan={2}>
              {SECTION4_COLUMN_LABELS[c]}
            </th>
          ))}
          <th colSpan={5}>未经复议直接起诉</th>
          <th colSpan={5}>复议后起诉</th>
        </tr>
        <tr>
          {(['litigation_direct', 'litigation_after_reconsideration'] as const).flatMap((block) =>
            SECTION4_COLUMNS.map((c) => <th key={`${block}-${c}`}>{SECTION4_COLUMN_LABELS[c]}</th>),
          )}
        </tr>
      </thead>
      <tbody>
        <tr>
          {SECTION4_BLOCKS.flatMap((block) =>
            SECTION4_COLUMNS.map((c) => (
              <ValueCell key={`${block}-${c}`} ctx={ctx} cell={`section4.${block}.${c}`} />
            )),
          )}
        </tr>
      </tbody>
    </table>
  );
}

/**
 * A parsed report's tables laid out as printed in the official format, read-only: every figure as read,
 * cells the parser could not read hatched (with the printed text, if any), cells named by a finding
 * outlined in its severity's colour; hovering a cell shows where it was printed and its exact text.
 */
export function AuditedTables({ report, active }: { report: Report; active: ReadonlySet<string> }) {
  const findingsByCell = new Map<string, Report['findings']>();
  for (const f of report.findings) {
    for (const cell of f.cells) findingsByCell.set(cell, [...(findingsByCell.get(cell) ?? []), f]);
  }
  const ctx: Ctx = {
    report,
    findingsByCell,
    unreadByCell: new Map(report.unread.map((u) => [u.cell, u.reason])),
    active,
  };
  return (
    <div className="audited-tables">
      <h4>二、主动公开政府信息情况</h4>
      {report.tables.section2_2019 ? <Section2Format2019 ctx={ctx} /> : <Section2 ctx={ctx} />}
      <h4>三、收到和处理政府信息公开申请情况</h4>
      <Section3 ctx={ctx} />
      <h4>四、政府信息公开行政复议、行政诉讼情况</h4>
      <Section4 ctx={ctx} />
    </div>
  );
}
