import { flushPromises, type VueWrapper } from '@vue/test-utils';
import UsersInvitationPage from '@/components/users/UsersInvitationPage.vue';
import { useSessionStore } from '@/stores/session';
import { locale } from '@/utils/i18n';
import { invitationCodeFrom, invitationCodeInHash } from '@/utils/invitation-code';
import { meAlice } from '../background/samples';
import { useAdminMount } from '../admin/adminMount';
import { apiError, callsOf, on } from '../admin/mockApi';

vi.mock('@/messaging/client', () => import('../admin/mockApi'));

const mountAdmin = useAdminMount();
const info = { email: 'alice@demo.test', firstName: 'Alice', lastName: 'Martin', orgName: 'Demo SARL', expiresAt: '2026-12-09T10:00:00.000Z' };

describe('invitation codes as pasted', () => {
  it.each([
    ['  abc123  ', 'abc123'],
    ['chrome-extension://id/options.html#invite=abc123', 'abc123'],
    ['#invite=a%2Bb', 'a+b'],
    ['https://x.test/options.html?x=1&invite=tok-1&y=2', 'tok-1'],
  ])('%j → %j', (pasted, code) => expect(invitationCodeFrom(pasted)).toBe(code));

  it.each([
    ['#invite=tok', 'tok'],
    ['', null],
    ['#settings', null],
  ])('hash %j → %j', (hash, code) => expect(invitationCodeInHash(hash)).toBe(code));
});

async function checkCode(w: VueWrapper, code: string) {
  await w.get('[data-testid="invite-code"]').setValue(code);
  await w.get('form').trigger('submit');
  await flushPromises();
}

async function choose(w: VueWrapper, first: string, second: string) {
  await w.get('[data-testid="invite-password"]').setValue(first);
  await w.get('[data-testid="invite-password-again"]').setValue(second);
  await w.get('form').trigger('submit');
  await flushPromises();
}

describe('UsersInvitationPage', () => {
  it('checks a pasted link with the server, says who it is for, then signs in with a password chosen twice', async () => {
    on('invitations.inspect', () => info);
    on('invitations.accept', () => ({ status: 'signed-in', serverUrl: 'http://localhost:8787', me: meAlice }));
    const w = mountAdmin(UsersInvitationPage);
    await checkCode(w, 'chrome-extension://abc/options.html#invite=tok-1');
    expect(callsOf('invitations.inspect')).toEqual([{ serverUrl: 'http://localhost:8787', token: 'tok-1' }]);
    expect(w.get('[data-testid="invite-for"]').text()).toBe('This invitation is for Alice Martin (alice@demo.test) at Demo SARL.');

    await choose(w, 'short', 'short');
    expect(w.text()).toContain('at least 8 characters');
    await choose(w, 'long enough', 'long enougH');
    expect(w.text()).toContain('The two passwords are not the same.');
    expect(callsOf('invitations.accept')).toHaveLength(0);

    await choose(w, 'long enough', 'long enough');
    expect(callsOf('invitations.accept')).toEqual([{ serverUrl: 'http://localhost:8787', token: 'tok-1', password: 'long enough' }]);
    expect(useSessionStore().user?.email).toBe('alice@demo.test');
  });

  it.each([
    ['en', 404, 'invitation_invalid', 'This invitation code is not valid. Check that you copied all of it.'],
    ['en', 410, 'invitation_used', 'This invitation has already been used.'],
    ['fr', 410, 'invitation_used', 'Cette invitation a déjà été utilisée.'],
    ['fr', 410, 'invitation_replaced', 'remplacée par une plus récente'],
    ['fr', 410, 'invitation_expired', 'Cette invitation a expiré.'],
    ['en', 410, 'invitation_invalid', 'This invitation no longer works.'],
  ] as const)('%s: a %d %s reads “%s”', async (lang, status, code, shown) => {
    locale.value = lang;
    on('invitations.inspect', () => {
      throw apiError(code, 'The server’s English sentence', { status });
    });
    const w = mountAdmin(UsersInvitationPage);
    await checkCode(w, 'tok-1');
    expect(w.get('[role="alert"]').text()).toContain(shown);
    expect(w.find('[data-testid="invite-for"]').exists()).toBe(false);
  });

  it('a code used meanwhile is refused at the password step, with the reason', async () => {
    on('invitations.inspect', () => info);
    on('invitations.accept', () => {
      throw apiError('invitation_used', 'This invitation has already been used. Sign in with your email and password.', { status: 410 });
    });
    const w = mountAdmin(UsersInvitationPage);
    await checkCode(w, 'tok-1');
    await choose(w, 'long enough', 'long enough');
    expect(w.get('[role="alert"]').text()).toContain('already been used');
    expect(useSessionStore().isSignedIn).toBe(false);
  });

  it('a code from the page’s address is checked at once', async () => {
    on('invitations.inspect', () => info);
    const w = mountAdmin(UsersInvitationPage, { initialCode: 'tok-from-hash' });
    await flushPromises();
    expect(callsOf('invitations.inspect')).toEqual([{ serverUrl: 'http://localhost:8787', token: 'tok-from-hash' }]);
    expect(w.find('[data-testid="invite-for"]').exists()).toBe(true);
  });
});
