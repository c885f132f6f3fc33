/** The compose store: when Mailroom cannot help, and what it caches (per user, for a minute). */
import { describe, expect, it, vi } from 'vitest';
import { ProtocolRequestError, send } from '@/messaging/client';
import { callsOf, defaultHandlers, renderedHtmlFor, sales, signedIn, support } from './api-mock';
import { FakeCompose } from './fake-compose';
import { deferred, freshStore } from './store-harness';
import { answerFrom } from '../stores/api-handlers';

vi.mock('@/messaging/client', (original) => import('../stores/api-handlers').then((m) => m.clientWithSendMock(original)));

const handlers = answerFrom(send, defaultHandlers);

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
      if (fail) throw new ProtocolRequestError({ code: 'network', message: 'x', params: { url: 'http://localhost:8787' } });
      return [sales];
    };
    const store = freshStore();
    const first = new FakeCompose();
    await store.attach(first);
    expect(store.composes[first.id]).toMatchObject({ status: 'error', error: 'Cannot reach the Mailroom server at http://localhost:8787.' });
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
