/**
 * Data for the compose tests and the API's usual answers to them. The mock itself (`send`
 * answers only what the table has, anything else rejects) is in ../stores/api-handlers.ts.
 */
import type { EmailAccount, Signature } from '@/contract';
import type { RequestOf, SessionState } from '@/messaging/protocol';
import { publishSanitizer } from '@/utils/page-sanitizer';
import { getNativeSignaturePolicy, setNativeSignaturePolicy } from '@/utils/signature-prefs';
import { sanitizeHtml } from '@/utils/sanitize';
import type { Handlers } from '../stores/api-handlers';

export { callsOf, mockSend, type Handlers } from '../stores/api-handlers';

export const userId = 'user-1';

export const signedIn: Extract<SessionState, { status: 'signed-in' }> = {
  status: 'signed-in',
  serverUrl: 'http://localhost:8787',
  me: {
    user: {
      id: userId, email: 'ana@acme.test', role: 'member', firstName: 'Ana', lastName: 'Silva',
      fullName: 'Ana Silva', jobTitle: null, phone: null, mobile: null,
    },
    org: { id: 'org-1', name: 'Acme', quota: 5, activeAccounts: 2 },
  },
};

function account(id: string, address: string, isDefault: boolean, defaultSignatureId: string | null, active = true): EmailAccount {
  return {
    id, address, displayName: address, active, incoming: null, outgoing: null, userCount: 2, processedCount: 0,
    lastSyncAt: null, lastSyncError: null,
    sync: { state: 'idle', lastSyncAt: null, messages: 0, progress: null, lastError: null, lastErrorCode: null, lastErrorAt: null }, createdAt: '2026-11-01T00:00:00.000Z',
    myAccess: { isDefault, defaultSignatureId, expiresAt: null },
  };
}

export const sales = account('acc-sales', 'sales@acme.test', true, 'sig-sales-1');
export const support = account('acc-support', 'Support@Acme.test', false, 'sig-support-1');
export const archived = account('acc-old', 'old@acme.test', false, 'sig-old', false);

function signature(id: string, accountId: string, position: number): Signature {
  return {
    id, accountId, name: id, html: `<p>${id}</p>`, position, warnings: [],
    createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z',
  };
}
export const signatures: Record<string, Signature[]> = {
  [sales.id]: [signature('sig-sales-2', sales.id, 2), signature('sig-sales-1', sales.id, 1)],
  [support.id]: [signature('sig-support-1', support.id, 1)],
};

/** What the API renders for the user: marked per signature, with something to sanitize away. */
export function renderedHtmlFor(id: string): string {
  return `<p>${id} for Ana</p><img src="https://cdn.acme.test/logo.png" onerror="alert(1)">`;
}

/**
 * The background's answer to the UI's first sanitizing need: `mail-sanitizer.js` run in this page
 * (entrypoints/mail-sanitizer.ts), the one configuration on the page's window.
 */
export function injectSanitizer({ script }: RequestOf<'page.inject'>): void {
  if (script !== 'mail-sanitizer') throw new Error(`Unexpected script in this test: ${script}`);
  publishSanitizer((html) => sanitizeHtml(html));
}

/** The usual signed-in user with two usable accounts (and one inactive). */
export function defaultHandlers(): Handlers {
  return {
    'session.get': () => signedIn,
    'accounts.mine': () => [sales, support, archived],
    'signatures.list': ({ accountId }) => signatures[accountId] ?? [],
    'signatures.rendered': ({ id }) => ({ id, html: renderedHtmlFor(id), warnings: [] }),
    'page.inject': injectSanitizer,
    // The background's own answers, on the fake browser's storage.
    'prefs.nativeSignature.get': () => getNativeSignaturePolicy(),
    'prefs.nativeSignature.set': ({ policy }) => setNativeSignaturePolicy(policy),
  };
}
