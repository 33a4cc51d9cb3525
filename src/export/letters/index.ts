export * from './letter-templates.ts';
export * from './render-letter-docx.ts';
