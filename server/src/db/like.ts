import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';

/** `%needle%` with LIKE wildcards in the needle escaped, for use with `likeContains`. */
export const containsPattern = (needle: string): string => `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * `lower(expr) LIKE '%needle%' ESCAPE '\'`. SQLite has no default LIKE escape character and PG's
 * is `\`, so the ESCAPE clause is spelled out to behave the same on both.
 */
export function likeContains(expr: Expression<unknown>, needle: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`lower(${expr}) like ${containsPattern(needle.toLowerCase())} escape '\\'`;
}
