/**
 * The HTTP layer to the Mailroom API: one ky instance per server, with a timeout, retries for
 * idempotent calls only, the bearer token added in a hook, every response checked against the
 * shared zod schema and every failure turned into an `ApiError`. Background only (house rule).
 */
import ky, { HTTPError, type KyInstance, type Options } from 'ky';
import type { z } from 'zod';
import { ApiError, NOT_MAILROOM_MESSAGE, SESSION_EXPIRED_MESSAGE, toProtocolError } from './errors';

export interface ApiClientOptions {
  /** e.g. `http://localhost:8787` (no trailing slash). */
  serverUrl: string;
  /** The bearer token, read at request time so a sign-in is picked up at once. */
  getToken: () => Promise<string | null>;
  /** Called when the server rejects the token (401 on an authenticated call). */
  onUnauthorized: () => Promise<void>;
  /** Called when the server answers `password_change_required` (signed in with a one-time password). */
  onPasswordChangeRequired?: () => Promise<void>;
  timeoutMs?: number;
  /** Base of the exponential backoff; tests set 0. */
  retryDelayMs?: number;
  retryLimit?: number;
  fetch?: typeof fetch;
}

export interface RequestOptions {
  json?: unknown;
  /** A raw body (a CSV file), sent with `contentType`; not with `json`. */
  body?: Uint8Array<ArrayBuffer> | string;
  contentType?: string;
  accept?: string;
  /** Overrides the client's timeout for a call that may take long (an import); false: none. */
  timeoutMs?: number | false;
  searchParams?: URLSearchParams | Record<string, string | number>;
  /** Login is the only call made without a token; its 401 means "wrong password". */
  auth?: boolean;
}

export interface ApiClient {
  readonly serverUrl: string;
  /** A call whose JSON body is checked against `schema`. */
  json<S extends z.ZodType>(method: Method, path: string, schema: S, opts?: RequestOptions): Promise<z.infer<S>>;
  /** A call answered with no body we need (204 or ignored). */
  send(method: Method, path: string, opts?: RequestOptions): Promise<void>;
  /** A call whose answer is text (a CSV export). */
  text(method: Method, path: string, opts?: RequestOptions): Promise<string>;
  /**
   * A call answered with NDJSON (one JSON object a line, as the server writes them): each line is
   * checked against `schema` and handed over as it arrives.
   */
  ndjson<S extends z.ZodType>(method: Method, path: string, schema: S, opts?: RequestOptions): AsyncGenerator<z.infer<S>>;
}

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export function createApiClient(o: ApiClientOptions): ApiClient {
  const base = o.serverUrl.replace(/\/+$/, '');
  const delay = o.retryDelayMs ?? 300;
  const http: KyInstance = ky.create({
    prefixUrl: base,
    timeout: o.timeoutMs ?? 10_000,
    retry: {
      limit: o.retryLimit ?? 2,
      // Only calls that are safe to repeat: a POST whose answer was lost may have been applied.
      methods: ['get', 'put', 'delete', 'head'],
      statusCodes: [500, 502, 503, 504],
      delay: (attempt) => delay * 2 ** (attempt - 1),
    },
    ...(o.fetch && { fetch: o.fetch }),
  });

  async function call(method: Method, path: string, opts: RequestOptions = {}): Promise<Response> {
    const auth = opts.auth ?? true;
    const options: Options = {
      method,
      ...(opts.json !== undefined && { json: opts.json }),
      ...(opts.body !== undefined && { body: opts.body }),
      ...(opts.searchParams && { searchParams: opts.searchParams }),
      ...(opts.timeoutMs !== undefined && { timeout: opts.timeoutMs }),
      hooks: {
        beforeRequest: [
          async (request) => {
            if (opts.contentType) request.headers.set('Content-Type', opts.contentType);
            if (opts.accept) request.headers.set('Accept', opts.accept);
            if (!auth) return;
            const token = await o.getToken();
            if (token) request.headers.set('Authorization', `Bearer ${token}`);
          },
        ],
      },
    };
    try {
      // ky wants paths without a leading slash when `prefixUrl` is set.
      return await http(path.replace(/^\/+/, ''), options);
    } catch (e) {
      if (auth && e instanceof HTTPError && e.response.status === 401) {
        await o.onUnauthorized();
        throw new ApiError({ code: 'signed_out', status: 401, message: SESSION_EXPIRED_MESSAGE });
      }
      const error = await toProtocolError(e, base);
      if (error.code === 'password_change_required') await o.onPasswordChangeRequired?.();
      throw new ApiError(error);
    }
  }

  return {
    serverUrl: base,
    async json(method, path, schema, opts) {
      const response = await call(method, path, opts);
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        // A 2xx that is not JSON: the URL points at some other web server.
        throw new ApiError({ code: 'server_url', status: response.status, message: NOT_MAILROOM_MESSAGE });
      }
      const parsed = schema.safeParse(body);
      if (!parsed.success) throw new ApiError(await toProtocolError(parsed.error, base));
      return parsed.data;
    },
    async send(method, path, opts) {
      const response = await call(method, path, opts);
      // Drain the body so the connection can be reused.
      await response.arrayBuffer().catch(() => undefined);
    },
    async text(method, path, opts) {
      const response = await call(method, path, opts);
      try {
        return await response.text();
      } catch (e) {
        throw new ApiError(await toProtocolError(e, base));
      }
    },
    async *ndjson(method, path, schema, opts) {
      const response = await call(method, path, opts);
      if (!response.body) return;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffered = '';
      const parse = async (line: string) => {
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch {
          throw new ApiError({ code: 'server_url', status: response.status, message: NOT_MAILROOM_MESSAGE });
        }
        const parsed = schema.safeParse(value);
        if (!parsed.success) throw new ApiError(await toProtocolError(parsed.error, base));
        return parsed.data as z.infer<typeof schema>;
      };
      try {
        for (;;) {
          let chunk: ReadableStreamReadResult<string>;
          try {
            chunk = await reader.read();
          } catch (e) {
            // The connection broke mid-answer (server stopped, network gone).
            throw new ApiError(await toProtocolError(e, base));
          }
          if (chunk.done) break;
          buffered += chunk.value;
          let newline: number;
          while ((newline = buffered.indexOf('\n')) >= 0) {
            const line = buffered.slice(0, newline).trim();
            buffered = buffered.slice(newline + 1);
            if (line) yield await parse(line);
          }
        }
        if (buffered.trim()) yield await parse(buffered.trim());
      } finally {
        // Also when the reader stopped early: the rest of the answer is not wanted.
        await reader.cancel().catch(() => undefined);
      }
    },
  };
}
