// The official tables' layout is pure domain data shared with the console: it lives in core.
export * from '../core/annual-report/table-layout.ts';
