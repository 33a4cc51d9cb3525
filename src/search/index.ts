export * from './catalogue-search.ts';
export * from './highlight.ts';
export { facetLexemes, indexTokens, queryTokens, type SearchFacets, warmUpTokenizer } from './tokenize.ts';
