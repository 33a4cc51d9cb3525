export * from './agency.ts';
export * from './annual-report.ts';
export * from './calendar.ts';
export * from './catalogue.ts';
export * from './disclosure-request.ts';
export * from './staff.ts';
