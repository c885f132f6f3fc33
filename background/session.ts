/**
 * The signed-in session, owned by the background: the token never leaves this worker. Every API
 * call goes through `api()`, which builds a client for the session's server with the token hook
 * and signs the user out (with a message) when the server answers 401.
 */
import { createApiClient, type ApiClientOptions } from '@/api/client';
import { ApiError, toProtocolError } from '@/api/errors';
import { mailroomApi, type MailroomApi } from '@/api/mailroom';
import type { LoginResponse, MeResponse, PasswordChangeRequest, ProfilePatch } from '@/contract';
import type { SessionState } from '@/messaging/protocol';
import { normalizeServerUrl } from '@/utils/server-url';
import { authItem, serverUrlItem, signedOutReasonItem, type AuthRecord } from '@/utils/storage';
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
        onPasswordChangeRequired: mustChange,
      }),
    );

  /** The server says this session must first choose a password (e.g. the flag was not stored). */
  async function mustChange(): Promise<void> {
    const auth = await authItem.getValue();
    if (!auth || auth.mustChangePassword) return;
    await authItem.setValue({ ...auth, mustChangePassword: true });
    broadcast({ broadcast: 'session.changed' });
  }

  function signedIn(serverUrl: string, auth: AuthRecord & { me: MeResponse }): SessionState {
    return { status: 'signed-in', serverUrl, me: auth.me, ...(auth.mustChangePassword && { mustChangePassword: true as const }) };
  }

  function parseServerUrl(input: string): string {
    try {
      return normalizeServerUrl(input);
    } catch (e) {
      throw new ApiError({ code: 'server_url', message: (e as Error).message });
    }
  }

  async function requireAuth(): Promise<AuthRecord> {
    const auth = await authItem.getValue();
    if (!auth) throw new ApiError({ code: 'signed_out', message: 'Sign in to Mailroom first.' });
    return auth;
  }

  /**
   * Who is signed in, checked with the server (`GET /api/me`) so a revoked token shows as
   * signed out. When the server cannot be reached the last known user is shown (the popup then
   * reports the server as unreachable when it loads the accounts).
   */
  async function get(): Promise<SessionState> {
    const auth = await authItem.getValue();
    if (!auth) return signedOut();
    try {
      const me = await clientFor(auth.serverUrl).me();
      // Read again: a 403 password_change_required meanwhile may have set the flag.
      const latest = { ...((await authItem.getValue()) ?? auth), me };
      await authItem.setValue(latest);
      return signedIn(auth.serverUrl, latest);
    } catch (e) {
      const error = await toProtocolError(e, auth.serverUrl);
      if (error.code === 'signed_out') return signedOut();
      if (error.code === 'network' && auth.me) return signedIn(auth.serverUrl, { ...auth, me: auth.me });
      throw new ApiError(error);
    }
  }

  /** Keeps a fresh login (password or invitation) and reads who it is; ends the previous session. */
  async function begin(serverUrl: string, login: LoginResponse): Promise<SessionState> {
    const api = clientFor(serverUrl);
    const previous = await authItem.getValue();
    const base = { token: login.token, serverUrl, expiresAt: login.expiresAt, ...(login.mustChangePassword && { mustChangePassword: true }) };
    await authItem.setValue({ ...base, me: null });
    if (previous && previous.token !== login.token) void endRemoteSession(previous.serverUrl, previous.token);
    const me = await api.me();
    const auth = { ...base, me };
    await authItem.setValue(auth);
    await signedOutReasonItem.setValue(null);
    broadcast({ broadcast: 'session.changed' });
    return signedIn(serverUrl, auth);
  }

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
      return clientFor((await requireAuth()).serverUrl);
    },

    async serverUrl(): Promise<string> {
      return (await authItem.getValue())?.serverUrl ?? (await serverUrlItem.getValue());
    },

    get,

    async signIn(req: { serverUrl: string; email: string; password: string }): Promise<SessionState> {
      const serverUrl = parseServerUrl(req.serverUrl);
      await serverUrlItem.setValue(serverUrl);
      return begin(serverUrl, await clientFor(serverUrl).login({ email: req.email, password: req.password }));
    },

    /** Who an invitation is for, asked of `serverUrl` without a session. */
    async inspectInvitation(req: { serverUrl: string; token: string }) {
      return clientFor(parseServerUrl(req.serverUrl)).inspectInvitation(req.token);
    },

    /** Redeems an invitation with the person's own password: they are signed in on that server. */
    async acceptInvitation(req: { serverUrl: string; token: string; password: string }): Promise<SessionState> {
      const serverUrl = parseServerUrl(req.serverUrl);
      await serverUrlItem.setValue(serverUrl);
      return begin(serverUrl, await clientFor(serverUrl).acceptInvitation(req.token, req.password));
    },

    /**
     * One's own profile. Pages and webmail tabs are told (`profile.changed`): signatures they
     * rendered with the old title or phone are stale.
     */
    async updateProfile(patch: ProfilePatch): Promise<SessionState> {
      const auth = await requireAuth();
      const user = await clientFor(auth.serverUrl).updateProfile(patch);
      const me = auth.me ? { ...auth.me, user } : await clientFor(auth.serverUrl).me();
      const next = { ...auth, me };
      await authItem.setValue(next);
      broadcast({ broadcast: 'profile.changed' });
      return signedIn(auth.serverUrl, next);
    },

    /** The same broadcast when an admin edits their own user in the People list. */
    async noteUserEdited(userId: string): Promise<void> {
      const auth = await authItem.getValue();
      if (auth?.me?.user.id === userId) broadcast({ broadcast: 'profile.changed' });
    },

    /** Sets a new password; a session that had to choose one can now work. */
    async changePassword(req: PasswordChangeRequest): Promise<SessionState> {
      const auth = await requireAuth();
      await clientFor(auth.serverUrl).changePassword(req);
      const next: AuthRecord = { ...((await authItem.getValue()) ?? auth) };
      delete next.mustChangePassword;
      await authItem.setValue(next);
      if (auth.mustChangePassword) broadcast({ broadcast: 'session.changed' });
      return get();
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
