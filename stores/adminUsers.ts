/**
 * The organisation's people as the admin console's Users section shows them: a searched, filtered
 * and paged list with each person's status and mailboxes, and the actions on them. A new way in
 * (invitation code or one-time password) is answered to the caller, never kept here: it is shown
 * once and then forgotten.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AdminUser, CreateUserRequest, UpdateUserRequest, UserCredentials, UserListQuery } from '@/contract';
import { send } from '@/messaging/client';
import type { ProtocolError } from '@/messaging/protocol';
import { protocolError } from '@/composables/useErrorMessage';

export type StatusFilter = UserListQuery['status'];

/** One page of the list; "Show more" adds the next. */
export const PAGE_SIZE = 50;

export const useAdminUsersStore = defineStore('adminUsers', () => {
  const items = ref<AdminUser[]>([]);
  /** How many people match the search and filter (the list may hold fewer: paging). */
  const total = ref(0);
  const q = ref('');
  const statusFilter = ref<StatusFilter>('all');
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const loadError = ref<ProtocolError | null>(null);
  /** An action outside a dialog that failed (reactivate, "Show more"); shown as a banner. */
  const unexpectedError = ref<ProtocolError | null>(null);
  /** Only the answer to the latest search is kept, whatever order answers arrive in. */
  let latest = 0;

  async function load(): Promise<void> {
    const mine = ++latest;
    status.value = 'loading';
    loadError.value = null;
    try {
      const page = await send('admin.users.list', { q: q.value.trim(), status: statusFilter.value, limit: PAGE_SIZE, offset: 0 });
      if (mine !== latest) return;
      items.value = page.items;
      total.value = page.total;
      status.value = 'ready';
    } catch (e) {
      if (mine !== latest) return;
      loadError.value = protocolError(e);
      status.value = 'error';
    }
  }

  /** The next page, appended (people already listed are not repeated). */
  async function loadMore(): Promise<void> {
    const mine = latest;
    try {
      const page = await send('admin.users.list', { q: q.value.trim(), status: statusFilter.value, limit: PAGE_SIZE, offset: items.value.length });
      if (mine !== latest) return;
      const known = new Set(items.value.map((u) => u.id));
      items.value.push(...page.items.filter((u) => !known.has(u.id)));
      total.value = page.total;
    } catch (e) {
      unexpectedError.value = protocolError(e);
    }
  }

  /** Puts the person's fresh state in the list, or drops them when they no longer match the filter. */
  function replace(user: AdminUser): void {
    const i = items.value.findIndex((u) => u.id === user.id);
    const fits = statusFilter.value === 'all' || statusFilter.value === user.status;
    if (i >= 0 && fits) items.value.splice(i, 1, user);
    else if (i >= 0) {
      items.value.splice(i, 1);
      total.value = Math.max(0, total.value - 1);
    }
  }

  /** Adds a person; answers their invitation or one-time password. Rejects with the API's error for the form. */
  async function create(req: CreateUserRequest): Promise<UserCredentials> {
    const created = await send('admin.users.create', req);
    if (statusFilter.value === 'all' || statusFilter.value === created.user.status) {
      items.value.unshift(created.user);
      total.value++;
    }
    return created;
  }

  async function update(id: string, patch: UpdateUserRequest): Promise<AdminUser> {
    const user = await send('admin.users.update', { id, patch });
    replace(user);
    return user;
  }

  /** Deactivates or reactivates; rejects with the API's refusal (last administrator, oneself). */
  async function setActive(id: string, active: boolean): Promise<AdminUser> {
    const user = await send('admin.users.setActive', { id, active });
    replace(user);
    return user;
  }

  /** A new invitation (or one-time password): the previous one stops working. */
  async function reissue(id: string, temporaryPassword: boolean): Promise<UserCredentials> {
    const credentials = await send('admin.users.reissue', { id, temporaryPassword });
    replace(credentials.user);
    return credentials;
  }

  return { items, total, q, statusFilter, status, loadError, unexpectedError, load, loadMore, create, update, setActive, reissue };
});
