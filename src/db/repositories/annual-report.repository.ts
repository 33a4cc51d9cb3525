import { sql } from 'kysely';
import type { FormatVersion, ReportTables } from '../../core/annual-report/cells.ts';
import type { ReportProse, ReportStatus } from '../../core/annual-report/model.ts';
import { agencySubtreeIds, type Executor } from './executor.ts';

/** How the report's tables came to be (annual_report.source). */
export type ReportSource = 'authored' | 'parsed' | 'compiled';

/** Why a cell holds its value (annual_report_cell_entry.origin). */
export type CellEntryOrigin = 'manual' | 'prefilled' | 'compiled' | 'computed';

export interface AnnualReportRecord {
  id: string;
  agencyId: string;
  year: number;
  formatVersion: FormatVersion;
  status: ReportStatus;
  source: ReportSource;
  tables: ReportTables;
  prose: ReportProse;
  provenance: unknown;
  returnReason: string | null;
  submittedAt: Date | null;
  submittedBy: string | null;
  returnedAt: Date | null;
  returnedBy: string | null;
  acceptedAt: Date | null;
  acceptedBy: string | null;
  publishedAt: Date | null;
  publishedBy: string | null;
  publishedOn: string | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export type AnnualReportFields = Omit<AnnualReportRecord, 'id' | 'createdAt' | 'updatedAt' | 'version'>;

export interface CellEntry {
  cellId: string;
  value: number | null;
  origin: CellEntryOrigin;
  enteredBy: string | null;
  enteredByLabel: string;
  enteredAt: Date;
}

export interface NewCellEntry {
  cellId: string;
  value: number | null;
  origin: CellEntryOrigin;
  enteredBy: string | null;
  enteredByLabel: string;
  /** Defaults to now(); the demo seed dates its entries. */
  enteredAt?: Date;
}

const PLAIN_COLUMNS = [
  'id',
  'agencyId',
  'year',
  'formatVersion',
  'status',
  'source',
  'returnReason',
  'submittedAt',
  'submittedBy',
  'returnedAt',
  'returnedBy',
  'acceptedAt',
  'acceptedBy',
  'publishedAt',
  'publishedBy',
  'publishedOn',
  'createdBy',
  'createdAt',
  'updatedAt',
  'version',
] as const;

/**
 * The jsonb columns are read as text and parsed here: the CamelCasePlugin would otherwise rename the
 * snake_case keys inside them (carried_over → carriedOver), and the canonical JSON keeps its keys.
 */
const COLUMNS = [
  ...PLAIN_COLUMNS,
  sql<string>`tables::text`.as('tablesJson'),
  sql<string>`prose::text`.as('proseJson'),
  sql<string | null>`provenance::text`.as('provenanceJson'),
] as const;

function toRecord(row: Record<string, unknown>): AnnualReportRecord {
  const { tablesJson, proseJson, provenanceJson, ...plain } = row as Record<string, unknown> & {
    tablesJson: string;
    proseJson: string;
    provenanceJson: string | null;
  };
  return {
    ...(plain as Omit<AnnualReportRecord, 'tables' | 'prose' | 'provenance'>),
    tables: JSON.parse(tablesJson),
    prose: JSON.parse(proseJson),
    provenance: provenanceJson === null ? null : JSON.parse(provenanceJson),
  };
}

/** jsonb columns are written as JSON text. */
function toColumns(fields: Partial<AnnualReportFields>) {
  const { tables, prose, provenance, ...rest } = fields;
  return {
    ...rest,
    ...(tables !== undefined ? { tables: JSON.stringify(tables) } : {}),
    ...(prose !== undefined ? { prose: JSON.stringify(prose) } : {}),
    ...(provenance !== undefined
      ? { provenance: provenance === null ? null : JSON.stringify(provenance) }
      : {}),
  };
}

export function annualReportRepository(db: Executor) {
  return {
    async findById(id: string): Promise<AnnualReportRecord | undefined> {
      const row = await db.selectFrom('annualReport').select(COLUMNS).where('id', '=', id).executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },

    async findByAgencyAndYear(agencyId: string, year: number): Promise<AnnualReportRecord | undefined> {
      const row = await db
        .selectFrom('annualReport')
        .select(COLUMNS)
        .where('agencyId', '=', agencyId)
        .where('year', '=', year)
        .executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },

    /** An agency's reports, newest year first. */
    async listByAgency(agencyId: string): Promise<AnnualReportRecord[]> {
      const rows = await db
        .selectFrom('annualReport')
        .select(COLUMNS)
        .where('agencyId', '=', agencyId)
        .orderBy('year', 'desc')
        .execute();
      return rows.map(toRecord);
    },

    /** The reports of one year (and of the year before, for R6/R7) by every agency under a root. */
    async listInSubtreeForYears(rootAgencyId: string, years: number[]): Promise<AnnualReportRecord[]> {
      const rows = await db
        .selectFrom('annualReport')
        .select(COLUMNS)
        .where('agencyId', 'in', agencySubtreeIds(rootAgencyId))
        .where('year', 'in', years)
        .execute();
      return rows.map(toRecord);
    },

    /** Reports in the given statuses of every agency strictly below a root, oldest year first. */
    async listByStatusBelow(rootAgencyId: string, statuses: ReportStatus[]): Promise<AnnualReportRecord[]> {
      const rows = await db
        .selectFrom('annualReport')
        .select(COLUMNS)
        .where('agencyId', 'in', agencySubtreeIds(rootAgencyId))
        .where('agencyId', '<>', rootAgencyId)
        .where('status', 'in', statuses)
        .orderBy('year')
        .orderBy('updatedAt')
        .execute();
      return rows.map(toRecord);
    },

    /** The public portal's read: an agency's published reports only, newest year first. */
    async listPublishedByAgency(agencyId: string): Promise<AnnualReportRecord[]> {
      const rows = await db
        .selectFrom('annualReport')
        .select(COLUMNS)
        .where('agencyId', '=', agencyId)
        .where('status', '=', 'published')
        .orderBy('year', 'desc')
        .execute();
      return rows.map(toRecord);
    },

    /** One published report, or undefined when the year has none or it is not published yet. */
    async findPublished(agencyId: string, year: number): Promise<AnnualReportRecord | undefined> {
      const row = await db
        .selectFrom('annualReport')
        .select(COLUMNS)
        .where('agencyId', '=', agencyId)
        .where('year', '=', year)
        .where('status', '=', 'published')
        .executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },

    /**
     * Every agency's published report of a year, without tables or prose (a region's list of reports
     * names them; it does not need their figures).
     */
    async listPublishedForYear(
      year: number,
    ): Promise<{ agencyId: string; year: number; source: ReportSource; publishedOn: string | null }[]> {
      const rows = await db
        .selectFrom('annualReport')
        .select(['agencyId', 'year', 'source', 'publishedOn'])
        .where('year', '=', year)
        .where('status', '=', 'published')
        .execute();
      return rows.map((r) => ({ ...r, source: r.source as ReportSource }));
    },

    /** The years in which at least one report is published, newest first, with how many. */
    async publishedYears(): Promise<{ year: number; count: number }[]> {
      const rows = await db
        .selectFrom('annualReport')
        .select(['year', (eb) => eb.fn.countAll<string | number>().as('count')])
        .where('status', '=', 'published')
        .groupBy('year')
        .orderBy('year', 'desc')
        .execute();
      return rows.map((r) => ({ year: r.year, count: Number(r.count) }));
    },

    async insert(fields: AnnualReportFields): Promise<AnnualReportRecord> {
      const row = await db
        .insertInto('annualReport')
        .values(toColumns(fields) as never)
        .returning(COLUMNS)
        .executeTakeFirstOrThrow();
      return toRecord(row);
    },

    /** Optimistic locking: applies only to the version the editor saw; undefined when it moved on. */
    async update(
      id: string,
      expectedVersion: number,
      fields: Partial<AnnualReportFields>,
    ): Promise<AnnualReportRecord | undefined> {
      const row = await db
        .updateTable('annualReport')
        .set({ ...toColumns(fields), updatedAt: new Date(), version: sql`version + 1` } as never)
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .returning(COLUMNS)
        .executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },

    async appendCellEntries(reportId: string, agencyId: string, entries: NewCellEntry[]): Promise<void> {
      if (entries.length === 0) return;
      await db
        .insertInto('annualReportCellEntry')
        .values(entries.map((e) => ({ reportId, agencyId, ...e })))
        .execute();
    },

    /** The latest entry of every cell that has one: who entered the value now shown, and when. */
    async latestCellEntries(reportId: string): Promise<CellEntry[]> {
      const rows = await db
        .selectFrom('annualReportCellEntry')
        .select(['cellId', 'value', 'origin', 'enteredBy', 'enteredByLabel', 'enteredAt'])
        .distinctOn('cellId')
        .where('reportId', '=', reportId)
        .orderBy('cellId')
        .orderBy('id', 'desc')
        .execute();
      return rows as CellEntry[];
    },

    /** Every value a cell has held, newest first. */
    async listCellHistory(reportId: string, cellId: string): Promise<CellEntry[]> {
      const rows = await db
        .selectFrom('annualReportCellEntry')
        .select(['cellId', 'value', 'origin', 'enteredBy', 'enteredByLabel', 'enteredAt'])
        .where('reportId', '=', reportId)
        .where('cellId', '=', cellId)
        .orderBy('id', 'desc')
        .execute();
      return rows as CellEntry[];
    },
  };
}

export type AnnualReportRepository = ReturnType<typeof annualReportRepository>;
