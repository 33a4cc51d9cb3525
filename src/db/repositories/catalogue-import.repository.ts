import { sql } from 'kysely';
import type { Executor } from './executor.ts';

/** What a file is imported into. */
export type ImportTarget = 'decisions' | 'documents';

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
  target: ImportTarget;
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

/**
 * An import's staging table: its own (UNLOGGED, named after the job) so that concurrent imports never
 * meet, dropped in one statement, and found again by name when the process that made it died.
 */
export function stageName(jobId: string): string {
  const hex = jobId.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new Error('invalid import job id');
  return `import_stage_${hex}`;
}

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
      target: ImportTarget;
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

    // ── Stages and locks (every kind of import) ───────────────────────────────────────────────

    async dropStage(jobId: string): Promise<void> {
      await sql`DROP TABLE IF EXISTS ${sql.id(stageName(jobId))}`.execute(db);
    },

    /** Stages left by an import that died with its process. */
    async dropStagesExcept(runningJobIds: readonly string[]): Promise<number> {
      const keep = new Set(runningJobIds.map(stageName));
      const result = await sql<{ tablename: string }>`
        SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'import\\_stage\\_%'`.execute(
        db,
      );
      let dropped = 0;
      for (const { tablename } of result.rows) {
        if (keep.has(tablename) || !/^import_stage_[0-9a-f]{32}$/.test(tablename)) continue;
        await sql`DROP TABLE IF EXISTS ${sql.id(tablename)}`.execute(db);
        dropped++;
      }
      return dropped;
    },

    /** Statistics for the whole-file checks and the publication (an unanalysed stage plans badly). */
    async analyseStage(jobId: string): Promise<void> {
      await sql`ANALYZE ${sql.id(stageName(jobId))}`.execute(db);
    },

    /** PGlite serves one session: an import must not hold it for the length of a file. */
    async isSingleSession(): Promise<boolean> {
      const result = await sql<{ version: string }>`SELECT version() AS version`.execute(db);
      return (result.rows[0]?.version ?? '').includes('PGlite');
    },

    /**
     * Serialises imports of one agency at publication (row lock on the agency until commit). NO KEY
     * UPDATE, not UPDATE: rows that merely reference the agency (new entries, audit lines) take KEY
     * SHARE for their foreign key and must not wait for an import to end.
     */
    async lockAgencyForImport(agencyId: string): Promise<void> {
      await db.selectFrom('agency').select('id').where('id', '=', agencyId).forNoKeyUpdate().execute();
    },
  };
}

export type CatalogueImportRepository = ReturnType<typeof catalogueImportRepository>;
