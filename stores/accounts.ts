/**
 * The shared mailboxes the signed-in user can use, and which one is their default. The default
 * switch is optimistic: the picker moves at once and rolls back if the API refuses.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { EmailAccount } from '@/contract';
import { send } from '@/messaging/client';
import { errorMessage, protocolError } from '@/composables/useErrorMessage';
import { t } from '@/utils/i18n';
import { useSessionStore } from './session';
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
  const defaultAccount = computed(() => items.value.find((a) => a.myAccess?.isDefault));

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
  let inFlight: Promise<void> | undefined;

  function load(): Promise<void> {
    inFlight ??= (async () => {
      loading.value = true;
      try {
        items.value = await send('accounts.mine');
        loaded.value = true;
        error.value = null;
        errorCode.value = null;
      } catch (e) {
        unexpectedError(e);
      } finally {
        loading.value = false;
        inFlight = undefined;
      }
    })();
    return inFlight;
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
    error.value = null;
    errorCode.value = null;
  }

  return { items, loaded, loading, error, errorCode, defaultAccount, load, setDefault, unexpectedError, reset };
});
