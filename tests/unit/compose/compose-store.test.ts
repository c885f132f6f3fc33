import { createTestingPinia } from '@pinia/testing';
import { setActivePinia } from 'pinia';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { send } from '@/messaging/client';
import { useComposeStore } from '@/stores/compose';
import { setNativeSignaturePolicy } from '@/utils/signature-prefs';
import { callsOf, defaultHandlers, mockSend, renderedHtmlFor, sales, signedIn, support, type Handlers } from './api-mock';
import { FakeCompose } from './fake-compose';

vi.mock('@/messaging/client', () => ({ send: vi.fn() }));

function freshStore() {
  setActivePinia(createTestingPinia({ createSpy: vi.fn, stubActions: false }));
  return useComposeStore();
}

/** A promise the test resolves by hand, to order answers. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const bothFroms = ['ana@gmail.test', 'sales@acme.test', 'support@acme.test'];
let handlers: Handlers;

beforeEach(() => {
  fakeBrowser.reset();
  document.body.innerHTML = '';
  handlers = defaultHandlers();
  mockSend(send, handlers);
});

describe('a new compose', () => {
  it('gets the default account, its "From" alias and its default signature, once and sanitized', async () => {
    const store = freshStore();
    const compose = new FakeCompose({ from: 'ana@gmail.test', fromChoices: bothFroms, body: '<div>Hello</div>' });
    await store.attach(compose);

    const state = store.composes[compose.id]!;
    expect(state).toMatchObject({ status: 'ready', accountId: sales.id, signatureId: 'sig-sales-1' });
    expect(compose.from).toBe('sales@acme.test');
    expect(compose.markers()).toEqual(['sig-sales-1']);
    expect(compose.outline()).toEqual(['text:Hello', 'sig:sig-sales-1']);
    const inserted = compose.body.lastElementChild!.innerHTML;
    expect(inserted).toContain('sig-sales-1 for Ana');
    expect(inserted).toContain('src="https://cdn.acme.test/logo.png"');
    expect(inserted).not.toContain('onerror');
  });

  it('leaves "From" alone when Gmail offers no alias for the account', async () => {
    const store = freshStore();
    const compose = new FakeCompose({ from: 'ana@gmail.test', fromChoices: ['ana@gmail.test'] });
    await store.attach(compose);
    expect(compose.setFromCalls).toEqual([]);
    expect(compose.from).toBe('ana@gmail.test');
    expect(compose.markers()).toEqual(['sig-sales-1']);
  });

  it('inserts nothing when the account has no default signature', async () => {
    handlers['accounts.mine'] = () => [{ ...sales, myAccess: { ...sales.myAccess!, defaultSignatureId: null } }];
    const store = freshStore();
    const compose = new FakeCompose();
    await store.attach(compose);
    expect(store.composes[compose.id]).toMatchObject({ status: 'ready', accountId: sales.id, signatureId: null });
    expect(compose.markers()).toEqual([]);
    expect(callsOf(send, 'signatures.rendered')).toEqual([]);
  });

  it('ignores inactive accounts and falls back to the first usable one without a default', async () => {
    handlers['accounts.mine'] = () => [
      { ...sales, active: false },
      { ...support, myAccess: { ...support.myAccess!, isDefault: false } },
    ];
    const store = freshStore();
    const compose = new FakeCompose();
    await store.attach(compose);
    expect(store.composes[compose.id]!.accountId).toBe(support.id);
    expect(store.accounts!.map((a) => a.id)).toEqual([support.id]);
  });
});

describe('never two signatures', () => {
  it('does not insert again when the same compose is detected again', async () => {
    const store = freshStore();
    const compose = new FakeCompose();
    await store.attach(compose);
    await store.attach(compose);
    expect(compose.markers()).toEqual(['sig-sales-1']);
    expect(compose.signatureCalls).toHaveLength(1);
  });

  it('does not insert when the body already holds our marker (page reload, reopened draft)', async () => {
    const first = freshStore();
    const compose = new FakeCompose({ kind: 'reply', from: 'support@acme.test', body: '<div>Hi</div><div class="gmail_quote">old</div>' });
    await first.attach(compose);
    expect(compose.markers()).toEqual(['sig-support-1']);

    // The content script starts again (extension reload): a new store meets the same body.
    const second = freshStore();
    await second.attach(compose);
    expect(compose.markers()).toEqual(['sig-support-1']);
    expect(compose.signatureCalls).toHaveLength(1);
    expect(second.composes[compose.id]).toMatchObject({ accountId: support.id, signatureId: 'sig-support-1' });
  });

  it('a saved draft without our marker gets nothing by itself (the marker may not survive a save), the menu still works', async () => {
    const store = freshStore();
    // The signature is in the saved HTML, its marker dropped by the save.
    const compose = new FakeCompose({
      kind: 'reply',
      from: 'ana@gmail.test',
      fromChoices: bothFroms,
      savedDraft: true,
      body: '<div>Hi</div><div><p>sig-sales-1 for Ana</p></div><div class="gmail_quote">q</div>',
    });
    await store.attach(compose);
    expect(compose.signatureCalls).toEqual([]);
    expect(compose.setFromCalls).toEqual([]);
    expect(store.composes[compose.id]).toMatchObject({ status: 'ready', accountId: sales.id, signatureId: null });
    await store.chooseSignature(compose.id, 'sig-sales-2');
    expect(compose.markers()).toEqual(['sig-sales-2']);
  });

  it('attaches concurrently detected copies of one compose once', async () => {
    const store = freshStore();
    const compose = new FakeCompose();
    await Promise.all([store.attach(compose), store.attach(compose)]);
    expect(compose.markers()).toEqual(['sig-sales-1']);
    expect(compose.signatureCalls).toHaveLength(1);
  });
});

describe('reply and forward', () => {
  it.each(['reply', 'forward'] as const)('%s: uses the account Gmail chose as "From" and signs above the quote', async (kind) => {
    const store = freshStore();
    const compose = new FakeCompose({
      kind,
      from: 'support@acme.test',
      fromChoices: bothFroms,
      body: '<div>Thanks!</div><div class="gmail_quote">On Monday Bob wrote: ...</div>',
    });
    await store.attach(compose);
    expect(store.composes[compose.id]!.accountId).toBe(support.id);
    expect(compose.setFromCalls).toEqual([]);
    expect(compose.outline()).toEqual(['text:Thanks!', 'sig:sig-support-1', 'quote']);
  });

  it('falls back to the default account when "From" matches none of the user\'s accounts', async () => {
    const store = freshStore();
    const compose = new FakeCompose({ kind: 'reply', from: 'ana@gmail.test', fromChoices: bothFroms, body: '<div class="gmail_quote">q</div>' });
    await store.attach(compose);
    expect(store.composes[compose.id]!.accountId).toBe(sales.id);
    expect(compose.from).toBe('sales@acme.test');
    expect(compose.outline()).toEqual(['sig:sig-sales-1', 'quote']);
  });
});

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
      if (id === 'sig-support-1') throw new Error('The server is unreachable.');
      return { id, html: renderedHtmlFor(id), warnings: [] };
    };
    const store = freshStore();
    const compose = new FakeCompose({ fromChoices: bothFroms });
    await store.attach(compose);
    await store.chooseAccount(compose.id, support.id);
    expect(compose.markers()).toEqual([]);
    expect(store.composes[compose.id]).toMatchObject({ accountId: support.id, signatureId: null, error: 'The server is unreachable.' });
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

describe('when Mailroom cannot help', () => {
  it('signed out: controls unavailable, nothing inserted, no API call made', async () => {
    handlers['session.get'] = () => ({ status: 'signed-out', serverUrl: signedIn.serverUrl });
    // Any call but session.get now rejects and would fail the set-up.
    delete handlers['accounts.mine'];
    delete handlers['signatures.list'];
    delete handlers['signatures.rendered'];
    const store = freshStore();
    const compose = new FakeCompose({ body: '<div>Hi</div>' });
    await store.attach(compose);
    expect(store.composes[compose.id]).toMatchObject({ status: 'unavailable', unavailableReason: 'signed-out' });
    expect(compose.outline()).toEqual(['text:Hi']);
  });

  it('no usable account: unavailable, body untouched', async () => {
    handlers['accounts.mine'] = () => [];
    const store = freshStore();
    const compose = new FakeCompose({ body: '<div>Hi</div>' });
    await store.attach(compose);
    expect(store.composes[compose.id]).toMatchObject({ status: 'unavailable', unavailableReason: 'no-accounts' });
    expect(compose.signatureCalls).toEqual([]);
  });

  it('a failed account load shows its message and is retried by the next compose', async () => {
    let fail = true;
    handlers['accounts.mine'] = () => {
      if (fail) throw new Error('Mailroom is unreachable.');
      return [sales];
    };
    const store = freshStore();
    const first = new FakeCompose();
    await store.attach(first);
    expect(store.composes[first.id]).toMatchObject({ status: 'error', error: 'Mailroom is unreachable.' });
    fail = false;
    const second = new FakeCompose();
    await store.attach(second);
    expect(second.markers()).toEqual(['sig-sales-1']);
  });

  it('a compose closed before the answers arrive is left alone', async () => {
    const slow = deferred<void>();
    handlers['signatures.rendered'] = async ({ id }) => {
      await slow.promise;
      return { id, html: renderedHtmlFor(id), warnings: [] };
    };
    const store = freshStore();
    const compose = new FakeCompose();
    const attaching = store.attach(compose);
    await vi.waitFor(() => expect(callsOf(send, 'signatures.rendered')).toHaveLength(1));
    store.detach(compose.id);
    slow.resolve();
    await attaching;
    expect(compose.signatureCalls).toEqual([]);
    expect(store.composes[compose.id]).toBeUndefined();
  });
});

describe('caches', () => {
  it('another user signed in on the same page: their accounts and renderings, not the previous user\'s', async () => {
    const store = freshStore();
    const first = new FakeCompose();
    await store.attach(first);
    expect(first.body.textContent).toContain('sig-sales-1 for Ana');

    handlers['session.get'] = () => ({ ...signedIn, me: { ...signedIn.me, user: { ...signedIn.me.user, id: 'user-2' } } });
    handlers['accounts.mine'] = () => [sales];
    handlers['signatures.rendered'] = ({ id }) => ({ id, html: `<p>${id} for Bruno</p>`, warnings: [] });
    const second = new FakeCompose();
    await store.attach(second);
    expect(second.body.textContent).toContain('sig-sales-1 for Bruno');
    expect(store.accounts!.map((a) => a.id)).toEqual([sales.id]);
    expect(store.userId).toBe('user-2');
  });

  it('reloads the accounts for a compose opened a minute after the last load, not before', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2026-11-27T09:00:00Z'));
      const store = freshStore();
      await store.attach(new FakeCompose());
      vi.setSystemTime(new Date('2026-11-27T09:00:30Z'));
      await store.attach(new FakeCompose());
      expect(callsOf(send, 'accounts.mine')).toHaveLength(1);

      // Meanwhile the user's default signature on sales changed.
      handlers['accounts.mine'] = () => [{ ...sales, myAccess: { ...sales.myAccess!, defaultSignatureId: 'sig-sales-2' } }, support];
      vi.setSystemTime(new Date('2026-11-27T09:01:31Z'));
      const late = new FakeCompose();
      await store.attach(late);
      expect(callsOf(send, 'accounts.mine')).toHaveLength(2);
      expect(late.markers()).toEqual(['sig-sales-2']);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('"Write to"', () => {
  it('the next new compose gets the account asked for, and its signature', async () => {
    const store = freshStore();
    store.expectCompose({ accountId: support.id });
    const compose = new FakeCompose({ fromChoices: bothFroms });
    await store.attach(compose);
    expect(store.composes[compose.id]!.accountId).toBe(support.id);
    expect(compose.from).toBe('support@acme.test');
    expect(compose.markers()).toEqual(['sig-support-1']);
    // Used once: the compose after it gets the default account again.
    const after = new FakeCompose();
    await store.attach(after);
    expect(store.composes[after.id]!.accountId).toBe(sales.id);
  });
});
