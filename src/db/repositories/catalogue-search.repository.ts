import { sql } from 'kysely';
import type { DocumentType, Validity } from '../../core/catalogue/index.ts';
import type { Executor } from './executor.ts';

export interface CatalogueSearchFilter {
  /** jieba words of the query as a tsquery ('a' & 'b'); null to match on the fragment only. */
  tsQuery: string | null;
  /** The query as a fragment of the title or 文号 (trigram index); null when not a 文号-like query. */
  fragment: string | null;
  /** The filters as lexemes of the same vector ('agency_…' & 'year_2021'), or null. */
  facetQuery: string | null;
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
 * as a fragment of the title or 文号 through pg_trgm.
 *
 * First a bounded probe: up to `countLimit` + 1 matches collected through the indexes (a bitmap
 * scan, however the words and filters correlate). With no more than `countLimit`, that is the exact
 * answer, counted and ordered. With more, the page is asked for with ORDER BY … LIMIT and the
 * planner chooses between walking the date index (dense matches) and sorting the bitmap's rows
 * (sparse ones); the total is shown as “more than countLimit”.
 */
export function catalogueSearchRepository(db: Executor) {
  return {
    async search(
      filter: CatalogueSearchFilter,
    ): Promise<{ rows: CatalogueSearchRow[]; total: number; totalIsCapped: boolean }> {
      if (filter.tsQuery === null && filter.fragment === null)
        return { rows: [], total: 0, totalIsCapped: false };
      let matches = db.selectFrom('catalogueEntry as e').where('e.status', '=', 'published');
      if (filter.fragment === null) {
        const query = [filter.tsQuery, filter.facetQuery].filter((q) => q !== null).join(' & ');
        matches = matches.where(sql<boolean>`e.search_tokens @@ ${query}::tsquery`);
      } else {
        const like = `%${escapeLike(filter.fragment)}%`;
        matches = matches.where((eb) =>
          eb.or([
            ...(filter.tsQuery !== null ? [sql<boolean>`e.search_tokens @@ ${filter.tsQuery}::tsquery`] : []),
            eb('e.title', 'like', like),
            eb('e.documentNumber', 'like', like),
          ]),
        );
        if (filter.facetQuery !== null)
          matches = matches.where(sql<boolean>`e.search_tokens @@ ${filter.facetQuery}::tsquery`);
      }
      const toRow = (r: Record<string, unknown>): CatalogueSearchRow => ({
        ...(r as unknown as CatalogueSearchRow),
        indexNumber: r.indexNumber as string,
        publishedOn: r.publishedOn as string,
        documentType: r.documentType as DocumentType,
        validity: r.validity as Validity,
      });

      const bounded = await db
        .with(
          (wb) => wb('hits').materialized(),
          () => matches.select(['e.id']).limit(filter.countLimit + 1),
        )
        .selectFrom('hits')
        .innerJoin('catalogueEntry as e', 'e.id', 'hits.id')
        .innerJoin('agency as a', 'a.id', 'e.agencyId')
        .select([...ROW_COLUMNS, sql<number>`(SELECT count(*) FROM hits)`.as('total')])
        .orderBy('e.publishedOn', 'desc')
        .orderBy('e.id', 'desc')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute();
      let counted = Number(bounded[0]?.total ?? 0);
      if (bounded.length === 0 && filter.offset > 0) {
        // A page past the end tells nothing of the total: count on its own.
        const all = await db
          .selectFrom(
            matches
              .select('e.id')
              .limit(filter.countLimit + 1)
              .as('capped'),
          )
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst();
        counted = Number(all?.n ?? 0);
      }
      if (counted <= filter.countLimit) {
        return { rows: bounded.map(toRow), total: counted, totalIsCapped: false };
      }
      const rows = await matches
        .innerJoin('agency as a', 'a.id', 'e.agencyId')
        .select(ROW_COLUMNS)
        .orderBy('e.publishedOn', 'desc')
        .orderBy('e.id', 'desc')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute();
      return { rows: rows.map(toRow), total: filter.countLimit, totalIsCapped: true };
    },
  };
}

export type CatalogueSearchRepository = ReturnType<typeof catalogueSearchRepository>;
