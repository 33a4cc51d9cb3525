import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { GOVERNMENT_TERMS } from './government-terms.ts';

/**
 * Chinese tokenisation for the catalogue search, decided here and nowhere else. jieba (not
 * Intl.Segmenter, which splits 张家港市 into characters) cuts in search mode, so that both 企业开办 and
 * 企业/开办 are indexed; the query is cut in normal mode, and each of its words must be an indexed
 * token. Tokens are stored as lexemes of a 'simple' tsvector (array_to_tsvector: no parser, no stemming).
 */

let jieba: Jieba | null = null;

function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    // A high frequency makes the user term win over the general dictionary's splits.
    jieba.loadDict(new TextEncoder().encode(GOVERNMENT_TERMS.map((t) => `${t} 200000 n`).join('\n')));
  }
  return jieba;
}

/** Loads the dictionary now (0.15 s) rather than on the first search. */
export function warmUpTokenizer(): void {
  segmenter();
}

const WORD = /[\p{L}\p{N}]/u;
const MAX_TOKEN_LENGTH = 60;

function clean(token: string): string | null {
  const value = token.trim().toLowerCase();
  if (value === '' || !WORD.test(value) || value.length > MAX_TOKEN_LENGTH) return null;
  // Only letters and digits: a lexeme never needs quoting in a tsquery.
  const word = value.replace(/[^\p{L}\p{N}]/gu, '');
  return word === '' ? null : word;
}

/**
 * Every token a text should be found by: search mode with the HMM (unknown names such as 恒通 stay
 * one word), plus full mode, which yields every dictionary word inside longer ones — search mode
 * alone gives only the 2- and 3-character parts, so 行政规范性文件 would not be found by 规范性文件.
 */
export function indexTokens(...texts: (string | null | undefined)[]): string[] {
  const tokens = new Set<string>();
  const cutter = segmenter();
  for (const text of texts) {
    if (!text) continue;
    for (const token of cutter.cutForSearch(text, true)) {
      const word = clean(token);
      if (word) tokens.add(word);
    }
    for (const token of cutter.cutAll(text)) {
      const word = clean(token);
      if (word) tokens.add(word);
    }
  }
  return [...tokens];
}

/** Queries repeat: their cuts are kept (least recently used dropped first). */
const QUERY_CUTS_KEPT = 5_000;
const queryCuts = new Map<string, readonly string[]>();

/** The words of a query, each of which must match (AND). */
export function queryTokens(query: string): string[] {
  const kept = queryCuts.get(query);
  if (kept) {
    queryCuts.delete(query);
    queryCuts.set(query, kept);
    return [...kept];
  }
  const tokens: string[] = [];
  for (const token of segmenter().cut(query, true)) {
    const word = clean(token);
    if (word && !tokens.includes(word)) tokens.push(word);
  }
  queryCuts.set(query, tokens);
  if (queryCuts.size > QUERY_CUTS_KEPT) queryCuts.delete(queryCuts.keys().next().value!);
  return [...tokens];
}

/** tsquery text: 'a' & 'b' (tokens are letters and digits only, see clean()). */
export function toTsQuery(tokens: readonly string[]): string {
  return tokens.map((t) => `'${t}'`).join(' & ');
}

/**
 * The portal's filters as lexemes of the same vector (agency, publication year, category, 体裁,
 * validity), so that words and filters are one intersection of posting lists in one GIN index. A
 * filter on its own column would be tested row by row, and a frequent word with a filter that
 * excludes it (乡村振兴 among 行政许可 items) would read thousands of rows to find none. Word tokens
 * never contain '_', so these never collide with them.
 */
export interface SearchFacets {
  agencyCode?: string | null | undefined;
  /** 'YYYY-MM-DD' or a year: the year of publication. */
  publishedOn?: string | null | undefined;
  category?: string | null | undefined;
  documentType?: string | null | undefined;
  validity?: string | null | undefined;
}

export function facetLexemes(facets: SearchFacets): string[] {
  const lexemes: string[] = [];
  if (facets.agencyCode) lexemes.push(`agency_${facets.agencyCode.toLowerCase()}`);
  if (facets.publishedOn) lexemes.push(`year_${facets.publishedOn.slice(0, 4)}`);
  if (facets.category) lexemes.push(`category_${facets.category}`);
  if (facets.documentType) lexemes.push(`type_${facets.documentType}`);
  if (facets.validity) lexemes.push(`validity_${facets.validity}`);
  return lexemes.filter((l) => /^[a-z]+_[a-z0-9_]+$/.test(l));
}
