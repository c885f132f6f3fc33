/** The iterative walks over request input: same answers as a recursive walk, at any depth. */
import { describe, expect, it } from 'vitest';
import { nestingDepth, visitStrings } from '../src/http/json-walk';
import { stripNul } from '../src/sanitize/strip-nul';

/** `{ a: { a: ... 'leaf' } }`, `levels` objects deep, built without recursion. */
function nested(levels: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

describe('nestingDepth', () => {
  it.each([
    ['a scalar', 'x', 0],
    ['an empty object', {}, 1],
    ['an array of objects', [{}, { a: [] }], 3],
    ['a deep branch beside a shallow one', { a: 1, b: { c: { d: [] } } }, 4],
  ])('%s → %i', (_label, value, depth) => {
    expect(nestingDepth(value, 64)).toBe(depth);
  });

  it('stops counting past the limit, however deep the value', () => {
    expect(nestingDepth(nested(64, 1), 64)).toBe(64);
    expect(nestingDepth(nested(65, 1), 64)).toBe(65);
    expect(nestingDepth(nested(200_000, 1), 64)).toBe(65);
  });
});

describe('visitStrings', () => {
  it('visits values and property names with their dot paths, stopping when asked', () => {
    const seen: string[] = [];
    visitStrings({ name: 'n', to: [{ address: 'a' }], 'k\u0000': 1 }, (f) => {
      seen.push(`${f.isKey ? 'key' : 'value'} ${f.path || '(root)'} ${JSON.stringify(f.value)}`);
    });
    expect(seen).toEqual([
      'key (root) "name"', 'value name "n"', 'key (root) "to"', 'key (root) "k\\u0000"', 'key to.0 "address"', 'value to.0.address "a"',
    ]);
    let visited = 0;
    visitStrings(['a', 'b', 'c'], () => ++visited === 2);
    expect(visited).toBe(2);
  });

  it('walks a value 200,000 levels deep without overflowing the stack', () => {
    let found = '';
    visitStrings(nested(200_000, 'leaf\u0000'), (f) => {
      if (!f.isKey) found = f.value;
    });
    expect(found).toBe('leaf\u0000');
  });
});

describe('stripNul', () => {
  it('drops NUL from every string value, in place, at any depth; names are left alone', () => {
    const value = { a: 'x\u0000y', list: ['\u0000', { b: 'c\u0000' }], 'k\u0000': 'v' };
    expect(stripNul(value)).toBe(value);
    expect(value).toEqual({ a: 'xy', list: ['', { b: 'c' }], 'k\u0000': 'v' });
    expect(stripNul('a\u0000')).toBe('a');
    const deep = nested(100_000, 'd\u0000') as { a: unknown };
    stripNul(deep);
    let leaf: unknown = deep;
    while (typeof leaf === 'object' && leaf !== null) leaf = (leaf as { a: unknown }).a;
    expect(leaf).toBe('d');
  });
});
