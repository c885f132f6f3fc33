/**
 * What the console tells the admin after an action: a visible confirmation (also announced),
 * Undo after a deactivation, states that read differently, and the details kept open by a click.
 */
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import AdminConsole from '@/components/admin/AdminConsole.vue';
import { TOAST_MS } from '@/composables/admin/useToast';
import type { EmailAccount } from '@/contract';
import { locale } from '@/utils/i18n';
import { useAdminMount } from './adminMount';
import { callsOf, makeAccount, on, sessionWithQuota } from './mockApi';

vi.mock('@/messaging/client', () => import('./mockApi'));

const mountAdmin = useAdminMount();
// Only the toasts' timers are faked: flushPromises keeps its real setImmediate.
beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
afterEach(() => vi.useRealTimers());

async function mountConsole(accounts: EmailAccount[]) {
  on('admin.accounts.list', () => accounts.map((a) => ({ ...a })));
  on('session.get', () => sessionWithQuota(3));
  on('admin.accounts.update', ({ id, patch }) => ({ ...accounts.find((a) => a.id === id)!, ...patch }) as EmailAccount);
  const wrapper = mountAdmin(AdminConsole);
  await flushPromises();
  return wrapper;
}

const row = (w: VueWrapper, address: string) => w.get(`[data-testid="account-row"][data-address="${address}"]`);
const toast = (w: VueWrapper) => w.find('[data-testid="toast"]');

describe('AdminConsole feedback', () => {
  it('confirms a saved account visibly, inside a polite live region, then lets it fade', async () => {
    const w = await mountConsole([makeAccount({ address: 'desk@acme.fr' })]);
    await row(w, 'desk@acme.fr').get('[aria-haspopup="menu"]').trigger('click');
    await w.findAll('[role="menuitem"]').find((b) => b.text() === 'Edit')!.trigger('click');
    await w.get('[data-testid="account-display-name"]').setValue('Front desk');
    await w.get('form').trigger('submit');
    await flushPromises();

    expect(toast(w).text()).toContain('desk@acme.fr is saved.');
    const region = toast(w).element.closest('[role="status"]')!;
    expect(region.getAttribute('aria-live')).toBe('polite');
    // Seen, not only heard: nothing hides it visually.
    expect(region.className).not.toContain('visually-hidden');
    expect(toast(w).find('[data-testid="toast-action"]').exists()).toBe(false);

    await vi.advanceTimersByTimeAsync(TOAST_MS.plain);
    expect(toast(w).exists()).toBe(false);
  });

  it('offers Undo for ~8 s after a deactivation; Undo turns the account back on', async () => {
    const a = makeAccount({ address: 'sales@acme.fr' });
    const w = await mountConsole([a]);
    await row(w, 'sales@acme.fr').get('[data-testid="account-toggle"]').trigger('click');
    await flushPromises();
    expect(toast(w).get('[data-testid="toast-text"]').text()).toBe('sales@acme.fr deactivated.');
    expect(row(w, 'sales@acme.fr').get('[data-testid="account-state"]').text()).toBe('Deactivated');

    await vi.advanceTimersByTimeAsync(TOAST_MS.action - 1_000);
    await toast(w).get('[data-testid="toast-action"]').trigger('click');
    await flushPromises();
    expect(callsOf('admin.accounts.update')).toEqual([
      { id: a.id, patch: { active: false } },
      { id: a.id, patch: { active: true } },
    ]);
    expect(row(w, 'sales@acme.fr').get('[data-testid="account-state"]').text()).toBe('Active');
    expect(toast(w).text()).toContain('sales@acme.fr is active.');
    // The Undo button is gone: focus is on the account's switch, not lost to the page.
    expect(document.activeElement).toBe(row(w, 'sales@acme.fr').get('[data-testid="account-toggle"]').element);
  });

  it('the Undo toast goes after 8 s, but not while the pointer or the focus is on it', async () => {
    const w = await mountConsole([makeAccount({ address: 'sales@acme.fr' })]);
    await row(w, 'sales@acme.fr').get('[data-testid="account-toggle"]').trigger('click');
    await flushPromises();
    await toast(w).trigger('mouseenter');
    await toast(w).get('[data-testid="toast-action"]').trigger('focusin');
    await vi.advanceTimersByTimeAsync(TOAST_MS.action * 2);
    expect(toast(w).exists()).toBe(true);
    // The pointer leaves, the focus stays: still held.
    await toast(w).trigger('mouseleave');
    await vi.advanceTimersByTimeAsync(TOAST_MS.action * 2);
    expect(toast(w).exists()).toBe(true);
    await toast(w).get('[data-testid="toast-action"]').trigger('focusout', { relatedTarget: null });
    await vi.advanceTimersByTimeAsync(TOAST_MS.action - 1);
    expect(toast(w).exists()).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(toast(w).exists()).toBe(false);
    expect(callsOf('admin.accounts.update')).toHaveLength(1);
  });

  it('a deactivation from the refused-delete dialog gets the same Undo', async () => {
    const a = makeAccount({ address: 'busy@acme.fr', userCount: 1 });
    const w = await mountConsole([a]);
    const { apiError } = await import('./mockApi');
    on('admin.accounts.delete', () => {
      throw apiError('account_in_use', 'busy@acme.fr has 1 user: deactivate it instead.', { status: 409 });
    });
    await w.get('[aria-haspopup="menu"]').trigger('click');
    await w.findAll('[role="menuitem"]').find((b) => b.text() === 'Delete')!.trigger('click');
    await w.get('[data-testid="delete-confirm"]').trigger('click');
    await flushPromises();
    await w.get('[data-testid="delete-deactivate"]').trigger('click');
    await flushPromises();
    expect(toast(w).get('[data-testid="toast-text"]').text()).toBe('busy@acme.fr deactivated.');
    await toast(w).get('[data-testid="toast-action"]').trigger('click');
    await flushPromises();
    expect(callsOf('admin.accounts.update').at(-1)).toEqual({ id: a.id, patch: { active: true } });
  });

  it.each([
    ['en', 'Active', 'Deactivated'],
    ['fr', 'Actif', 'Désactivé'],
  ] as const)('active and deactivated rows read differently in words, shape and tone (%s)', async (lang, on_, off) => {
    locale.value = lang;
    const w = await mountConsole([makeAccount({ address: 'on@acme.fr' }), makeAccount({ address: 'off@acme.fr', active: false })]);
    const [activeRow, offRow] = [row(w, 'on@acme.fr'), row(w, 'off@acme.fr')];
    expect(activeRow.get('[data-testid="account-state"]').text()).toBe(on_);
    expect(offRow.get('[data-testid="account-state"]').text()).toBe(off);
    expect(activeRow.classes()).not.toContain('mr-account--inactive');
    expect(offRow.classes()).toContain('mr-account--inactive');
    // The switch: a check only when on; its name stays, its pressed state changes.
    const [onSwitch, offSwitch] = [activeRow.get('[data-testid="account-toggle"]'), offRow.get('[data-testid="account-toggle"]')];
    expect([onSwitch.text(), offSwitch.text()]).toEqual(['✓', '']);
    expect([onSwitch.attributes('aria-pressed'), offSwitch.attributes('aria-pressed')]).toEqual(['true', 'false']);
    expect(onSwitch.attributes('aria-label')).toContain('on@acme.fr');
    expect(onSwitch.attributes('aria-label')!.replace('on@', 'off@')).toBe(offSwitch.attributes('aria-label'));
  });
});

describe('the details (i) of a row', () => {
  async function details() {
    const w = await mountConsole([makeAccount({ address: 'desk@acme.fr' }), makeAccount({ address: 'other@acme.fr' })]);
    const r = row(w, 'desk@acme.fr');
    return { w, button: r.get('[data-testid="account-details-button"]'), tip: r.get('[data-testid="account-details"]'), area: r.get('.mr-details') };
  }
  const shown = (tip: { attributes: (n: string) => string | undefined }) => tip.attributes('hidden') === undefined;

  it('a click keeps them open (focus then click, as a mouse does); a second click closes them', async () => {
    const { button, tip, area } = await details();
    await area.trigger('mouseenter');
    await button.trigger('focus');
    await button.trigger('click');
    expect(shown(tip)).toBe(true);
    expect(button.attributes('aria-expanded')).toBe('true');
    // Moving the pointer away or clicking in the details (focus to no element) keeps them.
    await area.trigger('mouseleave');
    await button.trigger('blur', { relatedTarget: null });
    expect(shown(tip)).toBe(true);
    await button.trigger('click');
    expect(shown(tip)).toBe(false);
    expect(button.attributes('aria-expanded')).toBe('false');
  });

  it('Escape, a click elsewhere, or focus moving on close them', async () => {
    const { w, button, tip } = await details();
    await button.trigger('click');
    await button.trigger('keydown', { key: 'Escape' });
    expect(shown(tip)).toBe(false);

    await button.trigger('click');
    document.body.dispatchEvent(new Event('pointerdown', { bubbles: true, composed: true }));
    await flushPromises();
    expect(shown(tip)).toBe(false);

    await button.trigger('click');
    // A pointerdown inside does not close.
    tip.element.dispatchEvent(new Event('pointerdown', { bubbles: true, composed: true }));
    await flushPromises();
    expect(shown(tip)).toBe(true);
    const elsewhere = row(w, 'other@acme.fr').get('[data-testid="account-access"]').element;
    await button.trigger('blur', { relatedTarget: elsewhere });
    expect(shown(tip)).toBe(false);
  });

  it('hovering still previews them without opening them', async () => {
    const { button, tip, area } = await details();
    await area.trigger('mouseenter');
    expect(shown(tip)).toBe(true);
    expect(button.attributes('aria-expanded')).toBe('false');
    await area.trigger('mouseleave');
    expect(shown(tip)).toBe(false);
  });
});
