/**
 * Walks of parsed JSON (request bodies, query strings, path parameters) without recursion: a body
 * is untrusted, and a recursive walk over one nested a few thousand levels deep overflows the stack
 * (a 500). Each walk keeps its own stack of pending values instead.
 */

type Container = Record<string, unknown> | unknown[];
/** A string found inside a value: where it is, and how to replace it in its parent. */
export interface FoundString {
  /** Dot path of the value (`message.to.0.name`), or of the object holding a key when `isKey`. */
  path: string;
  value: string;
  /** The string is a property name, not a value (replacing it is not offered). */
  isKey: boolean;
  replace(next: string): void;
}

const isContainer = (v: unknown): v is Container => v !== null && typeof v === 'object';
const join = (at: string, key: string | number) => (at ? `${at}.${key}` : String(key));

/**
 * How many levels of arrays and objects `value` nests (a scalar is 0, `{}` and `[]` are 1). Stops
 * counting once past `limit` and answers `limit + 1`, so a hostile body is not walked to its end.
 */
export function nestingDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [v, depth] = pending.pop()!;
    if (!isContainer(v)) continue;
    if (depth > limit) return limit + 1;
    deepest = Math.max(deepest, depth);
    for (const child of Object.values(v)) if (isContainer(child)) pending.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * Calls `visit` for every string inside `value` (property names included), depth first, each
 * object's own strings before those of its children; `visit` answering `true` stops the walk. A
 * bare string is visited with path ''.
 */
export function visitStrings(value: unknown, visit: (found: FoundString) => boolean | void): void {
  if (typeof value === 'string') {
    visit({ path: '', value, isKey: false, replace: () => {} });
    return;
  }
  const pending: [unknown, string][] = [[value, '']];
  while (pending.length > 0) {
    const [v, at] = pending.pop()!;
    if (!isContainer(v)) continue;
    const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
    const children: [unknown, string][] = [];
    for (const [key, child] of entries) {
      const path = join(at, key);
      if (typeof key === 'string' && visit({ path: at, value: key, isKey: true, replace: () => {} })) return;
      if (typeof child === 'string') {
        const parent = v as Record<string | number, unknown>;
        if (visit({ path, value: child, isKey: false, replace: (next) => (parent[key] = next) })) return;
      } else if (isContainer(child)) {
        children.push([child, path]);
      }
    }
    // Pushed in reverse so that the first child is walked first.
    for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]!);
  }
}
