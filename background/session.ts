/**
 * The signed-in session, owned by the background: the token never leaves this worker. Every API
 * call goes through `api()`, which builds a client for the session's server with the token hook
 * and signs the user out (with a message) when the server answers 401.
 */
import { createApiClient, type ApiClientOptions } from '@/api/client';
import { ApiError, toProtocolError } from '@/api/errors';
import { mailroomApi, type MailroomApi } from '@/api/mailroom';
import type { SessionState } from '@/messaging/protocol';
import { authItem, normalizeServerUrl, serverUrlItem, signedOutReasonItem } from '@/utils/storage';
import { broadcast } from './broadcast';

/** Knobs for tests: a stub `fetch`, no backoff, a short timeout. */
export type ClientTuning = Pick<ApiClientOptions, 'fetch' | 'retryDelayMs' | 'timeoutMs' | 'retryLimit'>;

export function createSession(tuning: ClientTuning = {}) {
  const clientFor = (serverUrl: string) =>
    mailroomApi(
      createApiClient({
        ...tuning,
        serverUrl,
        getToken: async () => (await authItem.getValue())?.token ?? null,
        onUnauthorized: expire,
      }),
    );

  /** The token was refused: forget it and tell the pages why they see the sign-in form. */
  async function expire(): Promise<void> {
    await authItem.setValue(null);
    await signedOutReasonItem.setValue('expired');
    broadcast({ broadcast: 'session.changed' });
  }

  async function signedOut(): Promise<SessionState> {
    const reason = await signedOutReasonItem.getValue();
    return { status: 'signed-out', serverUrl: await serverUrlItem.getValue(), ...(reason && { reason }) };
  }

  return {
    /** The API for the signed-in user; rejects with `signed_out` when nobody is signed in. */
    async api(): Promise<MailroomApi> {
      const auth = await authItem.getValue();
      if (!auth) throw new ApiError({ code: 'signed_out', message: 'Sign in to Mailroom first.' });
      return clientFor(auth.serverUrl);
    },

    async serverUrl(): Promise<string> {
      return (await authItem.getValue())?.serverUrl ?? (await serverUrlItem.getValue());
    },

    /**
     * Who is signed in, checked with the server (`GET /api/me`) so a revoked token shows as
     * signed out. When the server cannot be reached the last known user is shown (the popup then
     * reports the server as unreachable when it loads the accounts).
     */
    async get(): Promise<SessionState> {
      const auth = await authItem.getValue();
      if (!auth) return signedOut();
      try {
        const me = await clientFor(auth.serverUrl).me();
        await authItem.setValue({ ...auth, me });
        return { status: 'signed-in', serverUrl: auth.serverUrl, me };
      } catch (e) {
        const error = await toProtocolError(e, auth.serverUrl);
        if (error.code === 'signed_out') return signedOut();
        if (error.code === 'network' && auth.me) return { status: 'signed-in', serverUrl: auth.serverUrl, me: auth.me };
        throw new ApiError(error);
      }
    },

    async signIn(req: { serverUrl: string; email: string; password: string }): Promise<SessionState> {
      let serverUrl: string;
      try {
        serverUrl = normalizeServerUrl(req.serverUrl);
      } catch (e) {
        throw new ApiError({ code: 'server_url', message: (e as Error).message });
      }
      await serverUrlItem.setValue(serverUrl);
      const api = clientFor(serverUrl);
      const login = await api.login({ email: req.email, password: req.password });
      const previous = await authItem.getValue();
      await authItem.setValue({ token: login.token, serverUrl, expiresAt: login.expiresAt, me: null });
      if (previous && previous.token !== login.token) void endRemoteSession(previous.serverUrl, previous.token);
      const me = await api.me();
      await authItem.setValue({ token: login.token, serverUrl, expiresAt: login.expiresAt, me });
      await signedOutReasonItem.setValue(null);
      broadcast({ broadcast: 'session.changed' });
      return { status: 'signed-in', serverUrl, me };
    },

    async signOut(): Promise<SessionState> {
      const auth = await authItem.getValue();
      await authItem.setValue(null);
      await signedOutReasonItem.setValue(null);
      if (auth) void endRemoteSession(auth.serverUrl, auth.token);
      broadcast({ broadcast: 'session.changed' });
      return signedOut();
    },
  };

  /** Best effort: signing out must work offline, so the server's answer is not awaited by UIs. */
  async function endRemoteSession(serverUrl: string, token: string): Promise<void> {
    const api = mailroomApi(
      createApiClient({
        ...tuning,
        serverUrl,
        retryLimit: 0,
        getToken: async () => token,
        onUnauthorized: async () => undefined,
      }),
    );
    await api.logout().catch(() => undefined);
  }
}

export type Session = ReturnType<typeof createSession>;
