import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DocumentType, Validity } from '../../core/catalogue/index.ts';
import type { DB } from '../schema.ts';
import type { Executor } from './executor.ts';

/** How long the forced walk of the date index may take before the planner's plan is used. */
const ORDERED_WALK_TIMEOUT_MS = 40;

export interface CatalogueSearchFilter {
  /** jieba words of the query as a tsquery ('a' & 'b'); null to match on the fragment only. */
  tsQuery: string | null;
  /** The query as a fragment of the 文号 (trigram index); null when not a 文号-like query. */
  fragment: string | null;
  /** The filters as lexemes of the same vector ('agency_…' & 'year_2021'), or null. */
  facetQuery: string | null;
  /**
   * The year filter again as a date range: redundant with its lexeme, but it tells the planner
   * where on the date index the matches are.
   */
  publishedYear?: number | undefined;
  /** The agency filter again as its column, for the (agency, date) index. */
  agencyCode?: string | undefined;
  limit: number;
  offset: number;
  /** Matches are counted exactly up to this number. */
  countLimit: number;
}

export interface CatalogueSearchRow {
  id: string;
  indexNumber: string;
  title: string;
  summary: string | null;
  documentNumber: string | null;
  issuingAgencyName: string;
  publishedOn: string;
  formedOn: string;
  category: string;
  documentType: DocumentType;
  validity: Validity;
  agencyCode: string;
  agencyName: string;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const ROW_COLUMNS = [
  'e.id',
  'e.indexNumber',
  'e.title',
  'e.summary',
  'e.documentNumber',
  'e.issuingAgencyName',
  'e.publishedOn',
  'e.formedOn',
  'e.category',
  'e.documentType',
  'e.validity',
  'a.code as agencyCode',
  'a.name as agencyName',
] as const;

/**
 * The portal's full-text query over published entries, newest first. Words and filters are one
 * tsquery over one GIN index (filters are lexemes, see facetLexemes); a 文号-like query also matches
 * as a fragment of the 文号 through pg_trgm. This is the path taken while the in-memory index
 * (src/search/memory-index.ts) is being built; see findPublishedRows and the feed below for that index.
 *
 * First a bounded probe counts up to `countLimit` + 1 matches through the indexes (a bitmap scan,
 * however the words and filters correlate). With no more than `countLimit`, the matches are
 * collected and ordered — the exact answer. With more, the page comes from a walk of the date index
 * (see below); the total is shown as “more than countLimit”.
 */
export function catalogueSearchRepository(db: Executor) {
  return {
    async search(
      filter: CatalogueSearchFilter,
    ): Promise<{ rows: CatalogueSearchRow[]; total: number; totalIsCapped: boolean }> {
      if (filter.tsQuery === null && filter.fragment === null)
        return { rows: [], total: 0, totalIsCapped: false };
      const matchesOn = (executor: Executor) => {
        let matches = executor.selectFrom('catalogueEntry as e').where('e.status', '=', 'published');
        if (filter.fragment === null) {
          const query = [filter.tsQuery, filter.facetQuery].filter((q) => q !== null).join(' & ');
          matches = matches.where(sql<boolean>`e.search_tokens @@ ${query}::tsquery`);
        } else {
          const like = `%${escapeLike(filter.fragment)}%`;
          matches = matches.where((eb) =>
            eb.or([
              ...(filter.tsQuery !== null
                ? [sql<boolean>`e.search_tokens @@ ${filter.tsQuery}::tsquery`]
                : []),
              eb('e.documentNumber', 'like', like),
            ]),
          );
          if (filter.facetQuery !== null)
            matches = matches.where(sql<boolean>`e.search_tokens @@ ${filter.facetQuery}::tsquery`);
        }
        if (filter.agencyCode !== undefined) {
          const code = filter.agencyCode.toUpperCase();
          matches = matches.where('e.agencyId', '=', (eb) =>
            eb.selectFrom('agency').select('agency.id').where('agency.code', '=', code).limit(1),
          );
        }
        if (filter.publishedYear !== undefined) {
          matches = matches
            .where('e.publishedOn', '>=', `${filter.publishedYear}-01-01`)
            .where('e.publishedOn', '<=', `${filter.publishedYear}-12-31`);
        }
        return matches;
      };
      const matches = matchesOn(db);
      const toRow = (r: Record<string, unknown>): CatalogueSearchRow => ({
        ...(r as unknown as CatalogueSearchRow),
        indexNumber: r.indexNumber as string,
        publishedOn: r.publishedOn as string,
        documentType: r.documentType as DocumentType,
        validity: r.validity as Validity,
      });

      // The probe: how many matches, up to countLimit + 1 (a bitmap scan reads at most that many rows).
      const probe = await db
        .selectFrom(
          matches
            .select('e.id')
            .limit(filter.countLimit + 1)
            .as('capped'),
        )
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      const counted = Number(probe?.n ?? 0);
      if (counted === 0) return { rows: [], total: 0, totalIsCapped: false };
      if (counted <= filter.countLimit) {
        // Few: collect them through the indexes, then order — never walk the date index for them.
        const rows = await db
          .with(
            (wb) => wb('hits').materialized(),
            () => matches.select(['e.id']),
          )
          .selectFrom('hits')
          .innerJoin('catalogueEntry as e', 'e.id', 'hits.id')
          .innerJoin('agency as a', 'a.id', 'e.agencyId')
          .select(ROW_COLUMNS)
          .orderBy('e.publishedOn', 'desc')
          .orderBy('e.id', 'desc')
          .limit(filter.limit)
          .offset(filter.offset)
          .execute();
        return { rows: rows.map(toRow), total: counted, totalIsCapped: false };
      }
      // Many: newest first, walking the publication-date index and testing each entry — a few
      // hundred rows when matches are dense. The planner would often sort every match instead: it
      // estimates two words independent, and 垃圾 & 分类 (always together) as 400 rows when they
      // are 20,000. So the walk is forced, and bounded in time: if matches turn out too sparse for
      // it (a few thousand in a million), they are collected through the indexes and sorted.
      const page = (executor: Executor) =>
        matchesOn(executor)
          .innerJoin('agency as a', 'a.id', 'e.agencyId')
          .select(ROW_COLUMNS)
          .orderBy('e.publishedOn', 'desc')
          .orderBy('e.id', 'desc')
          .limit(filter.limit)
          .offset(filter.offset)
          .execute();
      let rows: Awaited<ReturnType<typeof page>> | null = null;
      if (!db.isTransaction) {
        rows = await (db as Kysely<DB>)
          .transaction()
          .execute(async (trx) => {
            await sql`SET LOCAL enable_bitmapscan = off`.execute(trx);
            await sql`SET LOCAL enable_seqscan = off`.execute(trx);
            await sql.raw(`SET LOCAL statement_timeout = ${ORDERED_WALK_TIMEOUT_MS}`).execute(trx);
            return page(trx);
          })
          .catch((error: unknown) => {
            if ((error as { code?: string }).code === '57014') return null;
            throw error;
          });
      }
      // Too sparse for the walk: collect the matches through the indexes and sort them.
      rows ??= db.isTransaction
        ? await page(db)
        : await (db as Kysely<DB>).transaction().execute(async (trx) => {
            await sql`SET LOCAL enable_indexscan = off`.execute(trx);
            return page(trx);
          });
      return { rows: rows.map(toRow), total: filter.countLimit, totalIsCapped: true };
    },
  };
}

/** A record as an in-memory search index holds it (src/search/indexed-catalogue-search.ts). */
export interface IndexFeedRow {
  id: string;
  /** The date it is shown by, newest first. */
  date: string;
  /** Words and filter lexemes, space-separated (lexemes are letters, digits and '_'). */
  tokens: string;
  documentNumber: string | null;
  /** The transaction that last wrote it (xid8 as text). */
  changedXid: string;
}

/** Every transaction older than this has ended: its writes are visible to any later read. */
export async function readChangeWatermark(db: Executor): Promise<string> {
  const row = await sql<{
    xmin: string;
  }>`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`.execute(db);
  return row.rows[0]!.xmin;
}

/**
 * What the catalogue's in-memory index reads: published entries in display order (to build it)
 * and the entries written since a watermark (to follow changes); see the change-feed migration for
 * why the watermark is a transaction id.
 */
export function catalogueIndexFeedRepository(db: Executor) {
  const feedColumns = [
    'e.id',
    'e.publishedOn as date',
    sql<string>`array_to_string(tsvector_to_array(e.search_tokens), ' ')`.as('tokens'),
    'e.documentNumber',
    sql<string>`e.changed_xid::text`.as('changedXid'),
  ] as const;
  return {
    async countIndexed(): Promise<number> {
      const row = await db
        .selectFrom('catalogueEntry')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'published')
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    watermark: () => readChangeWatermark(db),

    /** Up to `limit` published entries after `after`, newest first (publication date, then id). */
    async readIndexedPage(
      after: { date: string; id: string } | null,
      limit: number,
    ): Promise<IndexFeedRow[]> {
      let query = db
        .selectFrom('catalogueEntry as e')
        .select(feedColumns)
        .where('e.status', '=', 'published');
      if (after)
        query = query.where(sql<boolean>`(e.published_on, e.id) < (${after.date}::date, ${after.id}::uuid)`);
      return query.orderBy('e.publishedOn', 'desc').orderBy('e.id', 'desc').limit(limit).execute() as Promise<
        IndexFeedRow[]
      >;
    },

    /**
     * Entries written by transactions from `watermark` on, whether they are published now or not;
     * at most `limit` of them (the caller rebuilds rather than applying more).
     */
    async readWrittenSince(
      watermark: string,
      limit: number,
    ): Promise<(IndexFeedRow & { indexed: boolean })[]> {
      const rows = await db
        .selectFrom('catalogueEntry as e')
        .select([...feedColumns, sql<boolean>`e.status = 'published'`.as('indexed')])
        .where(sql<boolean>`e.changed_xid >= ${watermark}::xid8`)
        .limit(limit)
        .execute();
      return rows as (IndexFeedRow & { indexed: boolean })[];
    },

    /** The rows of a result page, published ones only, in no particular order. */
    async findRows(ids: readonly string[]): Promise<CatalogueSearchRow[]> {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('catalogueEntry as e')
        .innerJoin('agency as a', 'a.id', 'e.agencyId')
        .select(ROW_COLUMNS)
        .where('e.id', 'in', ids)
        .where('e.status', '=', 'published')
        .execute();
      return rows as unknown as CatalogueSearchRow[];
    },
  };
}

export type CatalogueSearchRepository = ReturnType<typeof catalogueSearchRepository>;
