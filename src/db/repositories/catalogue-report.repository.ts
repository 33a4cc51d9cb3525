import type { Section2Facts } from '../../core/catalogue/index.ts';
import { catalogueRepository } from './catalogue.repository.ts';
import { catalogueFeeRepository } from './catalogue-fee.repository.ts';
import { decisionRepository } from './decision.repository.ts';
import type { Executor } from './executor.ts';

/** The facts section 二 is folded from, for one agency and year (computeSection2 in core). */
export function catalogueReportRepository(db: Executor) {
  const entries = catalogueRepository(db);
  const decisions = decisionRepository(db);
  const fees = catalogueFeeRepository(db);
  return {
    async section2Facts(agencyId: string, year: number): Promise<Section2Facts> {
      const [documents, decisionCounts, feeRows] = await Promise.all([
        entries.listSection2Documents(agencyId, year),
        decisions.countByKind(agencyId, `${year}-01-01`, `${year}-12-31`),
        fees.listForYear(agencyId, year),
      ]);
      return {
        agencyId,
        year,
        documents,
        decisionCounts,
        fees: feeRows.map((f) => ({ id: f.id, amountYuan: f.amountYuan })),
      };
    },
  };
}

export type CatalogueReportRepository = ReturnType<typeof catalogueReportRepository>;
