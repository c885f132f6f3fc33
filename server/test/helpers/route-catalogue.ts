import type { FastifyInstance } from 'fastify';

/** A JSON schema as the OpenAPI document gives it (zod's output, OpenAPI 3.0 flavour). */
export type JsonSchema = Record<string, unknown>;

interface OpenApiOperation {
  parameters?: { in: 'path' | 'query' | 'header'; name: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, unknown>;
}

export interface CatalogueRoute {
  method: string;
  /** Fastify's pattern, e.g. `/api/records/:id`. */
  url: string;
  /** Its names of path parameters, in order. */
  params: string[];
  /** The route's entry in the OpenAPI document; null for undocumented routes (health, CORS, /docs). */
  doc: { params: Record<string, JsonSchema>; query: Record<string, JsonSchema>; body: JsonSchema | null; statuses: Set<number> } | null;
}

/**
 * Every route Fastify registered, from `app.printRoutes()` (the router's own tree, so a route
 * added later, documented or not, is listed with no edit to a test), joined to its OpenAPI entry.
 * A tree node lists the methods of its full path, children continue their parent's path, and
 * `:id|:accountId` is one position that routes name differently.
 */
export async function listRoutes(app: FastifyInstance): Promise<CatalogueRoute[]> {
  const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, OpenApiOperation>> };
  const tree = app.printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const routes: CatalogueRoute[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ├└─]*)(\S+)(?: \(([A-Z, ]+)\))?$/.exec(line.trimEnd());
    if (!m) continue;
    // Four characters of tree drawing per level; a node without methods is only a path prefix.
    stack.length = m[1]!.length / 4 - 1;
    stack.push(m[2]!);
    for (const method of m[3]?.split(', ') ?? []) {
      const candidates = expandAlternatives(stack.join(''));
      const documented = candidates.map((url) => ({ url, op: findOperation(doc.paths, method, url) })).find((c) => c.op);
      const url = documented?.url ?? candidates[0]!;
      routes.push({ method, url, params: [...url.matchAll(/:(\w+)/g)].map((p) => p[1]!), doc: documented?.op ? describe(documented.op) : null });
    }
  }
  return routes;
}

/** `/a/:id|:accountId/b` → both spellings. */
function expandAlternatives(url: string): string[] {
  const at = /:(\w+)((?:\|:\w+)+)/.exec(url);
  if (!at) return [url];
  const names = [at[1]!, ...at[2]!.split('|:').filter(Boolean)];
  return names.flatMap((n) => expandAlternatives(url.replace(at[0], `:${n}`)));
}

function findOperation(paths: Record<string, Record<string, OpenApiOperation>>, method: string, url: string): OpenApiOperation | undefined {
  const openApiPath = url.replace(/:(\w+)/g, '{$1}');
  // Fastify answers HEAD with the GET route.
  return paths[openApiPath]?.[(method === 'HEAD' ? 'GET' : method).toLowerCase()];
}

function describe(op: OpenApiOperation): NonNullable<CatalogueRoute['doc']> {
  const of = (where: 'path' | 'query') =>
    Object.fromEntries((op.parameters ?? []).filter((p) => p.in === where).map((p) => [p.name, { ...p.schema, 'x-required': p.required === true }]));
  return {
    params: of('path'),
    query: of('query'),
    body: op.requestBody?.content['application/json']?.schema ?? null,
    statuses: new Set(Object.keys(op.responses).map(Number)),
  };
}
