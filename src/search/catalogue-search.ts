import type { DocumentType, Validity } from '../core/catalogue/index.ts';
import {
  type CatalogueSearchRow,
  catalogueSearchRepository,
} from '../db/repositories/catalogue-search.repository.ts';
import type { Executor } from '../db/repositories/executor.ts';
import { type HighlightPart, highlight } from './highlight.ts';
import { queryTokens, toTsQuery } from './tokenize.ts';

export interface CatalogueSearchQuery {
  text: string;
  agencyId?: string | undefined;
  category?: string | undefined;
  year?: number | undefined;
  validity?: Validity | undefined;
  documentType?: DocumentType | undefined;
  page: number;
  pageSize: number;
}

export interface CatalogueSearchHit extends CatalogueSearchRow {
  titleParts: HighlightPart[];
  summaryParts: HighlightPart[] | null;
  documentNumberParts: HighlightPart[] | null;
}

export interface CatalogueSearchResult {
  hits: CatalogueSearchHit[];
  /** Matches counted, up to MAX_COUNTED; `totalIsCapped` says there are more. */
  total: number;
  totalIsCapped: boolean;
  page: number;
  pageSize: number;
  /** The words the query was cut into (shown to the reader: 分词). */
  words: string[];
}

/** The catalogue's full-text search, whatever engine is behind it. */
export interface CatalogueSearch {
  search(query: CatalogueSearchQuery): Promise<CatalogueSearchResult>;
}

export const MAX_COUNTED = 1000;
export const MAX_QUERY_LENGTH = 100;
/** pg_trgm can use its index for fragments of three characters or more. */
const MIN_FRAGMENT_LENGTH = 3;

/**
 * PostgreSQL (or PGlite) behind the interface: jieba words must all be tokens of the entry, or the
 * query is a fragment of its title or 文号 (so 张审批〔2021〕12 finds 张审批〔2021〕12号 and 120号).
 */
export function createCatalogueSearch(db: Executor): CatalogueSearch {
  const repository = catalogueSearchRepository(db);
  return {
    async search(query) {
      const text = query.text.trim().slice(0, MAX_QUERY_LENGTH);
      const words = queryTokens(text);
      const fragment = text.replace(/\s+/g, '');
      const result = await repository.search({
        tsQuery: words.length > 0 ? toTsQuery(words) : null,
        fragment: fragment.length >= MIN_FRAGMENT_LENGTH ? fragment : null,
        agencyId: query.agencyId,
        category: query.category,
        year: query.year,
        validity: query.validity,
        documentType: query.documentType,
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
        countLimit: MAX_COUNTED,
      });
      // Single characters would light up half of every title (张 in 张家港); mark them only when asked for.
      const needles = [fragment, ...text.split(/\s+/), ...words].filter(
        (w) => w.length > 1 || text.length === 1,
      );
      return {
        hits: result.rows.map((row) => ({
          ...row,
          titleParts: highlight(row.title, needles),
          summaryParts: row.summary ? highlight(row.summary, needles) : null,
          documentNumberParts: row.documentNumber ? highlight(row.documentNumber, needles) : null,
        })),
        total: result.total,
        totalIsCapped: result.totalIsCapped,
        page: query.page,
        pageSize: query.pageSize,
        words,
      };
    },
  };
}
