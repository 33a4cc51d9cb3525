export * from './categories.ts';
export * from './decision.ts';
export * from './document-import.ts';
export * from './entry.ts';
export * from './import-mapping.ts';
export * from './index-number.ts';
export * from './publication-clock.ts';
export * from './section2.ts';
