export * from './application.ts';
export * from './clock-explanation.ts';
export * from './deadline.ts';
export * from './events.ts';
export * from './receipt-date.ts';
export * from './repeat-detection.ts';
export * from './report-feed.ts';
export * from './transitions.ts';
