/**
 * A stand-in for `send()` from `messaging/client.ts`: a test declares the messages it expects
 * with `on(name, reply)`; any other message rejects, so a store that calls something the test
 * did not plan for fails loudly. Errors are thrown as the real client throws them.
 */
// Type-only import: this module is loaded from inside the `vi.mock` factory of that very module.
import type { ProtocolRequestError } from '@/messaging/client';
import type { MessageName, ProtocolError, RequestOf, ResponseOf } from '@/messaging/protocol';

type Reply<N extends MessageName> = (req: RequestOf<N>) => ResponseOf<N> | Promise<ResponseOf<N>>;

const replies = new Map<string, (req: unknown) => unknown>();
export const sent: { name: MessageName; req: unknown }[] = [];

export const sendMock = {
  /** The real error class, handed over by the `vi.mock` factory. */
  errorClass: undefined as undefined | (new (e: ProtocolError) => ProtocolRequestError),
  on<N extends MessageName>(name: N, reply: Reply<N>): void {
    replies.set(name, reply as (req: unknown) => unknown);
  },
  /** The next `name` rejects as the background would with this error. */
  fail(name: MessageName, error: ProtocolError): void {
    const ErrorClass = sendMock.errorClass;
    if (!ErrorClass) throw new Error('mock-send: the vi.mock factory did not run');
    replies.set(name, () => {
      throw new ErrorClass(error);
    });
  },
  reset(): void {
    replies.clear();
    sent.length = 0;
  },
  async send(name: MessageName, req?: unknown): Promise<unknown> {
    sent.push({ name, req });
    const reply = replies.get(name);
    if (!reply) throw new Error(`unexpected send("${name}") in this test`);
    return reply(req);
  },
};

/**
 * The `vi.mock('@/messaging/client', …)` factory: the real module with `send` replaced by
 * `sendMock.send`. A test file mocks the client with
 * `vi.mock('@/messaging/client', (original) => import('./mock-send').then((m) => m.mockedClient(original)))`
 * (the factory is hoisted above the imports, so it can only reach this module by a dynamic import).
 */
export async function mockedClient(importOriginal: <T>() => Promise<T>) {
  const real = await importOriginal<typeof import('@/messaging/client')>();
  sendMock.errorClass = real.ProtocolRequestError;
  return { ...real, send: sendMock.send };
}
