import type { AnnualReportView } from '../../contract/annual-report-api.ts';
import { readCell, writeCell } from '../../core/annual-report/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { Actor } from '../../core/staff/index.ts';
import { inTransaction } from '../../db/repositories/index.ts';
import { actorLabel, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { loadReportFor, requireAction } from './report-access.ts';
import { toReportView } from './report-view.ts';

/**
 * Sets cells of a draft. Every changed cell is recorded with who entered it and when (a manual value
 * always names its author); the view returned carries the rule findings of the new tables.
 */
export async function updateReportCells(
  deps: AppDeps,
  input: { actor: Actor; reportId: string; version: number; cells: { cell: string; value: number | null }[] },
): Promise<AnnualReportView> {
  const { actor } = input;
  requirePermission(actor, 'report.edit');
  return inTransaction(deps.db, async (repos) => {
    const { report, agency, access } = await loadReportFor(repos, actor, input.reportId);
    requireAction(actor, report, agency, access, 'edit');
    if (report.version !== input.version) throw new DomainError('conflict');
    const tables = structuredClone(report.tables);
    // Cell ids stay values, never keys, in stored JSON: the database layer camel-cases keys it reads.
    const changed: { cell: string; from: number | null; to: number | null }[] = [];
    for (const { cell, value } of input.cells) {
      const old = readCell(tables, cell);
      if (old === undefined || !writeCell(tables, cell, value)) {
        throw new DomainError('validation_failed', `报告中没有单元格“${cell}”`);
      }
      const seen = changed.find((c) => c.cell === cell);
      if (seen) seen.to = value;
      else if (old !== value) changed.push({ cell, from: old, to: value });
    }
    if (changed.length === 0) return toReportView(repos, actor, report, agency, access);
    const updated = await repos.annualReports.update(report.id, input.version, { tables });
    if (!updated) throw new DomainError('conflict');
    await repos.annualReports.appendCellEntries(
      report.id,
      agency.id,
      changed.map(({ cell, to }) => ({
        cellId: cell,
        value: to,
        origin: 'manual' as const,
        enteredBy: actor.staffId,
        enteredByLabel: actorLabel(actor),
      })),
    );
    await repos.auditLog.append({
      actorStaffId: actor.staffId,
      actorLabel: actorLabel(actor),
      agencyId: agency.id,
      action: 'annual_report.cells_updated',
      entityType: 'annual_report',
      entityId: report.id,
      oldValue: { cells: changed.map(({ cell, from }) => ({ cell, value: from })) },
      newValue: { cells: changed.map(({ cell, to }) => ({ cell, value: to })), version: updated.version },
    });
    return toReportView(repos, actor, updated, agency, access);
  });
}
