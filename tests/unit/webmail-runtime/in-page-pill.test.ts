import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createPill as create, type Pill } from '@/components/common/in-page-pill';
import { meAlice } from '../background/samples';
import { sendMock, sent } from '../stores/mock-send';

vi.mock('@/messaging/client', (original) => import('../stores/mock-send').then((m) => m.mockedClient(original)));

beforeEach(() => {
  fakeBrowser.reset();
  sendMock.reset();
  document.body.innerHTML = '';
});

// Every pill listens for session broadcasts: each test removes the ones it made.
const made: Pill[] = [];
const createPill = (...args: Parameters<typeof create>) => {
  const pill = create(...args);
  made.push(pill);
  return pill;
};
afterEach(() => made.splice(0).forEach((p) => p.destroy()));

const signedIn = { status: 'signed-in' as const, serverUrl: 'http://localhost:8787', me: meAlice };
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('in-page pill', () => {
  it('has an accessible name in the UI language, shows the signed-in state and asks for the side panel', async () => {
    sendMock.on('session.get', () => signedIn);
    sendMock.on('ui.openSidePanel', () => undefined);
    const pill = createPill(document, 'fr');
    document.body.append(pill.button);
    await settle();
    expect(pill.button.getAttribute('aria-label')).toBe('Ouvrir le panneau latéral Mailroom');
    expect(pill.button.dataset.state).toBe('signed-in');
    expect(pill.button.title).toBe('Session\u00a0: alice@demo.test');
    pill.button.click();
    expect(sent.map((s) => s.name)).toEqual(['session.get', 'ui.openSidePanel']);
  });

  it('says when not signed in, and follows a sign-in made elsewhere without a reload', async () => {
    sendMock.on('session.get', () => ({ status: 'signed-out', serverUrl: 'http://localhost:8787' }));
    const pill = createPill(document, 'en');
    await settle();
    expect(pill.button.dataset.state).toBe('signed-out');
    expect(pill.button.title).toBe('Not signed in to Mailroom');
    expect(pill.button.textContent).toBe('Mailroom');

    sendMock.on('session.get', () => signedIn);
    await fakeBrowser.runtime.onMessage.trigger({ broadcast: 'session.changed' }, {});
    await settle();
    expect(pill.button.dataset.state).toBe('signed-in');
    expect(pill.button.title).toBe('Signed in as alice@demo.test');
  });

  it('says when the extension cannot answer, and stops listening once removed', async () => {
    sendMock.fail('session.get', { code: 'network', message: 'down' });
    const pill = createPill(document, 'en');
    document.body.append(pill.button);
    await settle();
    expect(pill.button.dataset.state).toBe('unreachable');
    expect(pill.button.title).toBe('Mailroom cannot be reached');

    pill.destroy();
    const before = sent.length;
    await fakeBrowser.runtime.onMessage.trigger({ broadcast: 'session.changed' }, {});
    await settle();
    expect(sent.length).toBe(before);
    expect(document.body.contains(pill.button)).toBe(false);
  });
});
