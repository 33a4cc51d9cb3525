import { sql } from 'kysely';
import {
  type Decision,
  type DecisionInput,
  type DecisionKind,
  normaliseDocumentNumber,
} from '../../core/catalogue/index.ts';
import { stageName } from './catalogue-import.repository.ts';
import { type IndexFeedRow, readChangeWatermark } from './catalogue-search.repository.ts';
import type { Executor } from './executor.ts';

/**
 * Decisions (双公示) and their bulk import (the stage's life — drop, analyse, lock — is the import
 * job's: catalogue-import.repository.ts). An import first streams the file's valid rows into a
 * staging table of its own (UNLOGGED, no indexes: fast, and dropped in one statement), in short
 * statements between which other requests are served; the checks across the whole file (duplicate
 * 文号, rows that contradict decisions already published) are single queries over the stage; the
 * publication is one INSERT … SELECT in one transaction. Readers never see half a file.
 */

export interface StagedDecision extends DecisionInput {
  line: number;
}

/** A batch serialised once (JSON.stringify of StagedDecision[]), sent to the stage and the publisher. */
export interface StagedBatch {
  json: string;
}

const DECISION_COLUMNS = [
  'id',
  'agencyId',
  'kind',
  'documentNumber',
  'title',
  'matterName',
  'matterCategory',
  'counterpartyName',
  'counterpartyCode',
  'decidedOn',
  'validFrom',
  'validUntil',
  'publishedOn',
  'content',
  'basis',
  'amountYuan',
] as const;

function toDecision(row: Omit<Decision, 'kind'> & { kind: string }): Decision {
  return {
    ...row,
    kind: row.kind as DecisionKind,
    amountYuan: row.amountYuan === null ? null : Number(row.amountYuan),
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * One batch as one JSON parameter, read back with json_to_recordset: V8 serialises 5,000 rows in a
 * few milliseconds, where per-column array literals cost the Node thread ten times as much.
 */
function rowsFromJson(rows: readonly (DecisionInput & { line?: number })[] | StagedBatch) {
  const json = typeof rows === 'object' && 'json' in rows ? rows.json : JSON.stringify(rows);
  return sql`json_to_recordset(${json}::json) AS r(line int, kind text, "documentNumber" text,
    title text, "matterName" text, "matterCategory" text, "counterpartyName" text, "counterpartyCode" text,
    "decidedOn" date, "validFrom" date, "validUntil" date, "publishedOn" date, content text, basis text,
    "amountYuan" numeric)`;
}

const JSON_COLUMNS =
  sql.raw(`kind, "documentNumber", title, "matterName", "matterCategory", "counterpartyName",
  "counterpartyCode", "decidedOn", "validFrom", "validUntil", "publishedOn", content, basis, "amountYuan"`);

const DATA_COLUMNS = sql.raw(`kind, document_number, title, matter_name, matter_category, counterparty_name,
  counterparty_code, decided_on, valid_from, valid_until, published_on, content, basis, amount_yuan`);

export interface DecisionListFilter {
  agencyId?: string | undefined;
  kind?: DecisionKind | undefined;
  decidedFrom?: string | undefined;
  decidedTo?: string | undefined;
  matterCategory?: string | undefined;
  /** A fragment of the 文号 (trigram index) or of the counterparty's name. */
  text?: string | undefined;
  limit: number;
  offset: number;
  /** Count at most this many (a capped count stays fast on large tables). */
  countLimit?: number;
}

export interface DecisionListItem extends Decision {
  agencyCode: string;
  agencyName: string;
}

/** A decision with its agency, as every read returns it (joined on agency). */
const LIST_ITEM_COLUMNS = [
  ...DECISION_COLUMNS.map((c) => `decision.${c}` as const),
  'agency.code as agencyCode',
  'agency.name as agencyName',
] as const;

function toListItem(
  row: Omit<Decision, 'kind'> & { kind: string; agencyCode: string; agencyName: string },
): DecisionListItem {
  return { ...toDecision(row), agencyCode: row.agencyCode, agencyName: row.agencyName };
}

export function decisionRepository(db: Executor) {
  return {
    // ── Staging ─────────────────────────────────────────────────────────────────────────────────

    async createStage(jobId: string): Promise<void> {
      await sql`CREATE UNLOGGED TABLE ${sql.id(stageName(jobId))} (
        line integer NOT NULL, kind text NOT NULL, document_number text NOT NULL, title text NOT NULL,
        matter_name text, matter_category text, counterparty_name text NOT NULL, counterparty_code text,
        decided_on date NOT NULL, valid_from date, valid_until date, published_on date, content text,
        basis text, amount_yuan numeric(16, 2))`.execute(db);
    },

    async stageRows(jobId: string, rows: readonly StagedDecision[] | StagedBatch): Promise<void> {
      if (Array.isArray(rows) && rows.length === 0) return;
      await sql`INSERT INTO ${sql.id(stageName(jobId))} (line, ${DATA_COLUMNS})
        SELECT line, ${JSON_COLUMNS} FROM ${rowsFromJson(rows)}`.execute(db);
    },

    /** The same kind and 文号 twice in one file: every line of each, first `limit` groups. */
    async findStagedDuplicates(
      jobId: string,
      limit: number,
    ): Promise<{ groups: { kind: DecisionKind; documentNumber: string; lines: number[] }[]; total: number }> {
      const stage = sql.id(stageName(jobId));
      const rows = await sql<{ kind: string; documentNumber: string; lines: number[]; total: number }>`
        SELECT kind, document_number, array_agg(line ORDER BY line) AS lines, count(*) OVER () AS total
        FROM ${stage} GROUP BY kind, document_number HAVING count(*) > 1
        ORDER BY min(line) LIMIT ${limit}`.execute(db);
      return {
        groups: rows.rows.map((r) => ({
          kind: r.kind as DecisionKind,
          documentNumber: r.documentNumber,
          lines: r.lines.map(Number),
        })),
        total: Number(rows.rows[0]?.total ?? 0),
      };
    },

    /** Staged rows whose kind and 文号 are already published with different content. */
    async findStagedConflicts(
      jobId: string,
      agencyId: string,
      limit: number,
    ): Promise<{ rows: { line: number; documentNumber: string; fields: string[] }[]; total: number }> {
      const stage = sql.id(stageName(jobId));
      const result = await sql<{ line: number; documentNumber: string; fields: string[]; total: number }>`
        SELECT s.line, s.document_number,
          array_remove(ARRAY[
            CASE WHEN d.title IS DISTINCT FROM s.title THEN '决定名称' END,
            CASE WHEN d.matter_name IS DISTINCT FROM s.matter_name THEN '事项名称' END,
            CASE WHEN d.matter_category IS DISTINCT FROM s.matter_category THEN '事项类别' END,
            CASE WHEN d.counterparty_name IS DISTINCT FROM s.counterparty_name THEN '行政相对人名称' END,
            CASE WHEN d.counterparty_code IS DISTINCT FROM s.counterparty_code THEN '统一社会信用代码' END,
            CASE WHEN d.decided_on IS DISTINCT FROM s.decided_on THEN '决定日期' END,
            CASE WHEN d.valid_from IS DISTINCT FROM s.valid_from THEN '有效期自' END,
            CASE WHEN d.valid_until IS DISTINCT FROM s.valid_until THEN '有效期至' END,
            CASE WHEN d.published_on IS DISTINCT FROM s.published_on THEN '公示日期' END,
            CASE WHEN d.content IS DISTINCT FROM s.content THEN '决定内容' END,
            CASE WHEN d.basis IS DISTINCT FROM s.basis THEN '依据' END,
            CASE WHEN d.amount_yuan IS DISTINCT FROM s.amount_yuan THEN '罚没金额' END
          ], NULL) AS fields,
          count(*) OVER () AS total
        FROM ${stage} s
        JOIN decision d ON d.agency_id = ${agencyId} AND d.kind = s.kind AND d.document_number = s.document_number
        WHERE (d.title, d.matter_name, d.matter_category, d.counterparty_name, d.counterparty_code, d.decided_on,
               d.valid_from, d.valid_until, d.published_on, d.content, d.basis, d.amount_yuan)
          IS DISTINCT FROM
              (s.title, s.matter_name, s.matter_category, s.counterparty_name, s.counterparty_code, s.decided_on,
               s.valid_from, s.valid_until, s.published_on, s.content, s.basis, s.amount_yuan)
        ORDER BY s.line LIMIT ${limit}`.execute(db);
      return {
        rows: result.rows.map((r) => ({
          line: Number(r.line),
          documentNumber: r.documentNumber,
          fields: r.fields,
        })),
        total: Number(result.rows[0]?.total ?? 0),
      };
    },

    /**
     * Publishes the stage: new decisions are inserted, those already present (same kind and 文号,
     * identical content — checked before) are left as they are. Returns how many were inserted.
     */
    async commitStage(jobId: string, agencyId: string): Promise<number> {
      // Rows already published were checked identical and are skipped by the unique key. Not an
      // anti-join: on a table whose statistics lag behind (fresh, or filled in this transaction) the
      // planner picks a sequential scan per row.
      const result = await sql`
        INSERT INTO decision (agency_id, import_job_id, source_line, ${DATA_COLUMNS})
        SELECT ${agencyId}::uuid, ${jobId}::uuid, line, ${DATA_COLUMNS} FROM ${sql.id(stageName(jobId))}
        ON CONFLICT (agency_id, kind, document_number) DO NOTHING`.execute(db);
      return Number(result.numAffectedRows ?? 0);
    },

    /**
     * Pipelined publication (engines with several sessions): a batch goes into the decision table
     * inside the import's own open transaction while the next batch is read, so parsing and index
     * maintenance run on two cores, and no stage is needed. Rows the unique key turned away are
     * classified in the same transaction: a line repeating an earlier line of this file, a decision
     * published before with other content, or the same decision again (unchanged).
     */
    async publishBatch(
      jobId: string,
      agencyId: string,
      batch: StagedBatch,
      size: number,
    ): Promise<{
      inserted: number;
      skipped: {
        line: number;
        kind: DecisionKind;
        documentNumber: string;
        firstLine: number | null;
        fields: string[];
      }[];
    }> {
      const result = await sql`
        INSERT INTO decision (agency_id, import_job_id, source_line, ${DATA_COLUMNS})
        SELECT ${agencyId}::uuid, ${jobId}::uuid, r.line, ${JSON_COLUMNS} FROM ${rowsFromJson(batch)}
        ON CONFLICT (agency_id, kind, document_number) DO NOTHING`.execute(db);
      const inserted = Number(result.numAffectedRows ?? 0);
      if (inserted === size) return { inserted, skipped: [] };
      // Few rows, looked up by the unique key (the statistics of a table filled in this very
      // transaction would otherwise invite a sequential scan).
      await sql`SET LOCAL enable_seqscan = off`.execute(db);
      const skipped = await sql<{
        line: number;
        kind: string;
        documentNumber: string;
        firstLine: number | null;
        fields: string[];
      }>`
        SELECT r.line, r.kind, r."documentNumber" AS document_number,
          CASE WHEN d.import_job_id = ${jobId}::uuid THEN d.source_line END AS first_line,
          array_remove(ARRAY[
            CASE WHEN d.title IS DISTINCT FROM r.title THEN '决定名称' END,
            CASE WHEN d.matter_name IS DISTINCT FROM r."matterName" THEN '事项名称' END,
            CASE WHEN d.matter_category IS DISTINCT FROM r."matterCategory" THEN '事项类别' END,
            CASE WHEN d.counterparty_name IS DISTINCT FROM r."counterpartyName" THEN '行政相对人名称' END,
            CASE WHEN d.counterparty_code IS DISTINCT FROM r."counterpartyCode" THEN '统一社会信用代码' END,
            CASE WHEN d.decided_on IS DISTINCT FROM r."decidedOn" THEN '决定日期' END,
            CASE WHEN d.valid_from IS DISTINCT FROM r."validFrom" THEN '有效期自' END,
            CASE WHEN d.valid_until IS DISTINCT FROM r."validUntil" THEN '有效期至' END,
            CASE WHEN d.published_on IS DISTINCT FROM r."publishedOn" THEN '公示日期' END,
            CASE WHEN d.content IS DISTINCT FROM r.content THEN '决定内容' END,
            CASE WHEN d.basis IS DISTINCT FROM r.basis THEN '依据' END,
            CASE WHEN d.amount_yuan IS DISTINCT FROM r."amountYuan" THEN '罚没金额' END
          ], NULL) AS fields
        FROM ${rowsFromJson(batch)}
        JOIN decision d ON d.agency_id = ${agencyId} AND d.kind = r.kind AND d.document_number = r."documentNumber"
        WHERE d.import_job_id IS DISTINCT FROM ${jobId}::uuid OR d.source_line <> r.line
        ORDER BY r.line`.execute(db);
      await sql`SET LOCAL enable_seqscan = on`.execute(db);
      return {
        inserted,
        skipped: skipped.rows.map((r) => ({
          line: Number(r.line),
          kind: r.kind as DecisionKind,
          documentNumber: r.documentNumber,
          firstLine: r.firstLine === null ? null : Number(r.firstLine),
          fields: r.fields,
        })),
      };
    },

    // ── Direct writes (demo seed) ──────────────────────────────────────────────────────────────

    /** Inserts decisions in one statement (idempotent on the natural key); returns how many were new. */
    async insertMany(agencyId: string, rows: readonly DecisionInput[]): Promise<number> {
      if (rows.length === 0) return 0;
      const result = await sql`
        INSERT INTO decision (agency_id, ${DATA_COLUMNS})
        SELECT ${agencyId}::uuid, ${JSON_COLUMNS} FROM ${rowsFromJson(rows)}
        ON CONFLICT (agency_id, kind, document_number) DO NOTHING`.execute(db);
      return Number(result.numAffectedRows ?? 0);
    },

    // ── Reads ───────────────────────────────────────────────────────────────────────────────────

    async findById(id: string): Promise<DecisionListItem | undefined> {
      const row = await db
        .selectFrom('decision')
        .innerJoin('agency', 'agency.id', 'decision.agencyId')
        .select(LIST_ITEM_COLUMNS)
        .where('decision.id', '=', id)
        .executeTakeFirst();
      return row ? toListItem(row) : undefined;
    },

    async list(
      filter: DecisionListFilter,
    ): Promise<{ items: DecisionListItem[]; total: number; totalIsCapped: boolean }> {
      let query = db.selectFrom('decision').innerJoin('agency', 'agency.id', 'decision.agencyId');
      if (filter.agencyId) query = query.where('decision.agencyId', '=', filter.agencyId);
      if (filter.kind) query = query.where('decision.kind', '=', filter.kind);
      if (filter.decidedFrom) query = query.where('decision.decidedOn', '>=', filter.decidedFrom);
      if (filter.decidedTo) query = query.where('decision.decidedOn', '<=', filter.decidedTo);
      if (filter.matterCategory) query = query.where('decision.matterCategory', '=', filter.matterCategory);
      if (filter.text) {
        const like = `%${escapeLike(filter.text)}%`;
        // 文号 are stored normalised (〔2021〕): a query typed with [2021] is normalised alike.
        const numberLike = `%${escapeLike(normaliseDocumentNumber(filter.text))}%`;
        query = query.where((eb) =>
          eb.or([
            eb('decision.documentNumber', 'like', numberLike),
            eb('decision.counterpartyName', 'like', like),
          ]),
        );
      }
      const countLimit = filter.countLimit ?? 10_000;
      const [rows, counted] = await Promise.all([
        query
          .select(LIST_ITEM_COLUMNS)
          .orderBy('decision.decidedOn', 'desc')
          .orderBy('decision.id', 'desc')
          .limit(filter.limit)
          .offset(filter.offset)
          .execute(),
        db
          .selectFrom(
            query
              .select('decision.id')
              .limit(countLimit + 1)
              .as('capped'),
          )
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst(),
      ]);
      const total = Number(counted?.n ?? 0);
      return {
        items: rows.map(toListItem),
        total: Math.min(total, countLimit),
        totalIsCapped: total > countLimit,
      };
    },

    /** Decisions dated in a period, counted by kind (section 二). */
    async countByKind(
      agencyId: string,
      from: string,
      to: string,
    ): Promise<{ kind: DecisionKind; count: number }[]> {
      const rows = await db
        .selectFrom('decision')
        .select(['kind', (eb) => eb.fn.countAll<number>().as('count')])
        .where('agencyId', '=', agencyId)
        .where('decidedOn', '>=', from)
        .where('decidedOn', '<=', to)
        .groupBy('kind')
        .execute();
      return rows.map((r) => ({ kind: r.kind as DecisionKind, count: Number(r.count) }));
    },

    /** By kind and 事项类别: the split the seed report gives (企业开办类 43,329, 基本建设类 521). */
    async countByCategory(agencyId: string, from: string, to: string) {
      const rows = await db
        .selectFrom('decision')
        .select(['kind', 'matterCategory', (eb) => eb.fn.countAll<number>().as('count')])
        .where('agencyId', '=', agencyId)
        .where('decidedOn', '>=', from)
        .where('decidedOn', '<=', to)
        .groupBy(['kind', 'matterCategory'])
        .orderBy('kind')
        .orderBy('matterCategory')
        .execute();
      return rows.map((r) => ({
        kind: r.kind as DecisionKind,
        matterCategory: r.matterCategory,
        count: Number(r.count),
      }));
    },

    /** (decision date, publication date) pairs with their counts: the timeliness of 40,000 rows in a few hundred groups. */
    async timelinessGroups(agencyId: string, from: string, to: string) {
      const rows = await db
        .selectFrom('decision')
        .select(['kind', 'decidedOn', 'publishedOn', (eb) => eb.fn.countAll<number>().as('count')])
        .where('agencyId', '=', agencyId)
        .where('decidedOn', '>=', from)
        .where('decidedOn', '<=', to)
        .groupBy(['kind', 'decidedOn', 'publishedOn'])
        .execute();
      return rows.map((r) => ({
        kind: r.kind as DecisionKind,
        startsOn: r.decidedOn,
        publishedOn: r.publishedOn,
        count: Number(r.count),
      }));
    },

    async yearsWithDecisions(
      agencyId: string,
    ): Promise<{ year: number; kind: DecisionKind; count: number }[]> {
      const rows = await db
        .selectFrom('decision')
        .select([
          sql<number>`extract(year FROM decided_on)::int`.as('year'),
          'kind',
          (eb) => eb.fn.countAll<number>().as('count'),
        ])
        .where('agencyId', '=', agencyId)
        .groupBy([sql`1`, 'kind'])
        .orderBy(sql`1`, 'desc')
        .execute();
      return rows.map((r) => ({
        year: Number(r.year),
        kind: r.kind as DecisionKind,
        count: Number(r.count),
      }));
    },

    async count(agencyId: string): Promise<number> {
      const row = await db
        .selectFrom('decision')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('agencyId', '=', agencyId)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}

export type DecisionRepository = ReturnType<typeof decisionRepository>;

/**
 * What the in-memory index of decision 文号 reads (the portal's search shows the decisions whose
 * 文号 holds the query): decisions newest first by decision date, their agency and year as filter
 * lexemes (searchDecisionNumbers in src/search builds the same), and those written since a watermark.
 */
export function decisionIndexFeedRepository(db: Executor) {
  const feedColumns = [
    'd.id',
    'd.decidedOn as date',
    sql<string>`'agency_' || replace(d.agency_id::text, '-', '') || ' year_' || to_char(d.decided_on, 'YYYY')`.as(
      'tokens',
    ),
    'd.documentNumber',
    sql<string>`d.changed_xid::text`.as('changedXid'),
  ] as const;
  return {
    async countIndexed(): Promise<number> {
      const row = await db
        .selectFrom('decision')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    watermark: () => readChangeWatermark(db),

    async readIndexedPage(
      after: { date: string; id: string } | null,
      limit: number,
    ): Promise<IndexFeedRow[]> {
      let query = db.selectFrom('decision as d').select(feedColumns);
      if (after)
        query = query.where(sql<boolean>`(d.decided_on, d.id) < (${after.date}::date, ${after.id}::uuid)`);
      return query.orderBy('d.decidedOn', 'desc').orderBy('d.id', 'desc').limit(limit).execute() as Promise<
        IndexFeedRow[]
      >;
    },

    /** At most `limit` of them: the caller rebuilds rather than applying more. */
    async readWrittenSince(
      watermark: string,
      limit: number,
    ): Promise<(IndexFeedRow & { indexed: boolean })[]> {
      const rows = await db
        .selectFrom('decision as d')
        .select([...feedColumns, sql<boolean>`true`.as('indexed')])
        .where(sql<boolean>`d.changed_xid >= ${watermark}::xid8`)
        .limit(limit)
        .execute();
      return rows as (IndexFeedRow & { indexed: boolean })[];
    },

    async findRows(ids: readonly string[]): Promise<DecisionListItem[]> {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('decision')
        .innerJoin('agency', 'agency.id', 'decision.agencyId')
        .select(LIST_ITEM_COLUMNS)
        .where('decision.id', 'in', ids)
        .execute();
      return rows.map(toListItem);
    },
  };
}
