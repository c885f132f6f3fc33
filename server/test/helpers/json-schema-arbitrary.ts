import fc from 'fast-check';
import type { JsonSchema } from './route-catalogue';

/**
 * Values that fit a JSON schema (the OpenAPI document's, derived from the routes' zod schemas),
 * for property tests that need valid-shaped input to reach past validation. Covers what zod emits
 * for this API: enum, const, nullable, anyOf/oneOf, string formats and lengths, integer ranges,
 * arrays, objects with required and optional properties. Sizes are kept small on purpose; the
 * hostile sizes come from elsewhere.
 */
export function arbitraryFor(schema: JsonSchema, pick: PickByName = () => undefined): fc.Arbitrary<unknown> {
  const inner = arbitraryForType(schema, pick);
  return schema.nullable === true ? fc.option(inner, { nil: null }) : inner;
}

/**
 * Values to use for a property by its name instead of the schema's (e.g. the ids of rows that
 * exist, which a schema cannot know); `undefined` to let the schema decide.
 */
export type PickByName = (property: string) => fc.Arbitrary<unknown> | undefined;

const typeOf = (s: JsonSchema) => (Array.isArray(s.type) ? (s.type as string[]).find((t) => t !== 'null') : (s.type as string | undefined));

function arbitraryForType(schema: JsonSchema, pick: PickByName): fc.Arbitrary<unknown> {
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  if ('const' in schema) return fc.constant(schema.const);
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (union) return fc.oneof(...union.map((s) => arbitraryFor(s, pick)));
  if (Array.isArray(schema.allOf)) return arbitraryFor((schema.allOf as JsonSchema[])[0]!, pick);
  switch (typeOf(schema)) {
    case 'string':
      return stringFor(schema);
    case 'integer':
    case 'number':
      return numberFor(schema);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = schema.items ? arbitraryFor(schema.items as JsonSchema, pick) : fc.string();
      const minLength = Number(schema.minItems ?? 0);
      return fc.array(items, { minLength, maxLength: Math.min(Number(schema.maxItems ?? 3), minLength + 3) });
    }
    case 'object':
      return objectFor(schema, pick);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringFor(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = Number(schema.minLength ?? 0);
  const maxLength = Math.max(minLength, Math.min(Number(schema.maxLength ?? 40), minLength + 40));
  switch (schema.format) {
    case 'email':
      // Plain addresses mostly (fast-check's cover RFC 5322 corners the API may refuse).
      return fc.oneof(
        { weight: 3, arbitrary: fc.tuple(fc.stringMatching(/^[a-z][a-z0-9.]{0,10}[a-z0-9]$/), fc.constantFrom('acme.test', 'fuzz.test', 'example.com')).map(([l, d]) => `${l}@${d}`) },
        { weight: 1, arbitrary: fc.emailAddress({ size: 'small' }).map((e) => (e.length <= maxLength ? e : 'someone@example.test')) },
      );
    case 'date-time':
      return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
    case 'uuid':
      return fc.uuid();
  }
  if (typeof schema.pattern === 'string') {
    try {
      // Cut to the maximum length rather than filtered (a filter that rarely passes never ends).
      return fc.stringMatching(new RegExp(schema.pattern), { size: 'small' }).map((s) => s.slice(0, maxLength));
    } catch {
      // A pattern fast-check cannot generate from: plain strings still test the refusal path.
    }
  }
  return fc.string({ minLength, maxLength, unit: 'grapheme' });
}

function numberFor(schema: JsonSchema): fc.Arbitrary<number> {
  const min = Math.max(Number(schema.minimum ?? -1_000_000), Number.MIN_SAFE_INTEGER);
  const max = Math.min(Number(schema.maximum ?? 1_000_000), Number.MAX_SAFE_INTEGER);
  return typeOf(schema) === 'integer' ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true });
}

function objectFor(schema: JsonSchema, pick: PickByName): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = (schema.required ?? []) as string[];
  const keys = Object.keys(properties);
  if (keys.length === 0) return fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 });
  const values = keys.map((k) => [k, pick(k) ?? arbitraryFor(properties[k]!, pick)] as const);
  return fc.record(Object.fromEntries(values), { requiredKeys: keys.filter((k) => required.includes(k)) });
}
