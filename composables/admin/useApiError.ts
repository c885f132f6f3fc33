/**
 * Turns a rejected `send()` into what the admin reads: the message for the error code in the UI
 * language, else the API's own message (a person-readable sentence for every 4xx), else a generic
 * line. Field errors (`error.fields`, keyed by path such as `incoming.port`) are kept for forms.
 */
import { ProtocolRequestError } from '@/messaging/client';
import type { ProtocolError } from '@/messaging/protocol';
import { locale, t } from '@/utils/i18n';
import '@/locales/admin';

export function toProtocolError(e: unknown): ProtocolError {
  if (e instanceof ProtocolRequestError) return e.error;
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) return e as ProtocolError;
  return { code: 'internal', message: String((e as Error)?.message ?? e) };
}

/** Codes whose meaning depends on the screen: the caller passes its own sentence for them. */
export function errorMessage(e: unknown, overrides: Partial<Record<ProtocolError['code'], string>> = {}): string {
  const err = toProtocolError(e);
  const override = overrides[err.code];
  if (override) return override;
  const key = `admin.error.${err.code}`;
  const own = t(key);
  // The API's English sentence is more precise than our generic one; in French ours wins.
  if (locale.value === 'en' && err.message && err.code !== 'internal' && err.code !== 'network') return err.message;
  if (own !== key) return own;
  return err.message || t('admin.error.internal');
}

/**
 * Messages per field path. For the paths the account form knows we use our own sentence in both
 * languages (the contract shares one host message between IMAP and SMTP, "like imap.example.com");
 * any other path keeps the API's message.
 */
export function fieldErrors(e: unknown): Record<string, string> {
  const err = toProtocolError(e);
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(err.fields ?? {})) {
    const key = `admin.field.${path}`;
    const own = t(key);
    out[path] = own !== key ? own : message;
  }
  return out;
}
