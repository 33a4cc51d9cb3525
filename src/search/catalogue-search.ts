import type { DocumentType, Validity } from '../core/catalogue/index.ts';
import {
  type CatalogueSearchRow,
  catalogueSearchRepository,
} from '../db/repositories/catalogue-search.repository.ts';
import type { Executor } from '../db/repositories/executor.ts';
import { type HighlightPart, highlight } from './highlight.ts';
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
 * Matches counted — and ordered through the indexes — exactly up to this many; beyond, “more than
 * 200”, and the page comes from the date index (see the repository). Each counted match is a heap
 * visit: on a million entries the probe is the dominant cost of a common word, so it stays small.
 */
export const MAX_COUNTED = 200;
export const MAX_QUERY_LENGTH = 100;
/** pg_trgm can use its index for fragments of three characters or more. */
const MIN_FRAGMENT_LENGTH = 3;

/**
 * A query with digits, Latin letters or brackets is (part of) a 文号 or a code: it is also matched as
 * a fragment of the title and 文号 (张审批〔2021〕12 finds 12号 and 120号). A query in Chinese words
 * needs no fragment match — full-mode tokens index every dictionary word and character — and
 * leaving it out keeps the common query on one index.
 */
export function looksLikeDocumentNumber(text: string): boolean {
  return /[\p{N}A-Za-z〔〕[\]【】（）()\-—/]/u.test(text);
}

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
      const facets = facetLexemes({
        agencyCode: query.agencyCode,
        publishedOn: query.year === undefined ? undefined : String(query.year),
        category: query.category,
        documentType: query.documentType,
        validity: query.validity,
      });
      const result = await repository.search({
        tsQuery: words.length > 0 ? toTsQuery(words) : null,
        fragment:
          fragment.length >= MIN_FRAGMENT_LENGTH && looksLikeDocumentNumber(fragment) ? fragment : null,
        facetQuery: facets.length > 0 ? toTsQuery(facets) : null,
        publishedYear: query.year,
        agencyCode: query.agencyCode,
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
