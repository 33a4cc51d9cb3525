export * from './holiday-notice.ts';
export * from './workday-calendar.ts';
