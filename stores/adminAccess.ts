/**
 * Who can use which shared account (the envelope dialog): per account, the users with
 * access, whether it is their default account, their default signature and when temporary access
 * ends. Also the user search used to grant access.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AccessEntry, PutAccessRequest } from '@/contract';
import type { ResponseOf } from '@/messaging/protocol';
import { send } from '@/messaging/client';

export const useAdminAccessStore = defineStore('adminAccess', () => {
  /** Access entries by account id, loaded when the dialog opens. */
  const byAccount = ref<Record<string, AccessEntry[]>>({});

  async function load(accountId: string): Promise<AccessEntry[]> {
    const items = await send('admin.access.list', { accountId });
    byAccount.value[accountId] = items;
    return items;
  }

  function upsert(entry: AccessEntry) {
    const list = byAccount.value[entry.accountId] ?? [];
    const i = list.findIndex((e) => e.user.id === entry.user.id);
    if (i >= 0) list.splice(i, 1, entry);
    else list.push(entry);
    byAccount.value[entry.accountId] = list;
  }

  /** Grants access or changes its options (the API's PUT is both). */
  async function put(accountId: string, userId: string, access: PutAccessRequest): Promise<AccessEntry> {
    const entry = await send('admin.access.put', { accountId, userId, access });
    upsert(entry);
    return entry;
  }

  async function revoke(accountId: string, userId: string): Promise<void> {
    await send('admin.access.delete', { accountId, userId });
    byAccount.value[accountId] = (byAccount.value[accountId] ?? []).filter((e) => e.user.id !== userId);
  }

  /** People of the organisation matching a name or an address. */
  async function searchUsers(q: string): Promise<ResponseOf<'admin.users.search'>> {
    return send('admin.users.search', { q });
  }

  return { byAccount, load, put, revoke, searchUsers };
});
