/**
 * A stand-in for `send()` (messaging/client) in admin and signature tests: each test declares the
 * messages it expects; any other message rejects, so an unexpected API call fails the test.
 * Use with `vi.mock('@/messaging/client', () => import('../admin/mockApi'))`.
 */
import { vi } from 'vitest';
import type { EmailAccount, Signature, User } from '@/contract';
import type { MessageName, ProtocolError, RequestOf, ResponseOf } from '@/messaging/protocol';

const actual = await vi.importActual<typeof import('@/messaging/client')>('@/messaging/client');
export const ProtocolRequestError = actual.ProtocolRequestError;

type Handler<N extends MessageName> = (req: RequestOf<N>) => ResponseOf<N> | Promise<ResponseOf<N>>;
const handlers = new Map<MessageName, Handler<MessageName>>();
/** Every call, in order, for assertions on what was sent. */
export const calls: { name: MessageName; req: unknown }[] = [];

export async function send<N extends MessageName>(name: N, ...req: RequestOf<N> extends void ? [] : [RequestOf<N>]): Promise<ResponseOf<N>> {
  calls.push({ name, req: req[0] });
  const handler = handlers.get(name) as Handler<N> | undefined;
  if (!handler) throw new Error(`Unexpected message in test: ${name} ${JSON.stringify(req[0])}`);
  return handler(req[0] as RequestOf<N>);
}

export function on<N extends MessageName>(name: N, handler: Handler<N>): void {
  handlers.set(name, handler as unknown as Handler<MessageName>);
}

export function resetApi(): void {
  handlers.clear();
  calls.length = 0;
}

export function callsOf<N extends MessageName>(name: N): RequestOf<N>[] {
  return calls.filter((c) => c.name === name).map((c) => c.req as RequestOf<N>);
}

export function apiError(code: ProtocolError['code'], message: string, extra: Partial<ProtocolError> = {}) {
  return new ProtocolRequestError({ code, message, ...extra });
}

let seq = 0;
export function makeAccount(over: Partial<EmailAccount> = {}): EmailAccount {
  seq++;
  return {
    id: `acc-${seq}`,
    address: `box${seq}@example.com`,
    displayName: `Box ${seq}`,
    active: true,
    incoming: { protocol: 'imap', host: 'imap.example.com', port: 993, security: 'tls', username: `box${seq}@example.com`, hasPassword: true },
    outgoing: { host: 'smtp.example.com', port: 465, security: 'tls', username: `box${seq}@example.com`, hasPassword: true },
    userCount: 0,
    processedCount: 0,
    lastSyncAt: null,
    lastSyncError: null,
    sync: { state: 'idle', lastSyncAt: null, messages: 0, progress: null, lastError: null, lastErrorCode: null, lastErrorAt: null },
    createdAt: '2026-11-01T10:00:00.000Z',
    myAccess: null,
    ...over,
  };
}

export function makeUser(over: Partial<User> = {}): User {
  seq++;
  return {
    id: `user-${seq}`,
    email: `person${seq}@example.com`,
    role: 'member',
    firstName: 'Person',
    lastName: String(seq),
    fullName: `Person ${seq}`,
    jobTitle: null,
    phone: null,
    mobile: null,
    ...over,
  };
}

export function makeSignature(over: Partial<Signature> = {}): Signature {
  seq++;
  return {
    id: `sig-${seq}`,
    accountId: 'acc-1',
    name: `Signature ${seq}`,
    html: '<p>Hello</p>',
    position: 1,
    warnings: [],
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-01T10:00:00.000Z',
    ...over,
  };
}

/** A signed-in admin session with the given quota. */
export function sessionWithQuota(quota: number, activeAccounts = 0): ResponseOf<'session.get'> {
  return {
    status: 'signed-in',
    serverUrl: 'http://127.0.0.1:1',
    me: {
      user: makeUser({ role: 'admin', firstName: 'Ada', lastName: 'Admin', fullName: 'Ada Admin', email: 'ada@example.com' }),
      org: { id: 'org-1', name: 'Example', quota, activeAccounts },
    },
  };
}
