/**
 * The one way for pages and content scripts to reach the background. Rejects with a
 * `ProtocolRequestError` carrying the error's code (the API's or the extension's own), which the
 * page turns into text with `errorMessage()` (composables/useErrorMessage.ts).
 */
import type { Envelope, MessageName, ProtocolError, Reply, RequestOf, ResponseOf } from './protocol';

export class ProtocolRequestError extends Error {
  constructor(readonly error: ProtocolError) {
    super(error.message);
    this.name = 'ProtocolRequestError';
  }
  get code() {
    return this.error.code;
  }
}

export async function send<N extends MessageName>(
  name: N,
  ...req: RequestOf<N> extends void ? [] : [RequestOf<N>]
): Promise<ResponseOf<N>> {
  const envelope = { name, req: req[0] } as Envelope<N>;
  let reply: Reply<N> | undefined;
  try {
    reply = (await browser.runtime.sendMessage(envelope)) as Reply<N> | undefined;
  } catch (e) {
    // The background is being restarted (extension update) or the context was invalidated: not
    // the server's fault, and a reload of the page is what helps.
    throw new ProtocolRequestError({ code: 'extension_unreachable', message: String((e as Error)?.message ?? e) });
  }
  if (!reply) throw new ProtocolRequestError({ code: 'internal', message: `No handler for ${name}` });
  if (!reply.ok) throw new ProtocolRequestError(reply.error);
  return reply.res;
}
