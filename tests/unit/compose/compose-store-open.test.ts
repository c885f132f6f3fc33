/** The compose store: setting up a compose that has just been found (account, "From", signature), once. */
import { describe, expect, it, vi } from 'vitest';
import { send } from '@/messaging/client';
import { callsOf, defaultHandlers, sales, support } from './api-mock';
import { FakeCompose } from './fake-compose';
import { bothFroms, freshStore } from './store-harness';
import { answerFrom } from '../stores/api-handlers';

vi.mock('@/messaging/client', (original) => import('../stores/api-handlers').then((m) => m.clientWithSendMock(original)));

const handlers = answerFrom(send, defaultHandlers);

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

describe('one accounts list per page', () => {
  it('a compose and filing on the same page make one accounts request, and pick by the same rule', async () => {
    const store = freshStore();
    const { useAccountsStore } = await import('@/stores/accounts');
    const { filingAccountId } = await import('@/stores/filing/account');
    const compose = new FakeCompose({ kind: 'reply', from: 'support@acme.test', fromChoices: bothFroms });
    const [, filingId] = await Promise.all([store.attach(compose), filingAccountId(useAccountsStore(), 'SUPPORT@acme.test')]);
    expect(callsOf(send, 'accounts.mine')).toHaveLength(1);
    expect(store.composes[compose.id]!.accountId).toBe(support.id);
    expect(filingId).toBe(support.id);
  });
});
