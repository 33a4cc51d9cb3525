import { type RawBuilder, sql } from 'kysely';
import { stageName } from './catalogue-import.repository.ts';
import type { Executor } from './executor.ts';

/**
 * Bulk import of catalogue documents (an agency's old catalogue). The file's valid rows are staged
 * in a table of the job's own — with their search tokens computed in Node exactly as at console
 * publication — in short statements while the file is read; the checks across the whole file
 * (natural key or 索引号 twice in the file, documents already in the catalogue) are queries over
 * the stage; the publication (索引号, then one INSERT … SELECT) is one transaction.
 */

/** One staged row, as the use case serialises it (JSON of StagedDocument[]). */
export interface StagedDocument {
  line: number;
  /** documentKey(): the 文号, else title and 成文日期. */
  naturalKey: string;
  title: string;
  summary: string | null;
  body: string | null;
  issuingAgencyName: string;
  documentNumber: string | null;
  formedOn: string;
  publishedOn: string;
  category: string;
  documentType: string;
  topic: string | null;
  validity: string;
  validityChangedOn: string | null;
  repealedBy: string | null;
  /** The file's 索引号 when it has the agency's rule shape, with its counter and serial. */
  indexNumber: string | null;
  indexPeriod: string | null;
  indexSerial: number | null;
  /** A 索引号 was given but not in the rule's shape (a new one is drawn). */
  indexReplaced: boolean;
  /** The counter a new 索引号 would be drawn from (indexNumberPeriod of the publication date). */
  numberPeriod: string;
  /** Search tokens and facet lexemes (entryTokens), space-separated (lexemes never hold a space). */
  tokens: string;
}

export interface StagedDocumentBatch {
  json: string;
}

/** A staged row matching an entry already in the catalogue that is not the same document again. */
export interface ExistingMatch {
  line: number;
  documentNumber: string | null;
  title: string;
  formedOn: string;
  status: string;
  /** Labels of the columns whose values differ from the entry's. */
  fields: string[];
}

const CONTENT_COLUMNS = sql.raw(`title, summary, body, issuing_agency_name, document_number, formed_on,
  published_on, category, document_type, topic, validity, validity_changed_on, repealed_by`);

/**
 * Every catalogue entry of the agency with a staged row's natural key (same 文号; or, without a
 * 文号, same title and 成文日期), with the columns that differ. Two joins, not one with OR, so that
 * each uses the (agency_id, document_number, formed_on) index.
 */
function matches(stage: RawBuilder<unknown>, agencyId: string) {
  const differing = sql`array_remove(ARRAY[
    CASE WHEN e.title IS DISTINCT FROM s.title THEN '标题' END,
    CASE WHEN e.summary IS DISTINCT FROM s.summary THEN '摘要' END,
    CASE WHEN e.body IS DISTINCT FROM s.body THEN '正文' END,
    CASE WHEN e.issuing_agency_name IS DISTINCT FROM s.issuing_agency_name THEN '发布机构' END,
    CASE WHEN e.formed_on IS DISTINCT FROM s.formed_on THEN '成文日期' END,
    CASE WHEN e.published_on IS DISTINCT FROM s.published_on THEN '发布日期' END,
    CASE WHEN e.category IS DISTINCT FROM s.category THEN '类别' END,
    CASE WHEN e.document_type IS DISTINCT FROM s.document_type THEN '文种' END,
    CASE WHEN e.topic IS DISTINCT FROM s.topic THEN '主题' END,
    CASE WHEN e.validity IS DISTINCT FROM s.validity THEN '有效性' END,
    CASE WHEN e.validity_changed_on IS DISTINCT FROM s.validity_changed_on THEN '失效日期' END,
    CASE WHEN e.repealed_by IS DISTINCT FROM s.repealed_by THEN '废止文件' END
  ], NULL)`;
  return sql`
    SELECT s.line, s.document_number, s.title, s.formed_on::text AS formed_on, e.status, ${differing} AS fields
    FROM ${stage} s JOIN catalogue_entry e
      ON e.agency_id = ${agencyId} AND e.document_number = s.document_number
    WHERE s.document_number IS NOT NULL
    UNION ALL
    SELECT s.line, s.document_number, s.title, s.formed_on::text, e.status, ${differing}
    FROM ${stage} s JOIN catalogue_entry e
      ON e.agency_id = ${agencyId} AND e.document_number IS NULL AND e.formed_on = s.formed_on AND e.title = s.title
    WHERE s.document_number IS NULL`;
}

/** The same document again: published (or since withdrawn) with every column equal. */
const IDENTICAL = sql`(status IN ('published', 'withdrawn') AND cardinality(fields) = 0)`;

export function documentImportRepository(db: Executor) {
  const stageOf = (jobId: string) => sql.id(stageName(jobId));
  return {
    async createStage(jobId: string): Promise<void> {
      await sql`CREATE UNLOGGED TABLE ${stageOf(jobId)} (
        line integer PRIMARY KEY, natural_key text NOT NULL, title text NOT NULL, summary text, body text,
        issuing_agency_name text NOT NULL, document_number text, formed_on date NOT NULL,
        published_on date NOT NULL, category text NOT NULL, document_type text NOT NULL, topic text,
        validity text NOT NULL, validity_changed_on date, repealed_by text, index_number text,
        index_period text, index_serial integer, index_replaced boolean NOT NULL, number_period text NOT NULL,
        generated boolean NOT NULL DEFAULT false, existing boolean NOT NULL DEFAULT false,
        search_tokens tsvector NOT NULL)`.execute(db);
    },

    /** A batch as one JSON parameter (see decision.repository.ts for why not arrays per column). */
    async stageRows(jobId: string, batch: StagedDocumentBatch): Promise<void> {
      await sql`INSERT INTO ${stageOf(jobId)} (line, natural_key, ${CONTENT_COLUMNS}, index_number,
          index_period, index_serial, index_replaced, number_period, search_tokens)
        SELECT line, "naturalKey", title, summary, body, "issuingAgencyName", "documentNumber", "formedOn",
          "publishedOn", category, "documentType", topic, validity, "validityChangedOn", "repealedBy",
          "indexNumber", "indexPeriod", "indexSerial", "indexReplaced", "numberPeriod",
          array_to_tsvector(string_to_array(tokens, ' '))
        FROM json_to_recordset(${batch.json}::json) AS r(line int, "naturalKey" text, title text,
          summary text, body text, "issuingAgencyName" text, "documentNumber" text, "formedOn" date,
          "publishedOn" date, category text, "documentType" text, topic text, validity text,
          "validityChangedOn" date, "repealedBy" text, "indexNumber" text, "indexPeriod" text,
          "indexSerial" int, "indexReplaced" boolean, "numberPeriod" text, tokens text)`.execute(db);
    },

    /** One document twice in the file (same natural key): every line of each, first `limit` groups. */
    async findDuplicateKeys(jobId: string, limit: number) {
      const result = await sql<{
        documentNumber: string | null;
        title: string;
        formedOn: string;
        lines: number[];
        total: number;
      }>`
        SELECT min(document_number) AS document_number, min(title) AS title, min(formed_on)::text AS formed_on,
          array_agg(line ORDER BY line) AS lines, count(*) OVER () AS total
        FROM ${stageOf(jobId)} GROUP BY natural_key HAVING count(*) > 1
        ORDER BY min(line) LIMIT ${limit}`.execute(db);
      return {
        groups: result.rows.map((r) => ({ ...r, lines: r.lines.map(Number) })),
        total: Number(result.rows[0]?.total ?? 0),
      };
    },

    /** One 索引号 given to two rows of the file. */
    async findDuplicateIndexNumbers(jobId: string, limit: number) {
      const result = await sql<{ indexNumber: string; lines: number[]; total: number }>`
        SELECT index_number, array_agg(line ORDER BY line) AS lines, count(*) OVER () AS total
        FROM ${stageOf(jobId)} WHERE index_number IS NOT NULL GROUP BY index_number HAVING count(*) > 1
        ORDER BY min(line) LIMIT ${limit}`.execute(db);
      return {
        groups: result.rows.map((r) => ({ indexNumber: r.indexNumber, lines: r.lines.map(Number) })),
        total: Number(result.rows[0]?.total ?? 0),
      };
    },

    /**
     * Staged rows whose document is already in the catalogue but not as the same document again: a
     * draft or one under review, or a published entry with other content. Rows with an identical
     * entry are not listed (they are the idempotent re-import).
     */
    async findExistingConflicts(
      jobId: string,
      agencyId: string,
      limit: number,
    ): Promise<{ rows: ExistingMatch[]; total: number }> {
      const result = await sql<ExistingMatch & { total: number }>`
        WITH m AS (${matches(stageOf(jobId), agencyId)}),
        best AS (
          SELECT DISTINCT ON (line) * FROM m
          ORDER BY line, ${IDENTICAL} DESC, (status IN ('published', 'withdrawn')) DESC, cardinality(fields)
        )
        SELECT *, count(*) OVER () AS total FROM best WHERE NOT ${IDENTICAL} ORDER BY line LIMIT ${limit}`.execute(
        db,
      );
      return {
        rows: result.rows.map(({ total: _total, ...r }) => ({ ...r, line: Number(r.line) })),
        total: Number(result.rows[0]?.total ?? 0),
      };
    },

    /** Marks the rows already published identically: they are counted as unchanged, not inserted. */
    async markExisting(jobId: string, agencyId: string): Promise<number> {
      const result = await sql`
        UPDATE ${stageOf(jobId)} SET existing = true
        WHERE line IN (SELECT line FROM (${matches(stageOf(jobId), agencyId)}) m WHERE ${IDENTICAL})`.execute(
        db,
      );
      return Number(result.numAffectedRows ?? 0);
    },

    /** Given 索引号 that an entry (of any agency) already holds are not kept: never reused. */
    async releaseTakenIndexNumbers(jobId: string): Promise<number> {
      const result = await sql`
        UPDATE ${stageOf(jobId)} s SET index_number = NULL, index_period = NULL, index_serial = NULL
        WHERE NOT s.existing AND s.index_number IS NOT NULL
          AND EXISTS (SELECT 1 FROM catalogue_entry e WHERE e.index_number = s.index_number)`.execute(db);
      return Number(result.numAffectedRows ?? 0);
    },

    /** Rows to be published whose 索引号 was given in another shape than the rule's. */
    async countReplacedIndexNumbers(jobId: string): Promise<number> {
      const result = await sql<{ n: number }>`
        SELECT count(*) AS n FROM ${stageOf(jobId)} WHERE NOT existing AND index_replaced`.execute(db);
      return Number(result.rows[0]?.n ?? 0);
    },

    /** The highest kept serial of each counter: counters are raised past them. */
    async keptSerials(jobId: string): Promise<{ period: string; serial: number }[]> {
      const result = await sql<{ period: string; serial: number }>`
        SELECT index_period AS period, max(index_serial) AS serial FROM ${stageOf(jobId)}
        WHERE NOT existing AND index_number IS NOT NULL GROUP BY index_period ORDER BY 1`.execute(db);
      return result.rows.map((r) => ({ period: r.period, serial: Number(r.serial) }));
    },

    /** How many rows of each counter need a new 索引号. */
    async countUnnumbered(jobId: string): Promise<{ period: string; count: number }[]> {
      const result = await sql<{ period: string; count: number }>`
        SELECT number_period AS period, count(*) AS count FROM ${stageOf(jobId)}
        WHERE NOT existing AND index_number IS NULL GROUP BY number_period ORDER BY 1`.execute(db);
      return result.rows.map((r) => ({ period: r.period, count: Number(r.count) }));
    },

    /** The next rows of a counter still without a 索引号, in order of publication then of the file. */
    async nextUnnumbered(
      jobId: string,
      period: string,
      limit: number,
    ): Promise<{ line: number; publishedOn: string }[]> {
      const result = await sql<{ line: number; publishedOn: string }>`
        SELECT line, published_on::text AS published_on FROM ${stageOf(jobId)}
        WHERE NOT existing AND index_number IS NULL AND number_period = ${period}
        ORDER BY published_on, line LIMIT ${limit}`.execute(db);
      return result.rows.map((r) => ({ line: Number(r.line), publishedOn: r.publishedOn }));
    },

    async setIndexNumbers(jobId: string, numbers: readonly { line: number; indexNumber: string }[]) {
      if (numbers.length === 0) return;
      await sql`
        UPDATE ${stageOf(jobId)} s SET index_number = r."indexNumber", generated = true
        FROM json_to_recordset(${JSON.stringify(numbers)}::json) AS r(line int, "indexNumber" text)
        WHERE s.line = r.line`.execute(db);
    },

    /** New 索引号 that collide with one in use (numbers given before the counters knew of them). */
    async findTakenGenerated(
      jobId: string,
    ): Promise<{ line: number; publishedOn: string; period: string }[]> {
      const result = await sql<{ line: number; publishedOn: string; period: string }>`
        SELECT s.line, s.published_on::text AS published_on, s.number_period AS period
        FROM ${stageOf(jobId)} s
        WHERE s.generated AND (
          EXISTS (SELECT 1 FROM catalogue_entry e WHERE e.index_number = s.index_number)
          OR s.index_number IN (SELECT index_number FROM ${stageOf(jobId)}
            WHERE index_number IS NOT NULL GROUP BY index_number HAVING count(*) > 1))
        ORDER BY s.line`.execute(db);
      return result.rows.map((r) => ({ line: Number(r.line), publishedOn: r.publishedOn, period: r.period }));
    },

    async isIndexNumberStaged(jobId: string, indexNumber: string): Promise<boolean> {
      const result = await sql`SELECT 1 FROM ${stageOf(jobId)} WHERE index_number = ${indexNumber}`.execute(
        db,
      );
      return result.rows.length > 0;
    },

    /**
     * Publishes the stage: every row not already in the catalogue becomes a published entry with its
     * historical dates, its 索引号 and its tokens, marked with the job and line it came from.
     */
    async publishStage(jobId: string, agencyId: string, createdBy: string | null): Promise<number> {
      const result = await sql`
        INSERT INTO catalogue_entry (agency_id, status, index_number, ${CONTENT_COLUMNS}, search_tokens,
          created_by, import_job_id, source_line)
        SELECT ${agencyId}::uuid, 'published', index_number, ${CONTENT_COLUMNS}, search_tokens,
          ${createdBy}::uuid, ${jobId}::uuid, line
        FROM ${stageOf(jobId)} WHERE NOT existing ORDER BY published_on, line`.execute(db);
      return Number(result.numAffectedRows ?? 0);
    },
  };
}

export type DocumentImportRepository = ReturnType<typeof documentImportRepository>;
