/**
 * Data and a protocol mock for the compose tests: `send` answers only the messages a test set up
 * and rejects anything else, so an unexpected API call fails the test.
 */
import { vi } from 'vitest';
import type { EmailAccount, Signature } from '@/contract';
import type { MessageName, RequestOf, ResponseOf, SessionState } from '@/messaging/protocol';

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
    lastSyncAt: null, lastSyncError: null, createdAt: '2026-11-01T00:00:00.000Z',
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

type Handler<N extends MessageName> = (req: RequestOf<N>) => ResponseOf<N> | Promise<ResponseOf<N>>;
export type Handlers = { [N in MessageName]?: Handler<N> };

/** The usual signed-in user with two usable accounts (and one inactive). */
export function defaultHandlers(): Handlers {
  return {
    'session.get': () => signedIn,
    'accounts.mine': () => [sales, support, archived],
    'signatures.list': ({ accountId }) => signatures[accountId] ?? [],
    'signatures.rendered': ({ id }) => ({ id, html: renderedHtmlFor(id), warnings: [] }),
  };
}

/** Installs `handlers` as the implementation of the mocked `send`; returns the mock. */
export function mockSend(sendMock: unknown, handlers: Handlers) {
  const mock = sendMock as ReturnType<typeof vi.fn>;
  mock.mockReset();
  mock.mockImplementation(async (name: MessageName, req: unknown) => {
    const handler = handlers[name] as ((r: unknown) => unknown) | undefined;
    if (!handler) throw new Error(`Unexpected message in this test: ${name}`);
    return handler(req);
  });
  return mock;
}

/** Calls of one message name made through the mock. */
export function callsOf(sendMock: unknown, name: MessageName): unknown[] {
  return (sendMock as ReturnType<typeof vi.fn>).mock.calls.filter((c) => c[0] === name).map((c) => c[1]);
}
