export * from './canonical.ts';
export * from './cell-access.ts';
export * from './cells.ts';
export * from './compile.ts';
export * from './draft-overview.ts';
export * from './model.ts';
export * from './rules.ts';
export * from './table-layout.ts';
