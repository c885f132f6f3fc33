import { randomUUID } from 'node:crypto';

// Dialect-neutral column values: text ids, ISO-8601 UTC text timestamps, integer booleans.

export const newId = (): string => randomUUID();
export const nowIso = (): string => new Date().toISOString();
export const toFlag = (b: boolean): number => (b ? 1 : 0);
export const fromFlag = (n: number | string | boolean | null | undefined): boolean => Number(n) === 1 || n === true;
/** COUNT(*) is a bigint string on PostgreSQL and a number on SQLite. */
export const toCount = (n: number | string | bigint | null | undefined): number => Number(n ?? 0);
