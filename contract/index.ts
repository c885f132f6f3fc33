export * from './common';
export * from './auth';
export * from './accounts';
export * from './signatures';
export * from './merge-tags';
export * from './records';
export * from './filings';
