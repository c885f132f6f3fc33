import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import UsersChoosePassword from '@/components/users/UsersChoosePassword.vue';
import UsersProfile from '@/components/users/UsersProfile.vue';
import { useSessionStore } from '@/stores/session';
import { locale } from '@/utils/i18n';
import { account, alice, meAlice } from '../background/samples';
import { useAdminMount } from '../admin/adminMount';
import { apiError, callsOf, makeSignature, on } from '../admin/mockApi';

vi.mock('@/messaging/client', () => import('../admin/mockApi'));

const mountAdmin = useAdminMount();
const state = (over: Partial<typeof alice> = {}, mustChangePassword = false) => ({
  status: 'signed-in' as const,
  serverUrl: 'http://localhost:8787',
  me: { ...meAlice, user: { ...alice, ...over } },
  ...(mustChangePassword && { mustChangePassword: true as const }),
});

/** The profile as its user sees it: one mailbox whose default signature prints the title. */
async function mountProfile() {
  const box = { ...account('a1', 'sales@demo.test', true), myAccess: { isDefault: true, defaultSignatureId: 'sig-main', expiresAt: null } };
  let title: string | null = 'Sales';
  on('accounts.mine', () => [box]);
  on('signatures.list', () => [makeSignature({ id: 'sig-main', accountId: 'a1', html: '<p>{{user.jobTitle}}</p>' })]);
  on('signatures.preview', () => ({ id: null, html: `<p>${title}</p>`, warnings: [] }) as never);
  on('me.update', (patch) => {
    title = patch.jobTitle ?? null;
    return state({ jobTitle: title });
  });
  const w = mountAdmin(UsersProfile);
  useSessionStore().state = state({ jobTitle: 'Sales' });
  await flushPromises();
  return w;
}

const previewHtml = (w: VueWrapper) => w.get('[data-testid="signature-preview-frame"]').attributes('srcdoc') ?? '';

async function settle() {
  await vi.waitFor(() => expect(document.querySelector('[data-testid="signature-preview"]')?.getAttribute('data-pending')).toBe('false'));
}

describe('UsersProfile', () => {
  it('shows the own details, saves them, and the signature preview renders again with them', async () => {
    const w = await mountProfile();
    expect((w.get('[data-testid="profile-jobTitle"]').element as HTMLInputElement).value).toBe('Sales');
    await settle();
    expect(previewHtml(w)).toContain('<p>Sales</p>');

    await w.get('[data-testid="profile-jobTitle"]').setValue('Head of Sales');
    await w.get('[data-testid="profile-form"]').trigger('submit');
    await flushPromises();
    expect(callsOf('me.update')).toEqual([{ firstName: 'Alice', lastName: 'Martin', jobTitle: 'Head of Sales', phone: '', mobile: '' }]);
    expect(w.get('[data-testid="profile-notice"]').text()).toBe('Your profile is saved.');
    expect(useSessionStore().user?.jobTitle).toBe('Head of Sales');

    // The background's broadcast after the save: the preview asks the API again.
    const before = callsOf('signatures.preview').length;
    await fakeBrowser.runtime.sendMessage({ broadcast: 'profile.changed' }).catch(() => undefined);
    await vi.waitFor(() => expect(callsOf('signatures.preview').length).toBeGreaterThan(before));
    await settle();
    expect(previewHtml(w)).toContain('<p>Head of Sales</p>');
  });

  it('refuses an empty first name before sending', async () => {
    const w = await mountProfile();
    await w.get('[data-testid="profile-firstName"]').setValue('  ');
    await w.get('[data-testid="profile-form"]').trigger('submit');
    expect(w.text()).toContain('Enter a first name.');
    expect(callsOf('me.update')).toHaveLength(0);
  });

  it('changes the password: checked twice, a wrong current one said under its field', async () => {
    const w = await mountProfile();
    const form = w.get('[data-testid="password-form"]');
    await form.get('[data-testid="password-current"]').setValue('old password');
    await form.get('[data-testid="password-new"]').setValue('new password');
    await form.get('[data-testid="password-again"]').setValue('new passwort');
    await form.trigger('submit');
    expect(form.text()).toContain('The two passwords are not the same.');
    expect(callsOf('me.changePassword')).toHaveLength(0);

    on('me.changePassword', () => {
      throw apiError('validation_failed', 'Invalid.', { status: 422, fields: { currentPassword: 'Your current password is not right.' } });
    });
    await form.get('[data-testid="password-again"]').setValue('new password');
    await form.trigger('submit');
    await flushPromises();
    expect(form.text()).toContain('Your current password is not right.');

    on('me.changePassword', () => state());
    await form.trigger('submit');
    await flushPromises();
    expect(callsOf('me.changePassword').at(-1)).toEqual({ currentPassword: 'old password', newPassword: 'new password' });
    expect(form.text()).toContain('Your password is changed.');
    expect((form.get('[data-testid="password-new"]').element as HTMLInputElement).value).toBe('');
  });
});

describe('UsersChoosePassword', () => {
  it('asks for the one-time password and a new one; the session can then work', async () => {
    locale.value = 'fr';
    on('me.changePassword', () => state());
    const w = mountAdmin(UsersChoosePassword);
    const session = useSessionStore();
    session.state = state({}, true);
    await flushPromises();
    expect(session.mustChangePassword).toBe(true);
    expect(w.text()).toContain('Choisissez votre mot de passe');
    expect(w.text()).toContain('Le mot de passe à usage unique');
    await w.get('[data-testid="password-current"]').setValue('abcd-efgh-jkmn-pqrs');
    await w.get('[data-testid="password-new"]').setValue('mon mot de passe');
    await w.get('[data-testid="password-again"]').setValue('mon mot de passe');
    await w.get('[data-testid="password-form"]').trigger('submit');
    await flushPromises();
    expect(session.mustChangePassword).toBe(false);
    expect(session.isReady).toBe(true);
  });
});
