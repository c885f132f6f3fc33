export * from './test-app';
export * from './accounts';
export { testDialect } from './test-database';
