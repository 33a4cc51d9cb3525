import { sql } from 'kysely';
import type { Executor } from './executor.ts';

export type ImportJobStatus = 'running' | 'succeeded' | 'failed';
export type ImportJobPhase = 'reading' | 'checking' | 'committing' | 'done';

export interface ImportProblem {
  /** Line in the file (the header is line 1); absent for problems of the whole file. */
  line?: number;
  column?: string;
  message: string;
}

export interface ImportJob {
  id: string;
  agencyId: string;
  agencyName: string;
  target: 'decisions';
  fileName: string;
  byteSize: number;
  status: ImportJobStatus;
  phase: ImportJobPhase;
  rowsRead: number;
  bytesRead: number;
  rowsInserted: number;
  rowsUnchanged: number;
  errorCount: number;
  errors: ImportProblem[];
  message: string | null;
  options: Record<string, unknown>;
  startedByLabel: string;
  startedAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

const COLUMNS = [
  'importJob.id',
  'importJob.agencyId',
  'agency.name as agencyName',
  'importJob.target',
  'importJob.fileName',
  'importJob.byteSize',
  'importJob.status',
  'importJob.phase',
  'importJob.rowsRead',
  'importJob.bytesRead',
  'importJob.rowsInserted',
  'importJob.rowsUnchanged',
  'importJob.errorCount',
  'importJob.errors',
  'importJob.message',
  'importJob.options',
  'importJob.startedByLabel',
  'importJob.startedAt',
  'importJob.updatedAt',
  'importJob.finishedAt',
] as const;

function toJob(row: Record<string, unknown>): ImportJob {
  return {
    ...(row as unknown as ImportJob),
    byteSize: Number(row.byteSize),
    bytesRead: Number(row.bytesRead),
  };
}

/** Import jobs: one row per file, its progress written between batches, its report at the end. */
export function catalogueImportRepository(db: Executor) {
  return {
    async create(job: {
      agencyId: string;
      target: 'decisions';
      fileName: string;
      byteSize: number;
      options: Record<string, unknown>;
      startedBy: string | null;
      startedByLabel: string;
    }): Promise<string> {
      const row = await db
        .insertInto('importJob')
        .values({ ...job, options: JSON.stringify(job.options), status: 'running', phase: 'reading' })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async recordProgress(
      id: string,
      progress: { phase: ImportJobPhase; rowsRead: number; bytesRead: number; errorCount: number },
    ): Promise<void> {
      await db
        .updateTable('importJob')
        .set({ ...progress, updatedAt: new Date() })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .execute();
    },

    async finish(
      id: string,
      outcome: {
        status: 'succeeded' | 'failed';
        rowsRead: number;
        bytesRead: number;
        rowsInserted: number;
        rowsUnchanged: number;
        errorCount: number;
        errors: ImportProblem[];
        message: string;
      },
    ): Promise<void> {
      const now = new Date();
      await db
        .updateTable('importJob')
        .set({
          ...outcome,
          errors: JSON.stringify(outcome.errors),
          phase: 'done',
          updatedAt: now,
          finishedAt: now,
        })
        .where('id', '=', id)
        .execute();
    },

    async findById(id: string): Promise<ImportJob | undefined> {
      const row = await db
        .selectFrom('importJob')
        .innerJoin('agency', 'agency.id', 'importJob.agencyId')
        .select(COLUMNS)
        .where('importJob.id', '=', id)
        .executeTakeFirst();
      return row ? toJob(row) : undefined;
    },

    async listForAgency(agencyId: string, limit: number): Promise<ImportJob[]> {
      const rows = await db
        .selectFrom('importJob')
        .innerJoin('agency', 'agency.id', 'importJob.agencyId')
        .select(COLUMNS)
        .where('importJob.agencyId', '=', agencyId)
        .orderBy('importJob.startedAt', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toJob);
    },

    /** Jobs marked running whose process is gone (no progress for `staleMinutes`): failed, stage dropped. */
    async failStale(staleMinutes: number, message: string): Promise<string[]> {
      const rows = await db
        .updateTable('importJob')
        .set({ status: 'failed', phase: 'done', message, finishedAt: new Date(), updatedAt: new Date() })
        .where('status', '=', 'running')
        .where('updatedAt', '<', sql<Date>`now() - make_interval(mins => ${staleMinutes})`)
        .returning('id')
        .execute();
      return rows.map((r) => r.id);
    },

    async listRunningIds(): Promise<string[]> {
      const rows = await db.selectFrom('importJob').select('id').where('status', '=', 'running').execute();
      return rows.map((r) => r.id);
    },
  };
}

export type CatalogueImportRepository = ReturnType<typeof catalogueImportRepository>;
