/**
 * Queries of the hot paths (every request, every filing) built and compiled once per dialect and
 * then run with new values: building a Kysely query and compiling it to SQL cost about as much as
 * SQLite running it. The query is built with placeholder values; each placeholder's position in
 * the compiled parameters is where that argument goes from then on. Arguments must be bound as
 * given (compared with `=`, listed in `in`, …), never transformed, and every one must appear:
 * a query built otherwise throws the first time it runs.
 *
 * For a query whose shape depends on its arguments (an `in` list), `shapeOf` names the shape; each
 * shape is compiled once (keep their number small: a few list lengths, not any length).
 */
import type { Compilable, CompiledQuery } from 'kysely';
import type { Db } from './database';
import { isPostgres } from './dialect';

/** Lists longer than this are better built each time than compiled once per length. */
export const compiledListMax = 4;

type Arg = string | number | null | readonly (string | number)[];

interface Compiled {
  query: CompiledQuery;
  /** For each compiled parameter, the argument (and item) it comes from, or -1: a constant. */
  from: { arg: number; item: number }[];
}

const placeholder = (arg: number, item = 0) => `\u0000compiled-once ${arg}.${item}\u0000`;

function compile<A extends Arg[], R>(db: Db, build: (db: Db, ...args: A) => Compilable<R>, args: A): Compiled {
  const stand = args.map((a, i) => (Array.isArray(a) ? a.map((_, j) => placeholder(i, j)) : placeholder(i))) as A;
  const query = build(db, ...stand).compile();
  const where = new Map<unknown, { arg: number; item: number }>();
  stand.forEach((s, i) => (Array.isArray(s) ? s.forEach((p, j) => where.set(p, { arg: i, item: j })) : where.set(s, { arg: i, item: -1 })));
  const from = query.parameters.map((p) => where.get(p) ?? { arg: -1, item: -1 });
  const used = new Set(from.map((f) => `${f.arg}.${f.item}`));
  for (const [p, f] of where) if (!used.has(`${f.arg}.${f.item}`)) throw new Error(`compiledOnce: placeholder ${String(p)} is not a bound parameter`);
  return { query, from };
}

/** `build` run once per dialect and shape; the returned function executes it with `args`. */
export function compiledOnce<A extends Arg[], R>(
  build: (db: Db, ...args: A) => Compilable<R>,
  shapeOf: (...args: A) => string = () => '',
): (db: Db, ...args: A) => Promise<R[]> {
  const cache = new Map<string, Compiled>();
  return async (db, ...args) => {
    const key = `${isPostgres(db) ? 'pg' : 'sqlite'}:${shapeOf(...args)}`;
    let compiled = cache.get(key);
    if (!compiled) {
      compiled = compile(db, build, args);
      cache.set(key, compiled);
    }
    const { query, from } = compiled;
    const parameters = from.map((f, i) => {
      if (f.arg < 0) return query.parameters[i];
      const a = args[f.arg];
      return f.item < 0 ? a : (a as readonly unknown[])[f.item];
    });
    const result = await db.executeQuery<R>({ ...query, parameters });
    return result.rows;
  };
}
