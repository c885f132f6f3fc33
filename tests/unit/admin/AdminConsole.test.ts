import { flushPromises, type VueWrapper } from '@vue/test-utils';
import AdminConsole from '@/components/admin/AdminConsole.vue';
import type { EmailAccount } from '@/contract';
import { locale } from '@/utils/i18n';
import { useAdminMount } from './adminMount';
import { apiError, callsOf, makeAccount, on, sessionWithQuota } from './mockApi';

vi.mock('@/messaging/client', () => import('./mockApi'));

const mountAdmin = useAdminMount();

async function mountConsole(accounts: EmailAccount[], quota: number) {
  on('admin.accounts.list', () => accounts.map((a) => ({ ...a })));
  on('session.get', () => sessionWithQuota(quota));
  const wrapper = mountAdmin(AdminConsole);
  await flushPromises();
  return wrapper;
}

const rows = (w: VueWrapper) => w.findAll('[data-testid="account-row"]');

describe('AdminConsole', () => {
  it('lists every account with its state and users, and the quota line', async () => {
    const w = await mountConsole([makeAccount({ address: 'sales@acme.fr', userCount: 2 }), makeAccount({ address: 'old@acme.fr', active: false })], 3);
    expect(rows(w)).toHaveLength(2);
    expect(rows(w)[0]!.text()).toContain('sales@acme.fr');
    expect(rows(w)[0]!.text()).toContain('2 users');
    expect(rows(w)[1]!.get('[data-testid="account-state"]').text()).toBe('Deactivated');
    expect(w.get('[data-testid="quota-line"]').text()).toBe('1 of 3 accounts used');
    expect(w.get('[data-testid="account-add"]').attributes('disabled')).toBeUndefined();
  });

  it('disables + at the quota and says why, in French too', async () => {
    locale.value = 'fr';
    const w = await mountConsole([makeAccount(), makeAccount()], 2);
    const add = w.get('[data-testid="account-add"]');
    expect(add.attributes('disabled')).toBeDefined();
    expect(add.attributes('aria-describedby')).toBe('mr-quota-reason');
    expect(w.get('#mr-quota-reason').text()).toContain('contactez le service commercial');
    expect(w.get('[data-testid="quota-line"]').text()).toBe('2 comptes utilisés sur 2');
  });

  it('creating the last allowed account moves focus to the reason + is now disabled', async () => {
    const w = await mountConsole([makeAccount()], 2);
    const add = w.get('[data-testid="account-add"]');
    (add.element as HTMLButtonElement).focus();
    await add.trigger('click');
    await flushPromises();
    on('admin.accounts.create', (req) => makeAccount({ address: req.address }));
    await w.get('[data-testid="account-address"]').setValue('new@acme.fr');
    await w.get('[data-testid="incoming-password"]').setValue('pw');
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(w.get('[data-testid="account-add"]').attributes('disabled')).toBeDefined();
    expect(document.activeElement).toBe(w.get('[data-testid="quota-reason"]').element);
  });

  it('toggles an account with the green check and frees the quota', async () => {
    const a = makeAccount();
    const w = await mountConsole([a], 1);
    on('admin.accounts.update', ({ patch }) => ({ ...a, ...patch }) as EmailAccount);
    const toggle = w.get('[data-testid="account-toggle"]');
    expect(toggle.attributes('aria-pressed')).toBe('true');
    await toggle.trigger('click');
    await flushPromises();
    expect(callsOf('admin.accounts.update')).toEqual([{ id: a.id, patch: { active: false } }]);
    expect(w.get('[data-testid="account-toggle"]').attributes('aria-pressed')).toBe('false');
    expect(w.get('[data-testid="account-add"]').attributes('disabled')).toBeUndefined();
  });

  it('offers to deactivate when the API refuses a delete', async () => {
    const a = makeAccount({ address: 'busy@acme.fr', userCount: 1 });
    const w = await mountConsole([a], 3);
    on('admin.accounts.delete', () => {
      throw apiError('account_in_use', 'busy@acme.fr has 1 user and processed mail: deactivate it instead.', { status: 409 });
    });
    on('admin.accounts.update', ({ patch }) => ({ ...a, ...patch }) as EmailAccount);

    const menuButton = w.get('[aria-haspopup="menu"]');
    await menuButton.trigger('click');
    const del = w.findAll('[role="menuitem"]').find((b) => b.text() === 'Delete')!;
    await del.trigger('click');
    await w.get('[data-testid="delete-confirm"]').trigger('click');
    await flushPromises();
    expect(w.get('[data-testid="delete-refused"]').text()).toContain('This account cannot be deleted: people still have access to it');
    await w.get('[data-testid="delete-deactivate"]').trigger('click');
    await flushPromises();
    expect(w.find('[data-testid="delete-dialog"]').exists()).toBe(false);
    expect(rows(w)[0]!.get('[data-testid="account-state"]').text()).toBe('Deactivated');
    expect(w.get('[data-testid="quota-line"]').text()).toBe('0 of 3 accounts used');
    // Focus went back to the menu button that opened the dialog.
    await flushPromises();
    expect(document.activeElement).toBe(menuButton.element);
  });

  it('deletes an unused account after confirmation', async () => {
    const a = makeAccount();
    const w = await mountConsole([a], 3);
    on('admin.accounts.delete', () => undefined);
    await w.get('[aria-haspopup="menu"]').trigger('click');
    await w.findAll('[role="menuitem"]').find((b) => b.text() === 'Delete')!.trigger('click');
    await w.get('[data-testid="delete-confirm"]').trigger('click');
    await flushPromises();
    expect(rows(w)).toHaveLength(0);
    expect(callsOf('admin.accounts.delete')).toEqual([{ id: a.id }]);
    // The row and its menu are gone: focus lands on + rather than on the page.
    expect(document.activeElement).toBe(w.get('[data-testid="account-add"]').element);
  });

  it('shows the details on keyboard focus of the i button', async () => {
    const a = makeAccount({ processedCount: 42, lastSyncError: 'AUTHENTICATIONFAILED' });
    const w = await mountConsole([a], 3);
    const tip = w.get('[data-testid="account-details"]');
    expect(tip.attributes('hidden')).toBeDefined();
    await w.get('[data-testid="account-details-button"]').trigger('focus');
    expect(tip.attributes('hidden')).toBeUndefined();
    expect(tip.text()).toContain('imap.example.com:993');
    expect(tip.text()).toContain('42');
    expect(tip.text()).toContain('AUTHENTICATIONFAILED');
  });

  it('shows the mail sync in the details: progress, synced messages, the error in the admin\'s words with its time', async () => {
    const syncing = makeAccount({ sync: { state: 'syncing', lastSyncAt: null, messages: 120, progress: { done: 120, total: 300 }, lastError: null, lastErrorCode: null, lastErrorAt: null } });
    const failing = makeAccount({
      sync: { state: 'error', lastSyncAt: '2026-11-02T08:00:00.000Z', messages: 7, progress: null, lastError: 'The IMAP server refused the login: check the username and password.', lastErrorCode: 'auth_failed', lastErrorAt: '2026-11-03T09:30:00.000Z' },
    });
    const w = await mountConsole([syncing, failing], 3);
    const [first, second] = w.findAll('[data-testid="account-details"]');
    expect(first!.get('[data-testid="account-sync-state"]').text()).toBe('Syncing: 120 of 300 messages');
    expect(first!.text()).toContain('Synced messages');
    expect(first!.text()).toContain('120');
    expect(second!.get('[data-testid="account-sync-state"]').text()).toBe('Failing, retrying by itself');
    // Worded from the failure's kind in the admin's language, naming the account's server.
    expect(second!.text()).toContain(`${failing.incoming!.host} refused the login name or the password.`);
    expect(second!.text()).not.toContain('check the username and password');
    expect(second!.text()).toMatch(/at 3 Nov/);
  });

  it('shows a retry when the list cannot be loaded', async () => {
    on('admin.accounts.list', () => {
      throw apiError('network', 'fetch failed');
    });
    on('session.get', () => sessionWithQuota(3));
    const wrapper = mountAdmin(AdminConsole);
    await flushPromises();
    expect(wrapper.text()).toContain('cannot be reached');
    on('admin.accounts.list', () => [makeAccount()]);
    await wrapper.findAll('button').find((b) => b.text() === 'Try again')!.trigger('click');
    await flushPromises();
    expect(rows(wrapper)).toHaveLength(1);
  });
});
