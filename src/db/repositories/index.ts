import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';
import { agencyRepository } from './agency.repository.ts';
import { annualReportRepository } from './annual-report.repository.ts';
import { auditLogRepository } from './audit-log.repository.ts';
import { calendarRepository } from './calendar.repository.ts';
import { catalogueRepository } from './catalogue.repository.ts';
import { catalogueFeeRepository } from './catalogue-fee.repository.ts';
import { catalogueImportRepository } from './catalogue-import.repository.ts';
import { catalogueReportRepository } from './catalogue-report.repository.ts';
import { catalogueSearchRepository } from './catalogue-search.repository.ts';
import { decisionRepository } from './decision.repository.ts';
import { disclosureRequestRepository } from './disclosure-request.repository.ts';
import { documentImportRepository } from './document-import.repository.ts';
import type { Executor } from './executor.ts';
import { reviewCaseRepository } from './review-case.repository.ts';
import { sessionRepository } from './session.repository.ts';
import { staffRepository } from './staff.repository.ts';

export function createRepositories(db: Executor) {
  return {
    agencies: agencyRepository(db),
    staff: staffRepository(db),
    sessions: sessionRepository(db),
    auditLog: auditLogRepository(db),
    calendar: calendarRepository(db),
    annualReports: annualReportRepository(db),
    disclosureRequests: disclosureRequestRepository(db),
    reviewCases: reviewCaseRepository(db),
    catalogue: catalogueRepository(db),
    catalogueSearch: catalogueSearchRepository(db),
    catalogueImports: catalogueImportRepository(db),
    catalogueReport: catalogueReportRepository(db),
    administrativeFees: catalogueFeeRepository(db),
    decisions: decisionRepository(db),
    documentImports: documentImportRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;

/** Runs `work` in one transaction with repositories bound to it: all of it is written, or none. */
export function inTransaction<T>(db: Kysely<DB>, work: (repos: Repositories) => Promise<T>): Promise<T> {
  return db.transaction().execute((trx) => work(createRepositories(trx)));
}

export type { AuditEntry } from './audit-log.repository.ts';
export { isUniqueViolation } from './executor.ts';
export type { StaffRecord } from './staff.repository.ts';
