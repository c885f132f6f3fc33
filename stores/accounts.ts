/**
 * The shared mailboxes the signed-in user can use, and which one is their default: the one list
 * every page and in-page feature reads (the popup, the side panel, filing, composes). The default
 * switch is optimistic: the picker moves at once and rolls back if the API refuses.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { EmailAccount } from '@/contract';
import { send } from '@/messaging/client';
import { errorMessage, protocolError } from '@/composables/useErrorMessage';
import { t } from '@/utils/i18n';
import { useSessionStore } from './session';
import { markedDefaultOf, usableAccounts } from './account-choice';
import '@/locales/popup';

export const useAccountsStore = defineStore('accounts', () => {
  const session = useSessionStore();

  /** Accounts in the order the API gives them. */
  const items = ref<EmailAccount[]>([]);
  /** The list was loaded at least once (distinguishes "none" from "not yet"). */
  const loaded = ref(false);
  const loading = ref(false);
  /** The message to show for the last failure, or null. */
  const error = ref<string | null>(null);
  /** The protocol code of the last failure (`network` → "server unreachable"). */
  const errorCode = ref<string | null>(null);

  /** The account marked as the user's default, if any. */
  const defaultAccount = computed(() => markedDefaultOf(items.value));
  /** The accounts one can write and file from: active, with access. */
  const usable = computed(() => usableAccounts(items.value));
  /** Bumped by every successful load: a caller caching per-account data knows the list was read again. */
  const generation = ref(0);

  /**
   * The one path for failures: show the message; when the session turned out to be over, let the
   * session store read it again so the page swaps to its signed-out state.
   */
  function unexpectedError(e: unknown): void {
    errorCode.value = protocolError(e).code;
    // On the mailboxes one uses, "not found" means the access was taken away meanwhile.
    error.value = errorMessage(e, { not_found: t('popup.accountGone') });
    if (errorCode.value === 'signed_out') void session.load();
  }

  /** The load under way, shared: a prefetch and the first real need make one request. */
  let inFlight: Promise<EmailAccount[]> | undefined;
  let loadedAt = 0;

  function fetchList(): Promise<EmailAccount[]> {
    inFlight ??= (async () => {
      loading.value = true;
      try {
        items.value = await send('accounts.mine');
        loaded.value = true;
        loadedAt = Date.now();
        generation.value++;
        error.value = null;
        errorCode.value = null;
        return usable.value;
      } catch (e) {
        unexpectedError(e);
        throw e;
      } finally {
        loading.value = false;
        inFlight = undefined;
      }
    })();
    return inFlight;
  }

  /** Loads the list (again); a failure shows in `error`. */
  async function load(): Promise<void> {
    await fetchList().catch(() => {});
  }

  /**
   * The usable accounts, read again when the last load is older than `maxAgeMs` (an admin may have
   * changed a default signature meanwhile). Rejects when the load fails, for callers that show
   * their own state (a compose's "unavailable").
   */
  function ensure(maxAgeMs = Infinity): Promise<EmailAccount[]> {
    if (inFlight) return inFlight;
    if (loaded.value && Date.now() - loadedAt <= maxAgeMs) return Promise.resolve(usable.value);
    return fetchList();
  }

  /** Makes `accountId` the default: shown at once, persisted by the API, undone if it fails. */
  async function setDefault(accountId: string): Promise<void> {
    if (defaultAccount.value?.id === accountId) return;
    const before = items.value;
    items.value = before.map((a) =>
      a.myAccess ? { ...a, myAccess: { ...a.myAccess, isDefault: a.id === accountId } } : a,
    );
    try {
      items.value = await send('accounts.patchMine', { accountId, patch: { isDefault: true } });
      error.value = null;
      errorCode.value = null;
    } catch (e) {
      items.value = before;
      unexpectedError(e);
    }
  }

  /** Forget everything (signed out). */
  function reset(): void {
    items.value = [];
    loaded.value = false;
    loadedAt = 0;
    error.value = null;
    errorCode.value = null;
  }

  return { items, usable, generation, loaded, loading, error, errorCode, defaultAccount, load, ensure, setDefault, unexpectedError, reset };
});
