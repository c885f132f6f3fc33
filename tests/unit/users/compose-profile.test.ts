/** Signatures rendered in composes follow the user's profile: a saved profile makes the cache stale. */
import { describe, expect, it, vi } from 'vitest';
import { send } from '@/messaging/client';
import { callsOf, defaultHandlers } from '../compose/api-mock';
import { FakeCompose } from '../compose/fake-compose';
import { freshStore } from '../compose/store-harness';
import { answerFrom } from '../stores/api-handlers';

vi.mock('@/messaging/client', (original) => import('../stores/api-handlers').then((m) => m.clientWithSendMock(original)));

answerFrom(send, defaultHandlers);

describe('profile changes and rendered signatures', () => {
  it('after profile.changed the next compose renders its signature afresh', async () => {
    const store = freshStore();
    await store.attach(new FakeCompose());
    await vi.waitFor(() => expect(callsOf(send, 'signatures.rendered').length).toBeGreaterThan(0));
    const second = new FakeCompose();
    await store.attach(second);
    const cached = callsOf(send, 'signatures.rendered').filter((r) => r.id === 'sig-sales-1');
    expect(cached).toHaveLength(1);

    store.profileChanged();
    const third = new FakeCompose();
    await store.attach(third);
    expect(callsOf(send, 'signatures.rendered').filter((r) => r.id === 'sig-sales-1')).toHaveLength(2);
    expect(third.markers()).toEqual(['sig-sales-1']);
  });
});
