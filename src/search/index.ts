export * from './catalogue-search.ts';
export * from './highlight.ts';
export { indexTokens, queryTokens, warmUpTokenizer } from './tokenize.ts';
