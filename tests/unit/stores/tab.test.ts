import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { useTabStore } from '@/stores/tab';
import { sendMock } from './mock-send';
import { resetBeforeEach } from './reset';

vi.mock('@/messaging/client', (original) => import('./mock-send').then((m) => m.mockedClient(original)));

resetBeforeEach();

describe('tab store', () => {
  it('follows the active webmail tab on each tab.changed broadcast', async () => {
    let subject = 'First';
    sendMock.on('tab.active', () => ({ tabId: 3, provider: 'gmail', conversation: { subject, messages: [] } }));
    const tab = useTabStore();
    tab.follow();
    await tab.load();
    expect(tab.current?.conversation?.subject).toBe('First');
    subject = 'Second';
    await fakeBrowser.runtime.sendMessage({ broadcast: 'tab.changed' });
    await vi.waitFor(() => expect(tab.current?.conversation?.subject).toBe('Second'));
  });

  it('ignores other broadcasts', async () => {
    sendMock.on('tab.active', () => undefined);
    const tab = useTabStore();
    tab.follow();
    await fakeBrowser.runtime.sendMessage({ broadcast: 'session.changed' });
    expect(tab.loaded).toBe(false);
  });
});
