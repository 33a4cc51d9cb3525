export * from './processing-fee.ts';
