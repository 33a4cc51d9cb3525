import type { ReportAuditEntry } from '../../contract/annual-report-api.ts';
import { describeCell, REPORT_STATUS_LABELS, type ReportStatus } from '../../core/annual-report/index.ts';
import { auditActionLabel } from '../../core/audit/index.ts';
import type { Actor } from '../../core/staff/index.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { loadReportFor } from './report-access.ts';

const PROSE_LABELS: Record<string, string> = {
  preamble: '开头段落',
  overview: '一、总体情况',
  problems: '五、存在的主要问题及改进情况',
  otherMatters: '六、其他需要报告的事项',
};

type Values = Record<string, unknown> | null;

function cellValues(values: Values): { cell: string; value: unknown }[] {
  const cells = values?.cells;
  return Array.isArray(cells) ? (cells as { cell: string; value: unknown }[]) : [];
}

function formatValue(value: unknown): string {
  return value === null || value === undefined ? '空白' : String(value);
}

/** One Chinese sentence per audited change, for the report's own trail. */
export function summariseReportAudit(action: string, oldValue: Values, newValue: Values): string {
  const status = (v: Values) => REPORT_STATUS_LABELS[(v?.status as ReportStatus) ?? 'draft'];
  switch (action) {
    case 'annual_report.created': {
      const computed = Number(newValue?.computedCells ?? 0);
      return computed > 0 ? `新建年度报告（草稿），${computed}个单元格由台账生成` : '新建年度报告（草稿）';
    }
    case 'annual_report.cells_updated': {
      const before = new Map(cellValues(oldValue).map((c) => [c.cell, c.value]));
      const after = cellValues(newValue);
      const shown = after
        .slice(0, 3)
        .map((c) => `${describeCell(c.cell)}由${formatValue(before.get(c.cell))}改为${formatValue(c.value)}`);
      return `修改${after.length}个单元格：${shown.join('；')}${after.length > 3 ? ' 等' : ''}`;
    }
    case 'annual_report.filled_from_ledger': {
      const after = cellValues(newValue);
      const kept = Array.isArray(newValue?.keptManual) ? newValue.keptManual.length : 0;
      return `从台账取数：更新${after.length}个单元格${kept > 0 ? `，保留${kept}个人工填报的单元格` : ''}`;
    }
    case 'annual_report.prose_updated': {
      const fields = Object.keys(newValue ?? {}).filter((k) => k in PROSE_LABELS);
      return `修改正文：${fields.map((f) => PROSE_LABELS[f]).join('、')}`;
    }
    case 'annual_report.submitted':
      return '报送上级机关审核';
    case 'annual_report.returned':
      return '退回修改';
    case 'annual_report.accepted':
      return '审核通过';
    case 'annual_report.published':
      return `发布（发布日期 ${formatValue(newValue?.publishedOn)}）`;
    case 'annual_report.compiled':
      return `汇总下级机关报告生成表格（${formatValue(newValue?.agencyCount)}个机关）`;
    case 'annual_report.imported':
      return `导入已发布的报告文件 ${formatValue(newValue?.fileName)}`;
    case 'annual_report.seeded':
      return `演示数据：${status(newValue)}的年度报告`;
    default:
      return auditActionLabel(action);
  }
}

/** The report's own audit trail, newest first: readable by everyone who may read the report. */
export async function listReportAudit(
  deps: AppDeps,
  input: { actor: Actor; reportId: string },
): Promise<ReportAuditEntry[]> {
  requirePermission(input.actor, 'report.read');
  const repos = createRepositories(deps.db);
  const { report } = await loadReportFor(repos, input.actor, input.reportId);
  const rows = await repos.auditLog.list({
    // Access to the report was checked above; its trail is filtered by the report's id.
    scope: { kind: 'all' },
    entityType: 'annual_report',
    entityId: report.id,
    limit: 500,
    offset: 0,
  });
  return rows.map((row) => {
    const oldValue = row.oldValue as Values;
    const newValue = row.newValue as Values;
    return {
      id: Number(row.id),
      at: new Date(row.at).toISOString(),
      actorLabel: row.actorLabel,
      action: row.action,
      summary: summariseReportAudit(row.action, oldValue, newValue),
      reason: typeof newValue?.reason === 'string' ? newValue.reason : null,
    };
  });
}
