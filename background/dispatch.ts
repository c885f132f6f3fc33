/**
 * The `runtime.onMessage` listener. It answers protocol envelopes with a `Reply` (a Promise, as
 * WXT's fakeBrowser passes no `sendResponse`) and ignores anything else, such as broadcasts.
 */
import type { Browser } from 'wxt/browser';
import { toProtocolError } from '@/api/errors';
import type { Envelope, MessageName, Reply } from '@/messaging/protocol';
import type { Handler, Handlers } from './handlers';

export function isEnvelope(message: unknown): message is Envelope {
  return typeof message === 'object' && message !== null && typeof (message as { name?: unknown }).name === 'string';
}

export function createDispatcher(handlers: Handlers, serverUrl: () => Promise<string>) {
  async function dispatch<N extends MessageName>(env: Envelope<N>, sender: Browser.runtime.MessageSender): Promise<Reply<N>> {
    const handler = (handlers as unknown as Record<string, Handler<N> | undefined>)[env.name];
    if (!handler) return { ok: false, error: { code: 'internal', message: `Unknown message "${env.name}".` } };
    try {
      return { ok: true, res: await handler(env.req, sender) };
    } catch (e) {
      return { ok: false, error: await toProtocolError(e, await serverUrl()) };
    }
  }

  /** Returns undefined (no answer) for non-envelopes, so other listeners may answer them. */
  return (message: unknown, sender: Browser.runtime.MessageSender): Promise<Reply> | undefined =>
    isEnvelope(message) ? dispatch(message, sender) : undefined;
}
