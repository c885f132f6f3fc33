import { flushPromises } from '@vue/test-utils';
import AdminAccessDialog from '@/components/admin/AdminAccessDialog.vue';
import type { AccessEntry, PutAccessRequest, User } from '@/contract';
import { formatDay } from '@/utils/i18n';
import { useAdminMount } from './adminMount';
import { apiError, callsOf, makeAccount, makeSignature, makeUser, on } from './mockApi';

vi.mock('@/messaging/client', () => import('./mockApi'));

const mountAdmin = useAdminMount();
beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
afterEach(() => vi.useRealTimers());

const account = makeAccount({ id: 'acc-1', address: 'sales@acme.fr' });
const sigA = makeSignature({ id: 'sig-a', name: 'Formal', position: 1 });
const sigB = makeSignature({ id: 'sig-b', name: 'Short', position: 2 });

function entry(user: User, access: PutAccessRequest = {}): AccessEntry {
  return {
    accountId: 'acc-1',
    user: { id: user.id, email: user.email, fullName: user.fullName },
    isDefault: access.isDefault ?? false,
    defaultSignatureId: access.defaultSignatureId ?? null,
    expiresAt: access.expiresAt ?? null,
    grantedAt: '2026-11-01T10:00:00.000Z',
  };
}

async function mountDialog(entries: AccessEntry[]) {
  on('admin.access.list', () => entries);
  on('signatures.list', () => [sigA, sigB]);
  on('admin.access.put', ({ userId, access }) => {
    const known = entries.find((e) => e.user.id === userId)?.user;
    return entry((known as User) ?? makeUser({ id: userId }), access);
  });
  const wrapper = mountAdmin(AdminAccessDialog, { account });
  await flushPromises();
  return wrapper;
}

describe('AdminAccessDialog', () => {
  it('lists users with their options and saves each change at once', async () => {
    const bob = makeUser({ fullName: 'Bob Martin', email: 'bob@acme.fr' });
    const w = await mountDialog([entry(bob, { isDefault: true, defaultSignatureId: 'sig-b' })]);
    const row = w.get('[data-testid="access-entry"]');
    expect(row.text()).toContain('Bob Martin');
    expect(row.get<HTMLInputElement>('[data-testid="access-default"]').element.checked).toBe(true);
    expect(row.get<HTMLSelectElement>('[data-testid="access-signature"]').element.value).toBe('sig-b');
    expect(row.get('[data-testid="access-until-text"]').text()).toBe('permanent access');

    await row.get('[data-testid="access-signature"]').setValue('sig-a');
    await flushPromises();
    expect(callsOf('admin.access.put').at(-1)).toEqual({
      accountId: 'acc-1',
      userId: bob.id,
      access: { isDefault: true, defaultSignatureId: 'sig-a', expiresAt: null },
    });

    await w.get('[data-testid="access-until"]').setValue('2026-12-12');
    await flushPromises();
    const sent = callsOf('admin.access.put').at(-1)!.access.expiresAt!;
    // End of the chosen day, local time.
    const end = new Date(sent);
    expect([end.getFullYear(), end.getMonth() + 1, end.getDate(), end.getHours()]).toEqual([2026, 12, 12, 23]);
    expect(w.get('[data-testid="access-until-text"]').text()).toBe(`until ${formatDay(sent)}`);
  });

  it('finds a user, grants access with default and signature, and lists them', async () => {
    const carol = makeUser({ fullName: 'Carol Durand', email: 'carol@acme.fr' });
    const w = await mountDialog([]);
    on('admin.users.search', ({ q }) => (q.startsWith('car') ? [carol] : []));
    await w.get('[data-testid="user-search"]').setValue('car');
    await vi.advanceTimersByTimeAsync(300);
    await flushPromises();
    await w.get(`[data-testid="user-result"][data-email="carol@acme.fr"]`).trigger('click');
    expect(w.get('[data-testid="user-chosen"]').text()).toContain('Carol Durand');
    const add = w.get('.mr-access__add');
    await add.get('[data-testid="access-default"]').setValue(true);
    await add.get('[data-testid="access-signature"]').setValue('sig-a');
    // Nothing is saved before "Give access".
    expect(callsOf('admin.access.put')).toHaveLength(0);
    await w.get('[data-testid="access-grant"]').trigger('click');
    await flushPromises();
    expect(callsOf('admin.access.put')).toEqual([
      { accountId: 'acc-1', userId: carol.id, access: { isDefault: true, defaultSignatureId: 'sig-a', expiresAt: null } },
    ]);
    expect(w.findAll('[data-testid="access-entry"]')).toHaveLength(1);
    // A visible confirmation in the dialog, in its polite live region.
    const toast = w.get('[data-testid="toast"]');
    expect(toast.text()).toContain('Carol Durand');
    expect(toast.element.closest('[role="status"]')?.getAttribute('aria-live')).toBe('polite');
  });

  it('removes access, and shows a refusal', async () => {
    const bob = makeUser({ fullName: 'Bob Martin' });
    const w = await mountDialog([entry(bob)]);
    on('admin.access.delete', () => {
      throw apiError('forbidden', 'Only administrators can change access.', { status: 403 });
    });
    await w.get('[data-testid="access-remove"]').trigger('click');
    await flushPromises();
    expect(w.get('[data-testid="access-error"]').text()).toBe('Only an administrator of your organisation can do this.');
    on('admin.access.delete', () => undefined);
    await w.get('[data-testid="access-remove"]').trigger('click');
    await flushPromises();
    expect(w.findAll('[data-testid="access-entry"]')).toHaveLength(0);
  });
});
