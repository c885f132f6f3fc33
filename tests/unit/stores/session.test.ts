import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { useSessionStore } from '@/stores/session';
import { locale } from '@/utils/i18n';
import { meAdmin, meAlice } from '../background/samples';
import { sendMock, sent } from './mock-send';
import { resetBeforeEach } from './reset';

vi.mock('@/messaging/client', (original) => import('./mock-send').then((m) => m.mockedClient(original)));

resetBeforeEach();

const signedIn = (serverUrl = 'http://localhost:8787', me = meAlice) => ({ status: 'signed-in' as const, serverUrl, me });

describe('session store', () => {
  it('loads who is signed in', async () => {
    sendMock.on('session.get', () => signedIn('http://localhost:8787', meAdmin));
    const s = useSessionStore();
    await s.load();
    expect(s.user?.email).toBe('admin@demo.test');
    expect(s.isAdmin).toBe(true);
  });

  it('signs in to a loopback server without asking for a permission', async () => {
    sendMock.on('session.signIn', (req) => signedIn(req.serverUrl));
    const s = useSessionStore();
    await expect(s.signIn({ serverUrl: 'http://127.0.0.1:8787/', email: 'alice@demo.test', password: 'demo' })).resolves.toBe(true);
    expect(sent[0]).toEqual({ name: 'session.signIn', req: { serverUrl: 'http://127.0.0.1:8787', email: 'alice@demo.test', password: 'demo' } });
    expect(s.user?.email).toBe('alice@demo.test');
  });

  it('asks for the host permission of another server first, and stops if it is refused', async () => {
    const request = vi.fn(async () => false);
    fakeBrowser.permissions.request = request as typeof fakeBrowser.permissions.request;
    const s = useSessionStore();
    await expect(s.signIn({ serverUrl: 'https://crm.example.com:8443/mailroom', email: 'a@b.c', password: 'p' })).resolves.toBe(false);
    expect(request).toHaveBeenCalledWith({ origins: ['https://crm.example.com/*'] });
    expect(s.error).toBe('Mailroom needs your permission to reach https://crm.example.com. Allow it to sign in.');
    expect(sent).toEqual([]);
  });

  it('says "wrong email or password" in the UI language for a 401 on sign-in', async () => {
    sendMock.fail('session.signIn', { code: 'unauthorized', status: 401, message: 'Invalid credentials' });
    locale.value = 'fr';
    const s = useSessionStore();
    await s.signIn({ serverUrl: 'http://localhost:8787', email: 'alice@demo.test', password: 'x' });
    expect(s.error).toBe('E-mail ou mot de passe incorrect.');
    expect(s.isSignedIn).toBe(false);
  });

  it('names the server it cannot reach', async () => {
    sendMock.fail('session.signIn', { code: 'network', message: 'Cannot reach the Mailroom server at http://localhost:9', params: { url: 'http://localhost:9' } });
    const s = useSessionStore();
    await s.signIn({ serverUrl: 'http://localhost:9', email: 'alice@demo.test', password: 'demo' });
    expect(s.error).toBe('Cannot reach the Mailroom server at http://localhost:9.');
    expect(s.errorCode).toBe('network');
  });

  it('refuses a server address that is not http(s) without calling the background', async () => {
    const s = useSessionStore();
    await expect(s.signIn({ serverUrl: 'localhost', email: 'a@b.c', password: 'p' })).resolves.toBe(false);
    expect(s.error).toBe('Enter the server address, like http://localhost:8787.');
    expect(sent).toEqual([]);
  });

  it('signs out', async () => {
    sendMock.on('session.get', () => signedIn());
    sendMock.on('session.signOut', () => ({ status: 'signed-out', serverUrl: 'http://localhost:8787' }));
    const s = useSessionStore();
    await s.load();
    await s.signOut();
    expect(s.isSignedIn).toBe(false);
    expect(s.expired).toBe(false);
  });

  it('follows the background\'s session.changed broadcast', async () => {
    sendMock.on('session.get', () => signedIn());
    const s = useSessionStore();
    const stop = s.follow();
    await fakeBrowser.runtime.sendMessage({ broadcast: 'session.changed' });
    await vi.waitFor(() => expect(s.isSignedIn).toBe(true));
    stop();
    sendMock.on('session.get', () => ({ status: 'signed-out', serverUrl: 'http://localhost:8787', reason: 'expired' }));
    await fakeBrowser.runtime.sendMessage({ broadcast: 'session.changed' }).catch(() => undefined);
    expect(s.isSignedIn).toBe(true);
  });
});
