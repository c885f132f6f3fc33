/**
 * A protocol mock driven by a table of handlers, for tests that mock `send` with `vi.fn()`: the
 * mocked `send` answers only the messages the table has and rejects anything else, so an
 * unexpected call fails the test. (tests/unit/stores/mock-send.ts is the other style, with
 * replies declared one by one.)
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, vi } from 'vitest';
import type { MessageName, RequestOf, ResponseOf } from '@/messaging/protocol';
import { locale } from '@/utils/i18n';

type Handler<N extends MessageName> = (req: RequestOf<N>) => ResponseOf<N> | Promise<ResponseOf<N>>;
export type Handlers = { [N in MessageName]?: Handler<N> };

/**
 * A `vi.mock('@/messaging/client', …)` factory: the real module with `send` a bare `vi.fn()` for
 * `answerFrom` to drive. A test file mocks the client with
 * `vi.mock('@/messaging/client', (original) => import('../stores/api-handlers').then((m) => m.clientWithSendMock(original)))`
 * (the factory is hoisted above the imports, so it can only reach this module by a dynamic import).
 */
export async function clientWithSendMock(importOriginal: <T>() => Promise<T>) {
  return { ...(await importOriginal<typeof import('@/messaging/client')>()), send: vi.fn() };
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

/** The requests of one message name made through the mock, in order. */
export function callsOf<N extends MessageName>(sendMock: unknown, name: N): RequestOf<N>[] {
  return (sendMock as ReturnType<typeof vi.fn>).mock.calls.filter((c) => c[0] === name).map((c) => c[1] as RequestOf<N>);
}

/**
 * Before each test of the file: an empty fake browser and page, English, and the mocked `send`
 * answering from a fresh copy of `defaults()`. Returns that table: the same object in every test,
 * refilled before each, so a test changes or deletes entries to shape the API it talks to.
 */
export function answerFrom(sendMock: unknown, defaults: () => Handlers): Handlers {
  const handlers: Handlers = {};
  beforeEach(() => {
    fakeBrowser.reset();
    document.body.innerHTML = '';
    locale.value = 'en';
    for (const name of Object.keys(handlers) as MessageName[]) delete handlers[name];
    Object.assign(handlers, defaults());
    mockSend(sendMock, handlers);
  });
  return handlers;
}
