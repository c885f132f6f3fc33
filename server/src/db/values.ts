import { randomBytes, randomUUID } from 'node:crypto';

// Dialect-neutral column values: text ids, ISO-8601 UTC text timestamps, integer booleans.

export const newId = (): string => randomUUID();
/**
 * A UUID in the version 7 layout: the milliseconds since 1970 first, then random bits. Ids made in
 * a row sort in the order they were made, so a bulk insert appends to the primary-key b-trees
 * instead of dirtying a random page of each per row (the CSV import's 100k rows). Still opaque.
 */
export function newTimeOrderedId(): string {
  const bytes = randomBytes(16);
  const ms = Date.now();
  bytes.writeUIntBE(Math.floor(ms / 2 ** 16), 0, 4);
  bytes.writeUInt16BE(ms % 2 ** 16, 4);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
export const nowIso = (): string => new Date().toISOString();
export const toFlag = (b: boolean): number => (b ? 1 : 0);
export const fromFlag = (n: number | string | boolean | null | undefined): boolean => Number(n) === 1 || n === true;
/** COUNT(*) is a bigint string on PostgreSQL and a number on SQLite. */
export const toCount = (n: number | string | bigint | null | undefined): number => Number(n ?? 0);
