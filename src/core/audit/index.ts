export * from './audit-action.ts';
