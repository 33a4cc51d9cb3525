import type { Kysely } from 'kysely';
import { type DocumentType, normaliseDocumentNumber, type Validity } from '../core/catalogue/index.ts';
import {
  type CatalogueSearchRow,
  catalogueSearchRepository,
} from '../db/repositories/catalogue-search.repository.ts';
import type { Executor } from '../db/repositories/executor.ts';
import type { DB } from '../db/schema.ts';
import { type HighlightPart, highlighter } from './highlight.ts';
import { searchCatalogueIndex } from './indexed-catalogue-search.ts';
import { facetLexemes, queryTokens, toTsQuery } from './tokenize.ts';

export interface CatalogueSearchQuery {
  text: string;
  agencyCode?: string | undefined;
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

/**
 * The PostgreSQL path (used while the in-memory index is first built) counts matches exactly up to
 * this many and says “more than 200” beyond; the in-memory index always counts exactly.
 */
export const MAX_COUNTED = 200;
export const MAX_QUERY_LENGTH = 100;
/** Trigram indexes (pg_trgm, and the in-memory one) need fragments of three characters or more. */
const MIN_FRAGMENT_LENGTH = 3;

/**
 * A query with digits, Latin letters or brackets is (part of) a 文号 or a code: it is also matched as
 * a fragment of the 文号 (张审批〔2021〕12 finds 12号 and 120号). A query in Chinese words
 * needs no fragment match — full-mode tokens index every dictionary word and character — and
 * leaving it out keeps the common query on one index.
 */
export function looksLikeDocumentNumber(text: string): boolean {
  return /[\p{N}A-Za-z〔〕[\]【】（）()\-—/]/u.test(text);
}

/**
 * jieba words must all be tokens of the entry, or the query is a fragment of its 文号 (so
 * 张审批〔2021〕12 finds 张审批〔2021〕12号 and 120号); filters narrow both. Answered by the in-memory
 * index (memory-index.ts), or by PostgreSQL's GIN and trigram indexes while that is first built or
 * inside a transaction.
 */
export function createCatalogueSearch(db: Executor): CatalogueSearch {
  const repository = catalogueSearchRepository(db);
  return {
    async search(query) {
      const text = query.text.trim().slice(0, MAX_QUERY_LENGTH);
      const words = queryTokens(text);
      // 张审批[2021]12 or （2021） as typed finds 张审批〔2021〕12号, as imports store it.
      const fragment = normaliseDocumentNumber(text);
      const facets = facetLexemes({
        agencyCode: query.agencyCode,
        publishedOn: query.year === undefined ? undefined : String(query.year),
        category: query.category,
        documentType: query.documentType,
        validity: query.validity,
      });
      const numberFragment =
        fragment.length >= MIN_FRAGMENT_LENGTH && looksLikeDocumentNumber(fragment) ? fragment : null;
      const offset = (query.page - 1) * query.pageSize;
      const indexed = db.isTransaction
        ? null
        : await searchCatalogueIndex(db as Kysely<DB>, {
            words,
            documentNumberFragment: numberFragment,
            facets,
            offset,
            limit: query.pageSize,
          });
      const result = indexed
        ? { ...indexed, totalIsCapped: false }
        : await repository.search({
            tsQuery: words.length > 0 ? toTsQuery(words) : null,
            fragment: numberFragment,
            facetQuery: facets.length > 0 ? toTsQuery(facets) : null,
            publishedYear: query.year,
            agencyCode: query.agencyCode,
            limit: query.pageSize,
            offset,
            countLimit: MAX_COUNTED,
          });
      // Single characters would light up half of every title (张 in 张家港); mark them only when asked for.
      const needles = [fragment, ...text.split(/\s+/), ...words].filter(
        (w) => w.length > 1 || text.length === 1,
      );
      const mark = highlighter(needles);
      return {
        hits: result.rows.map((row) => ({
          ...row,
          titleParts: mark(row.title),
          summaryParts: row.summary ? mark(row.summary) : null,
          documentNumberParts: row.documentNumber ? mark(row.documentNumber) : null,
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
