/**
 * The one place an error becomes what a person reads, on every page (popup, side panel, options
 * and admin console, in-page UI): by its code, through the locales (locales/errors.ts), in the UI
 * language. The API's own English sentence is shown only for a code we have no text for (a newer
 * server), and a field's for a field path we do not know.
 */
import { limits } from '@/contract/limits';
import type { ProtocolError, ProtocolErrorCode } from '@/messaging/protocol';
import { hasMessage } from '@/locales/catalog';
import { locale, t } from '@/utils/i18n';
import '@/locales/errors';

/** Sentences a screen gives for codes whose meaning is its own (a 401 on the sign-in form...). */
export type ErrorOverrides = Partial<Record<ProtocolErrorCode, string>>;

const isProtocolError = (v: unknown): v is ProtocolError =>
  typeof v === 'object' && v !== null && typeof (v as ProtocolError).code === 'string' && typeof (v as ProtocolError).message === 'string';

/**
 * Whatever a call threw, as the protocol's error: a `ProtocolRequestError` from `send()` (read by
 * shape, not class, so a queue item's stored error reads the same), the error itself; anything
 * else is unexpected (and logged).
 */
export function protocolError(e: unknown): ProtocolError {
  const carried = (e as { error?: unknown } | null)?.error;
  if (isProtocolError(carried)) return carried;
  if (isProtocolError(e)) return e;
  console.error('[mailroom] unexpected error', e);
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
}

/** `errors.<key>` when the catalogue has it. */
function known(key: string): string | undefined {
  const full = `errors.${key}`;
  return hasMessage(locale.value, full) ? full : undefined;
}

/** The message under a field, by its path; `emails.0` falls back to `emails`. */
function fieldKey(path: string): string | undefined {
  return known(`field.${path}`) ?? known(`field.${path.replace(/\.\d+(?=\.|$)/g, '')}`);
}

/** The catalogue key for `err` and the values its text names. */
function textOf(err: ProtocolError): { key: string; params?: Record<string, string | number> } | undefined {
  const params = err.params;
  switch (err.code) {
    case 'network':
      return { key: params?.url ? 'errors.network' : 'errors.networkNoAddress', params };
    case 'signed_out':
      // 401 from the API: a session that existed has ended; otherwise nobody signed in yet.
      return { key: err.status === 401 ? 'errors.sessionExpired' : 'errors.signed_out' };
    case 'server_url':
      // With a status the server answered, but not as Mailroom; without, the URL was malformed.
      return { key: err.status !== undefined ? 'errors.notMailroom' : 'errors.server_url' };
    case 'internal':
      return { key: params?.reference ? 'errors.internalWithReference' : 'errors.internal', params };
    case 'signature_limit':
      return { key: 'errors.signature_limit', params: { n: limits.signaturesPerAccount, ...params } };
    case 'unknown_merge_tag': {
      const tag = err.fields?.tag;
      return tag ? { key: 'errors.unknownMergeTagNamed', params: { tag: `{{${tag}}}` } } : { key: 'errors.unknown_merge_tag' };
    }
    case 'validation_failed': {
      // The first field we have a sentence for says more than "some information is not valid".
      const field = Object.keys(err.fields ?? {}).map(fieldKey).find((k) => k !== undefined);
      return { key: field ?? 'errors.validation_failed' };
    }
    default: {
      const key = known(err.code);
      return key ? { key, params } : undefined;
    }
  }
}

/**
 * What to show for a failure: the screen's own sentence for its code if it gave one, else ours
 * for the code, else the API's sentence, else a generic line.
 */
export function errorMessage(e: unknown, overrides: ErrorOverrides = {}): string {
  const err = protocolError(e);
  const override = overrides[err.code];
  if (override) return override;
  // A conflict names what it conflicts with ("Already in Mailroom: Dora Dup has the address…"),
  // which no generic line can: the API's sentence, written in English, for English readers.
  if (err.code === 'conflict' && err.message && locale.value === 'en') return err.message;
  const text = textOf(err);
  if (text) return t(text.key, text.params);
  return err.message || t('errors.internal');
}

/**
 * Messages per field path (`incoming.port`...), for forms: ours for the paths we know, the
 * API's for any other.
 */
export function fieldErrors(e: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(protocolError(e).fields ?? {})) {
    const key = fieldKey(path);
    out[path] = key ? t(key) : message;
  }
  return out;
}
