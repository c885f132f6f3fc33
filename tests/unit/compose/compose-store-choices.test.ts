/** The compose store: the user's choices in a compose (signature menu, account, Gmail "From", Gmail's own signature). */
import { describe, expect, it, vi } from 'vitest';
import { ProtocolRequestError, send } from '@/messaging/client';
import { setNativeSignaturePolicy } from '@/utils/signature-prefs';
import { callsOf, defaultHandlers, renderedHtmlFor, sales, support } from './api-mock';
import { FakeCompose } from './fake-compose';
import { bothFroms, deferred, freshStore } from './store-harness';
import { answerFrom } from '../stores/api-handlers';

vi.mock('@/messaging/client', (original) => import('../stores/api-handlers').then((m) => m.clientWithSendMock(original)));

const handlers = answerFrom(send, defaultHandlers);

describe('the "Signature" menu', () => {
  it('replaces our signature in place, leaving the typed text around it untouched', async () => {
    const store = freshStore();
    const compose = new FakeCompose({ kind: 'reply', body: '<div>Dear Bob,</div><div class="gmail_quote">q</div>' });
    await store.attach(compose);
    compose.body.insertAdjacentHTML('afterbegin', '<div>P.S.</div>');
    await store.chooseSignature(compose.id, 'sig-sales-2');
    expect(compose.outline()).toEqual(['text:P.S.', 'text:Dear Bob,', 'sig:sig-sales-2', 'quote']);
    expect(store.composes[compose.id]!.signatureId).toBe('sig-sales-2');
  });

  it('"No signature" removes ours, and an account change then keeps none', async () => {
    const store = freshStore();
    const compose = new FakeCompose({ fromChoices: bothFroms, body: '<div>Hi</div>' });
    await store.attach(compose);
    await store.chooseSignature(compose.id, null);
    expect(compose.outline()).toEqual(['text:Hi']);
    await store.chooseAccount(compose.id, support.id);
    expect(compose.markers()).toEqual([]);
    expect(compose.from).toBe('support@acme.test');
    // Choosing a signature again ends the "none" choice.
    await store.chooseSignature(compose.id, 'sig-support-1');
    expect(compose.markers()).toEqual(['sig-support-1']);
  });

  it('lists the account\'s signatures in position order', async () => {
    const store = freshStore();
    const list = await store.loadSignatures(sales.id);
    expect(list.map((s) => s.id)).toEqual(['sig-sales-1', 'sig-sales-2']);
    expect(store.signaturesByAccount[sales.id]).toHaveLength(2);
  });
});

describe('account ↔ "From"', () => {
  it('choosing an account selects its alias and swaps the signature in place', async () => {
    const store = freshStore();
    const compose = new FakeCompose({ from: 'ana@gmail.test', fromChoices: bothFroms, body: '<div>Hi</div><div>Bye</div>' });
    await store.attach(compose);
    // Put the signature between the two lines, as if the user had typed after it.
    compose.body.append(compose.body.children[1]!);
    expect(compose.outline()).toEqual(['text:Hi', 'sig:sig-sales-1', 'text:Bye']);

    await store.chooseAccount(compose.id, support.id);
    expect(compose.from).toBe('support@acme.test');
    expect(compose.outline()).toEqual(['text:Hi', 'sig:sig-support-1', 'text:Bye']);
  });

  it('picking a "From" in Gmail selects the matching account and its signature', async () => {
    const store = freshStore();
    const compose = new FakeCompose({ fromChoices: bothFroms });
    await store.attach(compose);
    await store.fromChanged(compose.id, 'SUPPORT@acme.test');
    expect(store.composes[compose.id]!.accountId).toBe(support.id);
    expect(compose.markers()).toEqual(['sig-support-1']);
  });

  it('a "From" that matches no account leaves the account and signature alone', async () => {
    const store = freshStore();
    const compose = new FakeCompose({ fromChoices: bothFroms });
    await store.attach(compose);
    await store.fromChanged(compose.id, 'ana@gmail.test');
    expect(store.composes[compose.id]).toMatchObject({ accountId: sales.id, signatureId: 'sig-sales-1' });
    expect(compose.signatureCalls).toHaveLength(1);
  });

  it('a swap back uses the cached rendering: one API call per (signature, user)', async () => {
    const store = freshStore();
    const compose = new FakeCompose({ fromChoices: bothFroms });
    await store.attach(compose);
    await store.chooseAccount(compose.id, support.id);
    await store.chooseAccount(compose.id, sales.id);
    await store.chooseAccount(compose.id, support.id);
    expect(compose.markers()).toEqual(['sig-support-1']);
    expect(callsOf(send, 'signatures.rendered')).toEqual([{ id: 'sig-sales-1' }, { id: 'sig-support-1' }]);
    // A second compose on the same page reuses the cache too.
    const other = new FakeCompose();
    await store.attach(other);
    expect(callsOf(send, 'signatures.rendered')).toHaveLength(2);
    expect(other.markers()).toEqual(['sig-sales-1']);
  });

  it('the other accounts\' defaults are fetched ahead: even the first swap makes no API call', async () => {
    const store = freshStore();
    const compose = new FakeCompose({ fromChoices: bothFroms });
    await store.attach(compose);
    await vi.waitFor(() => expect(callsOf(send, 'signatures.rendered')).toEqual([{ id: 'sig-sales-1' }, { id: 'sig-support-1' }]));
    await vi.waitFor(() => expect(store.signaturesByAccount[support.id]).toHaveLength(1));
    const before = vi.mocked(send).mock.calls.length;
    await store.chooseAccount(compose.id, support.id);
    expect(compose.markers()).toEqual(['sig-support-1']);
    expect(vi.mocked(send).mock.calls.length).toBe(before);
  });

  it('a late answer for an account the user has left never lands', async () => {
    const slow = deferred<void>();
    handlers['signatures.rendered'] = async ({ id }) => {
      if (id === 'sig-support-1') await slow.promise;
      return { id, html: renderedHtmlFor(id), warnings: [] };
    };
    const store = freshStore();
    const compose = new FakeCompose({ fromChoices: bothFroms });
    await store.attach(compose);
    // Gmail's "From" goes to support (its rendering is slow), then the user picks sales again.
    const toSupport = store.fromChanged(compose.id, 'support@acme.test');
    await store.chooseAccount(compose.id, sales.id);
    slow.resolve();
    await toSupport;
    expect(store.composes[compose.id]!.accountId).toBe(sales.id);
    expect(compose.markers()).toEqual(['sig-sales-1']);
  });

  it('removes the old account\'s signature when the new one cannot be rendered', async () => {
    handlers['signatures.rendered'] = ({ id }) => {
      if (id === 'sig-support-1') throw new ProtocolRequestError({ code: 'network', message: 'x', params: { url: 'http://localhost:8787' } });
      return { id, html: renderedHtmlFor(id), warnings: [] };
    };
    const store = freshStore();
    const compose = new FakeCompose({ fromChoices: bothFroms });
    await store.attach(compose);
    await store.chooseAccount(compose.id, support.id);
    expect(compose.markers()).toEqual([]);
    expect(store.composes[compose.id]).toMatchObject({ accountId: support.id, signatureId: null, error: 'Cannot reach the Mailroom server at http://localhost:8787.' });
  });
});

describe("Gmail's own signature", () => {
  const withNative = '<div>Hi</div><div class="gmail_signature">Ana, personal</div>';

  it('is replaced by default', async () => {
    const store = freshStore();
    const compose = new FakeCompose({ body: withNative });
    await store.attach(compose);
    expect(compose.outline()).toEqual(['text:Hi', 'sig:sig-sales-1']);
  });

  it('is kept, with none of ours, when the user chose "keep"; an explicit choice then replaces it', async () => {
    await setNativeSignaturePolicy('keep');
    const store = freshStore();
    const compose = new FakeCompose({ fromChoices: bothFroms, body: withNative });
    await store.attach(compose);
    expect(compose.outline()).toEqual(['text:Hi', 'native']);
    expect(store.composes[compose.id]).toMatchObject({ nativeKept: true, signatureId: null });
    // An account change keeps Gmail's block too: still one signature.
    await store.chooseAccount(compose.id, support.id);
    expect(compose.outline()).toEqual(['text:Hi', 'native']);

    await store.chooseSignature(compose.id, 'sig-support-1');
    expect(compose.outline()).toEqual(['text:Hi', 'sig:sig-support-1']);
  });

  it('switching the setting to "replace" on a compose swaps the kept block for ours', async () => {
    await setNativeSignaturePolicy('keep');
    const store = freshStore();
    const compose = new FakeCompose({ body: withNative });
    await store.attach(compose);
    await store.setNativePolicy('replace', compose.id);
    expect(compose.outline()).toEqual(['text:Hi', 'sig:sig-sales-1']);
    // Saved for the next composes.
    const next = new FakeCompose({ body: withNative });
    await freshStore().attach(next);
    expect(next.outline()).toEqual(['text:Hi', 'sig:sig-sales-1']);
  });
});
