/**
 * The organisation's email accounts as the admin console shows them, with the plan's
 * quota. The quota comes from the session (`me.org.quota`); the number used is recomputed from the
 * list after every change, so the "N of Q" line and the + button never wait for a re-fetch.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { CreateAccountRequest, EmailAccount, UpdateAccountRequest } from '@/contract';
import { send } from '@/messaging/client';
import type { ProtocolError } from '@/messaging/protocol';
import { protocolError } from '@/composables/useErrorMessage';

export const useAdminAccountsStore = defineStore('adminAccounts', () => {
  /** Every account of the organisation, active or not, in the API's order. */
  const accounts = ref<EmailAccount[]>([]);
  /** Maximum number of active accounts (null until the session has been read). */
  const quota = ref<number | null>(null);
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle');
  /** Why the list could not be loaded. */
  const loadError = ref<ProtocolError | null>(null);
  /** An action that failed after an optimistic change was rolled back; shown as a banner. */
  const unexpectedError = ref<ProtocolError | null>(null);

  const activeCount = computed(() => accounts.value.filter((a) => a.active).length);
  const atQuota = computed(() => quota.value !== null && activeCount.value >= quota.value);

  /** Loads the list and the quota together so the header never shows a stale pair. */
  async function load(): Promise<void> {
    status.value = 'loading';
    loadError.value = null;
    try {
      const [list, session] = await Promise.all([send('admin.accounts.list'), send('session.get')]);
      accounts.value = list;
      if (session.status === 'signed-in') quota.value = session.me.org.quota;
      status.value = 'ready';
    } catch (e) {
      loadError.value = protocolError(e);
      status.value = 'error';
    }
  }

  function replace(account: EmailAccount) {
    const i = accounts.value.findIndex((a) => a.id === account.id);
    if (i >= 0) accounts.value.splice(i, 1, account);
    else accounts.value.push(account);
  }

  /** Creates an account; rejects with the API's error (fields included) for the form to show. */
  async function create(req: CreateAccountRequest): Promise<EmailAccount> {
    const account = await send('admin.accounts.create', req);
    replace(account);
    return account;
  }

  async function update(id: string, patch: UpdateAccountRequest): Promise<EmailAccount> {
    const account = await send('admin.accounts.update', { id, patch });
    replace(account);
    return account;
  }

  /**
   * The green check: flips at once, rolls back if the API refuses (e.g. `quota_exceeded` when
   * re-activating at the quota) and reports through `unexpectedError`.
   */
  async function setActive(id: string, active: boolean): Promise<boolean> {
    const i = accounts.value.findIndex((a) => a.id === id);
    const before = accounts.value[i];
    if (!before) return false;
    accounts.value.splice(i, 1, { ...before, active });
    unexpectedError.value = null;
    try {
      replace(await send('admin.accounts.update', { id, patch: { active } }));
      return true;
    } catch (e) {
      const j = accounts.value.findIndex((a) => a.id === id);
      if (j >= 0) accounts.value.splice(j, 1, before);
      unexpectedError.value = protocolError(e);
      return false;
    }
  }

  /** Deletes; rejects with `account_in_use` when users or processed mail keep it. */
  async function remove(id: string): Promise<void> {
    await send('admin.accounts.delete', { id });
    accounts.value = accounts.value.filter((a) => a.id !== id);
  }

  /** Access changes move `userCount`: re-read the list quietly (no loading state). */
  async function refresh(): Promise<void> {
    try {
      accounts.value = await send('admin.accounts.list');
    } catch (e) {
      unexpectedError.value = protocolError(e);
    }
  }

  return { accounts, quota, status, loadError, unexpectedError, activeCount, atQuota, load, create, update, setActive, remove, refresh };
});
