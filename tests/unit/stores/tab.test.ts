import { createTestingPinia } from '@pinia/testing';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { useTabStore } from '@/stores/tab';
import { sendMock } from './mock-send';

vi.mock('@/messaging/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/messaging/client')>();
  const { sendMock } = await import('./mock-send');
  sendMock.errorClass = real.ProtocolRequestError;
  return { ...real, send: sendMock.send };
});

beforeEach(() => {
  fakeBrowser.reset();
  sendMock.reset();
  createTestingPinia({ createSpy: vi.fn, stubActions: false });
});

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
