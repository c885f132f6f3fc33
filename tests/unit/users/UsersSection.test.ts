import { flushPromises, type VueWrapper } from '@vue/test-utils';
import UsersSection from '@/components/users/UsersSection.vue';
import { locale } from '@/utils/i18n';
import { useAdminMount } from '../admin/adminMount';
import { apiError, callsOf, on } from '../admin/mockApi';
import { invitationFor, makeAdminUser } from './people-fixtures';

vi.mock('@/messaging/client', () => import('../admin/mockApi'));

const mountAdmin = useAdminMount();
const rows = (w: VueWrapper) => w.findAll('[data-testid="user-row"]');
const row = (w: VueWrapper, email: string) => w.get(`[data-testid="user-row"][data-email="${email}"]`);

async function openMenu(w: VueWrapper, email: string, item: string) {
  await row(w, email).get('button[aria-haspopup="menu"]').trigger('click');
  const choice = row(w, email).findAll('[role="menuitem"]').find((b) => b.text() === item);
  if (!choice) throw new Error(`no menu item ${item}`);
  await choice.trigger('click');
  await flushPromises();
}

async function mountSection(list = [makeAdminUser()]) {
  on('admin.users.list', (q) => ({ items: list.filter((u) => q.status === 'all' || q.status === u.status), total: list.length }));
  const w = mountAdmin(UsersSection);
  await flushPromises();
  return w;
}

describe('UsersSection', () => {
  it('lists people with role, a status badge in words, and their mailboxes', async () => {
    const w = await mountSection([
      makeAdminUser({ email: 'mia@acme.test', role: 'admin', accounts: [{ id: 'a1', address: 'sales@acme.test' }] }),
      makeAdminUser({ email: 'new@acme.test', status: 'invited' }),
      makeAdminUser({ email: 'gone@acme.test', status: 'deactivated', active: false }),
    ]);
    expect(rows(w)).toHaveLength(3);
    expect(row(w, 'mia@acme.test').text()).toContain('Administrator');
    expect(row(w, 'mia@acme.test').get('[data-testid="user-mailboxes"]').text()).toContain('sales@acme.test');
    expect(row(w, 'new@acme.test').get('[data-testid="user-status"]').text()).toContain('Invited');
    expect(row(w, 'gone@acme.test').get('[data-testid="user-status"]').text()).toContain('Deactivated');
    expect(row(w, 'new@acme.test').get('[data-testid="user-mailboxes"]').text()).toContain('No mailbox');
  });

  it('searches once the typing pauses, and filters by status at once', async () => {
    vi.useFakeTimers();
    try {
      const w = await mountSection();
      const before = callsOf('admin.users.list').length;
      const input = w.get('[data-testid="users-search"]');
      await input.setValue('m');
      await input.setValue('mi');
      await input.setValue('mia');
      expect(callsOf('admin.users.list')).toHaveLength(before);
      await vi.advanceTimersByTimeAsync(300);
      expect(callsOf('admin.users.list').slice(before)).toEqual([{ q: 'mia', status: 'all', limit: 50, offset: 0 }]);
      await w.get('[data-testid="users-filter"]').setValue('invited');
      await vi.advanceTimersByTimeAsync(0);
      expect(callsOf('admin.users.list').at(-1)).toEqual({ q: 'mia', status: 'invited', limit: 50, offset: 0 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('adds a person with an invitation and shows the code once, with how to use it', async () => {
    const w = await mountSection([]);
    on('admin.users.create', (req) => invitationFor(makeAdminUser({ email: req.email, fullName: 'Jeanne Dupré', status: 'invited' })));
    await w.get('[data-testid="user-add"]').trigger('click');
    await w.get('[data-testid="user-firstName"]').setValue('Jeanne');
    await w.get('[data-testid="user-lastName"]').setValue('Dupré');
    await w.get('[data-testid="user-email"]').setValue('jeanne@acme.test');
    await w.get('[data-testid="user-jobTitle"]').setValue('Sales');
    await w.get('[data-testid="user-dialog"]').trigger('submit');
    await flushPromises();
    expect(callsOf('admin.users.create')).toEqual([
      { firstName: 'Jeanne', lastName: 'Dupré', email: 'jeanne@acme.test', role: 'member', jobTitle: 'Sales', phone: '', mobile: '', temporaryPassword: false },
    ]);
    const notice = w.get('[data-testid="credentials"]');
    expect(notice.attributes('data-kind')).toBe('invitation');
    expect(notice.get('[data-testid="credentials-secret"]').text()).toMatch(/^code-for-/);
    expect(notice.text()).toContain('“I have an invitation”');
    expect(row(w, 'jeanne@acme.test').get('[data-testid="user-status"]').text()).toContain('Invited');
    await w.get('[data-testid="credentials-done"]').trigger('click');
    expect(w.find('[data-testid="credentials"]').exists()).toBe(false);
  });

  it('checks the form before sending, and shows the API’s refusal', async () => {
    const w = await mountSection([]);
    await w.get('[data-testid="user-add"]').trigger('click');
    await w.get('[data-testid="user-email"]').setValue('not an address');
    await w.get('[data-testid="user-dialog"]').trigger('submit');
    expect(w.text()).toContain('Enter a first name.');
    expect(w.text()).toContain('Enter a valid email address');
    expect(callsOf('admin.users.create')).toHaveLength(0);
    on('admin.users.create', () => {
      throw apiError('conflict', 'jeanne@acme.test already belongs to Jeanne Dupré in your organisation.', { status: 409 });
    });
    await w.get('[data-testid="user-firstName"]').setValue('Jeanne');
    await w.get('[data-testid="user-email"]').setValue('jeanne@acme.test');
    await w.get('[data-testid="user-temporary"]').setValue(true);
    await w.get('[data-testid="user-dialog"]').trigger('submit');
    await flushPromises();
    expect(callsOf('admin.users.create')[0]).toMatchObject({ temporaryPassword: true });
    expect(w.get('[data-testid="user-dialog-error"]').text()).toContain('already belongs to Jeanne Dupré');
  });

  it('deactivates only after a confirmation, and reactivates', async () => {
    const mia = makeAdminUser({ email: 'mia@acme.test', fullName: 'Mia Martin' });
    const w = await mountSection([mia]);
    on('admin.users.setActive', ({ active }) => ({ ...mia, active, status: active ? 'active' : 'deactivated' }));
    await openMenu(w, 'mia@acme.test', 'Deactivate');
    expect(w.get('[data-testid="user-confirm"]').text()).toContain('Mia Martin is signed out at once');
    expect(callsOf('admin.users.setActive')).toHaveLength(0);
    await w.get('[data-testid="user-confirm-action"]').trigger('click');
    await flushPromises();
    expect(callsOf('admin.users.setActive')).toEqual([{ id: mia.id, active: false }]);
    expect(row(w, 'mia@acme.test').attributes('data-status')).toBe('deactivated');
    await openMenu(w, 'mia@acme.test', 'Reactivate');
    expect(callsOf('admin.users.setActive').at(-1)).toEqual({ id: mia.id, active: true });
    expect(row(w, 'mia@acme.test').attributes('data-status')).toBe('active');
  });

  it('keeps the dialog open with the reason when the API refuses a deactivation, in French', async () => {
    locale.value = 'fr';
    const ada = makeAdminUser({ email: 'ada@acme.test', role: 'admin' });
    const w = await mountSection([ada]);
    on('admin.users.setActive', () => {
      throw apiError('conflict', 'Ada is the organisation’s last active administrator.', { status: 409 });
    });
    await openMenu(w, 'ada@acme.test', 'Désactiver');
    await w.get('[data-testid="user-confirm-action"]').trigger('click');
    await flushPromises();
    expect(w.get('[data-testid="user-confirm"]').text()).toContain('sans administrateur actif');
    expect(row(w, 'ada@acme.test').attributes('data-status')).toBe('active');
  });

  it('“New one-time password” confirms, then shows the password once', async () => {
    const mia = makeAdminUser({ email: 'mia@acme.test', fullName: 'Mia Martin' });
    const w = await mountSection([mia]);
    on('admin.users.reissue', () => ({ user: { ...mia, mustChangePassword: true }, temporaryPassword: 'abcd-efgh-jkmn-pqrs' }));
    await openMenu(w, 'mia@acme.test', 'New one-time password');
    await w.get('[data-testid="user-confirm-action"]').trigger('click');
    await flushPromises();
    expect(callsOf('admin.users.reissue')).toEqual([{ id: mia.id, temporaryPassword: true }]);
    const notice = w.get('[data-testid="credentials"]');
    expect(notice.attributes('data-kind')).toBe('temporary');
    expect(notice.get('[data-testid="credentials-secret"]').text()).toBe('abcd-efgh-jkmn-pqrs');
    expect(notice.text()).toContain('then must choose their own');
  });

  it('copies the code with the Copy button', async () => {
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const mia = makeAdminUser({ email: 'mia@acme.test' });
    const w = await mountSection([mia]);
    on('admin.users.reissue', () => invitationFor(mia));
    await openMenu(w, 'mia@acme.test', 'New invitation');
    await w.get('[data-testid="user-confirm-action"]').trigger('click');
    await flushPromises();
    await w.get('[data-testid="credentials-copy"]').trigger('click');
    await flushPromises();
    expect(writeText).toHaveBeenCalledWith(invitationFor(mia).invitation!.token);
    expect(w.get('[data-testid="credentials"]').text()).toContain('Copied.');
  });

  it('pages with “Show more”', async () => {
    const first = makeAdminUser();
    const second = makeAdminUser();
    on('admin.users.list', (q) => ({ items: q.offset === 0 ? [first] : [second], total: 2 }));
    const w = mountAdmin(UsersSection);
    await flushPromises();
    expect(rows(w)).toHaveLength(1);
    await w.get('[data-testid="users-more"]').trigger('click');
    await flushPromises();
    expect(rows(w)).toHaveLength(2);
    expect(callsOf('admin.users.list').at(-1)).toMatchObject({ offset: 1 });
    expect(w.find('[data-testid="users-more"]').exists()).toBe(false);
  });
});
