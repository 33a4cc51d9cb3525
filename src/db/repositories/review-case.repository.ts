import { sql } from 'kysely';
import type {
  LitigationRoute,
  ReviewCase,
  ReviewKind,
  ReviewResult,
  ReviewSubject,
} from '../../core/review/index.ts';
import type { Executor } from './executor.ts';

export interface ReviewCaseRecord extends ReviewCase {
  agencyId: string;
  contestedEventSeq: number | null;
  trackingCode: string;
  createdByName: string | null;
  version: number;
}

const COLUMNS = [
  'c.id',
  'c.requestId',
  'c.agencyId',
  'c.contestedEventSeq',
  'c.kind',
  'c.route',
  'c.reconsiderationCaseId',
  'c.subject',
  'c.body',
  'c.caseNumber',
  'c.receivedOn',
  'c.decidedOn',
  'c.result',
  'c.countedInReport',
  'c.version',
  'r.trackingCode',
  'staff.displayName as createdByName',
] as const;

type Row = {
  kind: string;
  route: string | null;
  subject: string;
  result: string | null;
} & Omit<ReviewCaseRecord, 'kind' | 'route' | 'subject' | 'result'>;

function toRecord(row: Row): ReviewCaseRecord {
  return {
    ...row,
    kind: row.kind as ReviewKind,
    route: row.route as LitigationRoute | null,
    subject: row.subject as ReviewSubject,
    result: row.result as ReviewResult | null,
  };
}

export function reviewCaseRepository(db: Executor) {
  const base = () =>
    db
      .selectFrom('reviewCase as c')
      .innerJoin('disclosureRequest as r', 'r.id', 'c.requestId')
      .leftJoin('staff', 'staff.id', 'c.createdBy');

  return {
    async insert(
      reviewCase: ReviewCase & {
        agencyId: string;
        contestedEventSeq: number | null;
        createdBy: string | null;
      },
    ): Promise<string> {
      const row = await db
        .insertInto('reviewCase')
        .values({
          id: reviewCase.id,
          requestId: reviewCase.requestId,
          agencyId: reviewCase.agencyId,
          contestedEventSeq: reviewCase.contestedEventSeq,
          kind: reviewCase.kind,
          route: reviewCase.route,
          reconsiderationCaseId: reviewCase.reconsiderationCaseId,
          subject: reviewCase.subject,
          body: reviewCase.body,
          caseNumber: reviewCase.caseNumber,
          receivedOn: reviewCase.receivedOn,
          decidedOn: reviewCase.decidedOn,
          result: reviewCase.result,
          countedInReport: reviewCase.countedInReport,
          createdBy: reviewCase.createdBy,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async findById(id: string): Promise<ReviewCaseRecord | undefined> {
      const row = await base().select(COLUMNS).where('c.id', '=', id).executeTakeFirst();
      return row ? toRecord(row as Row) : undefined;
    },

    async listByRequest(requestId: string): Promise<ReviewCaseRecord[]> {
      const rows = await base()
        .select(COLUMNS)
        .where('c.requestId', '=', requestId)
        .orderBy('c.receivedOn')
        .orderBy('c.createdAt')
        .execute();
      return rows.map((row) => toRecord(row as Row));
    },

    /** The agency's cases received by `until` (section 四 of that year and earlier). */
    async listForAgency(agencyId: string, until: string): Promise<ReviewCaseRecord[]> {
      const rows = await base()
        .select(COLUMNS)
        .where('c.agencyId', '=', agencyId)
        .where('c.receivedOn', '<=', until)
        .orderBy('c.receivedOn')
        .execute();
      return rows.map((row) => toRecord(row as Row));
    },

    async listByIds(ids: readonly string[]): Promise<ReviewCaseRecord[]> {
      if (ids.length === 0) return [];
      const rows = await base()
        .select(COLUMNS)
        .where('c.id', 'in', [...ids])
        .orderBy('c.receivedOn')
        .execute();
      return rows.map((row) => toRecord(row as Row));
    },

    /** Optimistic locking: the decision applies only to the version the clerk saw. */
    async recordDecision(
      id: string,
      expectedVersion: number,
      decision: { result: ReviewResult; decidedOn: string },
    ): Promise<boolean> {
      const row = await db
        .updateTable('reviewCase')
        .set({ ...decision, updatedAt: new Date(), version: sql`version + 1` })
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .where('result', 'is', null)
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}

export type ReviewCaseRepository = ReturnType<typeof reviewCaseRepository>;
