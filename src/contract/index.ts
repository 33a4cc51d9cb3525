export * from './agency.ts';
export * from './calendar.ts';
export * from './staff.ts';
