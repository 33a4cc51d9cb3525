import { Tooltip } from 'antd';
import type { AuditedReportFile } from '../../../contract/report-audit.ts';
import { describePlace } from '../../../contract/report-audit.ts';
import { describeCell } from '../../../core/annual-report/cell-access.ts';
import type { CellId, ReportTables } from '../../../core/annual-report/cells.ts';
import {
  type CellOverlay,
  OfficialTables,
  type ValueGridCell,
  worstSeverity,
} from '../../components/official-tables/official-tables.tsx';
import './report-audit.css';

type Report = AuditedReportFile;

interface Ctx {
  report: Report;
  /** Every finding naming a cell, by cell id. */
  findingsByCell: Map<string, Report['findings']>;
  unreadByCell: Map<string, string>;
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
  };
  const overlay = ({ cellId: cell, value }: ValueGridCell): CellOverlay => {
    const severity = worstSeverity(findingsByCell.get(cell) ?? []);
    return {
      className: [
        ctx.unreadByCell.has(cell) ? 'cell-unread' : '',
        severity ? `cell-${severity}` : '',
        active.has(cell) ? 'cell-active' : '',
      ]
        .filter(Boolean)
        .join(' '),
      ...(value === null && { content: <span className="unread-mark">{ownText(ctx, cell) || '？'}</span> }),
      wrap: (td) => (
        <Tooltip
          title={<CellCard ctx={ctx} cell={cell} />}
          mouseEnterDelay={0.15}
          styles={{ root: { maxWidth: 420 } }}
        >
          {td}
        </Tooltip>
      ),
    };
  };
  return (
    <OfficialTables
      tables={report.tables as ReportTables}
      withHeadings
      className="audited-tables"
      overlay={overlay}
    />
  );
}
