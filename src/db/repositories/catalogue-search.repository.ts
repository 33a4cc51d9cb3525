import { sql } from 'kysely';
import type { DocumentType, Validity } from '../../core/catalogue/index.ts';
import type { Executor } from './executor.ts';

export interface CatalogueSearchFilter {
  /** jieba words of the query as a tsquery ('a' & 'b'); null to match on the fragment only. */
  tsQuery: string | null;
  /** The query as a fragment of the title or 文号 (trigram index); null when too short to help. */
  fragment: string | null;
  agencyId?: string | undefined;
  category?: string | undefined;
  /** Year of publication. */
  year?: number | undefined;
  validity?: Validity | undefined;
  documentType?: DocumentType | undefined;
  limit: number;
  offset: number;
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

/**
 * The portal's full-text query over published entries: jieba tokens in a GIN-indexed tsvector, OR a
 * fragment of the title or 文号 through pg_trgm, newest first. The count is capped so that a query
 * matching most of a million entries stays a bounded amount of work.
 */
export function catalogueSearchRepository(db: Executor) {
  return {
    async search(
      filter: CatalogueSearchFilter,
    ): Promise<{ rows: CatalogueSearchRow[]; total: number; totalIsCapped: boolean }> {
      if (filter.tsQuery === null && filter.fragment === null)
        return { rows: [], total: 0, totalIsCapped: false };
      let query = db
        .selectFrom('catalogueEntry as e')
        .innerJoin('agency as a', 'a.id', 'e.agencyId')
        .where('e.status', '=', 'published')
        .where((eb) => {
          const conditions = [];
          if (filter.tsQuery !== null)
            conditions.push(sql<boolean>`e.search_tokens @@ ${filter.tsQuery}::tsquery`);
          if (filter.fragment !== null) {
            const like = `%${escapeLike(filter.fragment)}%`;
            conditions.push(eb('e.title', 'like', like), eb('e.documentNumber', 'like', like));
          }
          return eb.or(conditions);
        });
      if (filter.agencyId) query = query.where('e.agencyId', '=', filter.agencyId);
      if (filter.category) query = query.where('e.category', '=', filter.category);
      if (filter.validity) query = query.where('e.validity', '=', filter.validity);
      if (filter.documentType) query = query.where('e.documentType', '=', filter.documentType);
      if (filter.year !== undefined) {
        query = query
          .where('e.publishedOn', '>=', `${filter.year}-01-01`)
          .where('e.publishedOn', '<=', `${filter.year}-12-31`);
      }
      const [rows, counted] = await Promise.all([
        query
          .select([
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
          ])
          .orderBy('e.publishedOn', 'desc')
          .orderBy('e.id', 'desc')
          .limit(filter.limit)
          .offset(filter.offset)
          .execute(),
        db
          .selectFrom(
            query
              .select('e.id')
              .limit(filter.countLimit + 1)
              .as('capped'),
          )
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst(),
      ]);
      const total = Number(counted?.n ?? 0);
      return {
        rows: rows.map((r) => ({
          ...r,
          indexNumber: r.indexNumber!,
          publishedOn: r.publishedOn!,
          documentType: r.documentType as DocumentType,
          validity: r.validity as Validity,
        })),
        total: Math.min(total, filter.countLimit),
        totalIsCapped: total > filter.countLimit,
      };
    },
  };
}

export type CatalogueSearchRepository = ReturnType<typeof catalogueSearchRepository>;
