/**
 * Seeded random mutations of valid request bodies, for the property tests that no request is
 * answered with a 500 (bad-input*.test.ts). Seeded, so a failure reproduces from the seed in its
 * message.
 */

/** mulberry32: small, fast, good enough to pick mutations. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

type Obj = Record<string | number, unknown>;

/** Every path to a value inside `body` (objects and arrays), the root excluded. */
export function paths(body: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (body === null || typeof body !== 'object') return [];
  const entries = Array.isArray(body) ? body.map((v, i) => [i, v] as const) : Object.entries(body);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
}

export interface MutationRules {
  /** What a field's value may be replaced with (wrong types, huge or odd strings, markup...). */
  values: readonly unknown[];
  /** Chance that the whole body is replaced by one of `values` instead (0: never, and no draw). */
  wholeBody: number;
  /** A roll below `remove` removes the field, below `add` adds an unknown one; else its value is replaced. */
  remove: number;
  add: number;
  /** The name of the unknown field added. */
  extraField: (random: () => number) => string;
  /** Never remove or add inside an array (only replace an element). */
  keepArrays: boolean;
}

/** A copy of `body` with one random mutation (see `MutationRules`). */
export function mutate(body: unknown, random: () => number, rules: MutationRules): unknown {
  const pick = () => rules.values[Math.floor(random() * rules.values.length)];
  const copy = structuredClone(body) as Obj;
  const all = paths(copy);
  if (all.length === 0) return rules.wholeBody > 0 ? pick() : copy;
  if (rules.wholeBody > 0 && random() < rules.wholeBody) return pick();
  const path = all[Math.floor(random() * all.length)]!;
  const parent = path.slice(0, -1).reduce<Obj>((o, k) => o[k] as Obj, copy);
  const key = path[path.length - 1]!;
  const roll = random();
  const reshape = !(rules.keepArrays && Array.isArray(parent));
  if (roll < rules.remove && reshape) delete parent[key];
  else if (roll < rules.add && reshape) parent[rules.extraField(random)] = 'surprise';
  else parent[key] = pick();
  return copy;
}
