/**
 * The session as pages see it (never the token: that stays in the background). Loaded through
 * the protocol, kept current by the background's `session.changed` broadcast.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { send } from '@/messaging/client';
import type { SessionState } from '@/messaging/protocol';
import { errorMessage, protocolError, type ErrorOverrides } from '@/composables/useErrorMessage';
import { onBroadcast } from '@/composables/useBroadcast';
import { requestServerPermission } from '@/composables/useServerPermission';
import { t } from '@/utils/i18n';
import { DEFAULT_SERVER_URL, normalizeServerUrl, originPattern } from '@/utils/server-url';
import '@/locales/session';

export const useSessionStore = defineStore('session', () => {
  /** What the background answered last; `null` until the first load. */
  const state = ref<SessionState | null>(null);
  /** A request is in flight (drives spinners and disables buttons). */
  const busy = ref(false);
  /** The message to show for the last failure, in the UI language; `null` when all is well. */
  const error = ref<string | null>(null);
  /** The protocol code of the last failure (`network` → "server unreachable" screens). */
  const errorCode = ref<string | null>(null);

  /** The signed-in user, or null. */
  const user = computed(() => (state.value?.status === 'signed-in' ? state.value.me.user : null));
  const org = computed(() => (state.value?.status === 'signed-in' ? state.value.me.org : null));
  const isSignedIn = computed(() => user.value !== null);
  const isAdmin = computed(() => user.value?.role === 'admin');
  /** The server the session is (or would be) on. */
  const serverUrl = computed(() => state.value?.serverUrl ?? DEFAULT_SERVER_URL);
  /** Signed in with a one-time password: nothing works until the person chooses their own. */
  const mustChangePassword = computed(() => state.value?.status === 'signed-in' && state.value.mustChangePassword === true);
  /** Signed in and free to work (the pages load accounts and the rest only then). */
  const isReady = computed(() => isSignedIn.value && !mustChangePassword.value);
  /** Signed out by the extension because the server refused the token. */
  const expired = computed(() => state.value?.status === 'signed-out' && state.value.reason === 'expired');

  function fail(e: unknown, overrides?: ErrorOverrides): void {
    errorCode.value = protocolError(e).code;
    error.value = errorMessage(e, overrides);
  }
  function clearError(): void {
    error.value = null;
    errorCode.value = null;
  }

  /** Reads the session from the background (which checks the token with the server). */
  async function load(): Promise<void> {
    busy.value = true;
    try {
      state.value = await send('session.get');
      clearError();
    } catch (e) {
      fail(e);
    } finally {
      busy.value = false;
    }
  }

  /**
   * Signs in. Called straight from the click handler: the permission prompt for a non-local
   * server must be the first thing it does (user gesture). Resolves true when signed in.
   */
  async function signIn(input: { serverUrl: string; email: string; password: string }): Promise<boolean> {
    let url: string;
    try {
      url = normalizeServerUrl(input.serverUrl);
    } catch {
      errorCode.value = 'server_url';
      error.value = t('errors.server_url');
      return false;
    }
    const permitted = requestServerPermission(url);
    busy.value = true;
    try {
      if (!(await permitted)) {
        errorCode.value = 'permission';
        error.value = t('session.permissionDenied', { origin: originPattern(url).replace(/\/\*$/, '') });
        return false;
      }
      state.value = await send('session.signIn', { ...input, serverUrl: url });
      clearError();
      return true;
    } catch (e) {
      // On the sign-in form a 401 means the password, not an expired session.
      fail(e, { unauthorized: t('session.badCredentials') });
      return false;
    } finally {
      busy.value = false;
    }
  }

  /** Signs out locally at once; the server is told in the background (works offline). */
  async function signOut(): Promise<void> {
    busy.value = true;
    try {
      state.value = await send('session.signOut');
      clearError();
    } catch (e) {
      fail(e);
    } finally {
      busy.value = false;
    }
  }

  /** Follows sign-in/out and profile edits done elsewhere (another page, an expired token). Returns the unsubscribe. */
  function follow(): () => void {
    const stops = [onBroadcast('session.changed', () => void load()), onBroadcast('profile.changed', () => void load())];
    return () => stops.forEach((stop) => stop());
  }

  /** A new state answered by another message (invitation accepted, profile or password saved). */
  function set(next: SessionState): void {
    state.value = next;
    clearError();
  }

  return {
    state,
    busy,
    error,
    errorCode,
    user,
    org,
    isSignedIn,
    isAdmin,
    mustChangePassword,
    isReady,
    serverUrl,
    expired,
    load,
    signIn,
    signOut,
    follow,
    set,
    clearError,
  };
});
