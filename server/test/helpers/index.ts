export * from './test-app';
export { testDialect } from './test-database';
