import fc from 'fast-check';
import { mutate, rng, type MutationRules } from './mutation';

/*
 * Hostile input for the every-route property test: values a field should never hold, whole bodies
 * no client sends, and path parameters and query strings that break parsers.
 */

const nested = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

/** Field values: wrong types, numbers as strings, boundaries, NUL, lone surrogates, markup. */
export const hostileValues: readonly unknown[] = [
  null, true, 0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER, '', ' ', '993', '1e3', '-0', 'NaN', 'true', 'null',
  'x'.repeat(70_000), '\u0000', 'a\u0000b', '\ud800', '\udfff', '🙂'.repeat(300), '<script>alert(1)</script>', '%', '_',
  "'; drop table users; --", '__proto__', 'constructor', [], [null], [[[]]], {}, { a: { b: {} } }, '2024-13-45T99:99:99Z',
  '00000000-0000-0000-0000-000000000000',
];

const rules: MutationRules = {
  values: hostileValues,
  wholeBody: 0.1,
  remove: 0.2,
  add: 0.35,
  extraField: (random) => ['__proto__', 'constructor', 'prototype', 'extra', 'toString'][Math.floor(random() * 5)]!,
  keepArrays: false,
};

/** JSON texts sent as they are: JSON.stringify could not produce some of them. */
const hostileBodyTexts: readonly string[] = [
  nested(10_000), '['.repeat(10_000) + ']'.repeat(10_000), '{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"isAdmin":true}}}',
  '[]', '[{}]', 'null', '0', '"text"', '{', '{"a":1,}', '\u0000', '{"\\u0000":1}', '"\\ud800"', '{"a":"\\udfff"}',
  JSON.stringify({ a: 'x'.repeat(2 * 1024 * 1024) }), '  ',
];

/** A body's text: a valid-shaped one, one mutated from it, or one from the hostile list. */
export function bodyText(valid: fc.Arbitrary<unknown> | null): fc.Arbitrary<string> {
  const base = valid ?? fc.constant({});
  return fc.oneof(
    { weight: 3, arbitrary: base.map((v) => JSON.stringify(v)) },
    { weight: 4, arbitrary: fc.tuple(base, fc.integer()).map(([v, seed]) => JSON.stringify(mutate(v, rng(seed), rules)) ?? 'null') },
    // The same valid body with a prototype key the parser must refuse (JSON.stringify drops none).
    { weight: 1, arbitrary: base.map((v) => JSON.stringify(v).replace(/^\{/, '{"__proto__":{"x":1},').replace(/,\}$/, '}')) },
    { weight: 2, arbitrary: fc.constantFrom(...hostileBodyTexts) },
  );
}

/**
 * Path parameters, already %-encoded: ids of rows that exist (`likely` ones, of the kind the route
 * is about, most often), and values that break routers and databases.
 */
export function pathParam(likely: readonly string[], realIds: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    ...(likely.length > 0 ? [{ weight: 4, arbitrary: fc.constantFrom(...likely) }] : []),
    { weight: 1, arbitrary: fc.constantFrom(...realIds) },
    { weight: 1, arbitrary: fc.uuid() },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        'x'.repeat(101), 'x'.repeat(65), '%00', 'a%00b', '%ZZ', '%', '%2e%2e', '..', '__proto__', 'constructor', '%ED%A0%80',
        '%F0%9F%99%82', '%20', "'", '1e3', '-1', 'null', 'undefined', encodeURIComponent('<script>'),
      ),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 20, unit: 'binary' }).map(encodeURIComponent) },
  );
}

/** A query string (without `?`) built from valid-shaped values, then possibly hostile pairs added. */
export function queryString(valid: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<string> {
  const hostilePairs = fc.constantFrom(
    '', 'q=%00', 'q[]=a', 'q=a&q=b', 'limit=1e3', 'limit=-1', 'limit=NaN', 'offset=99999999999999999999', '__proto__=1',
    'constructor[prototype][x]=1', '__proto__=a&__proto__=b', 'x=%ZZ', 'q=%ED%A0%80', `q=${'x'.repeat(5000)}`, 'accountId=', 'messageId=%3C%3E', '=',
  );
  return fc.tuple(valid, fc.array(hostilePairs, { maxLength: 2 })).map(([values, extra]) => {
    const pairs = Object.entries(values).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
    return [...pairs, ...extra].filter(Boolean).join('&');
  });
}
