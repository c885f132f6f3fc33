import { createTestingPinia } from '@pinia/testing';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import AccountPicker from '@/components/account/AccountPicker.vue';
import PopupApp from '@/components/popup/PopupApp.vue';
import SignInForm from '@/components/session/SignInForm.vue';
import TabStatus from '@/components/sidepanel/TabStatus.vue';
import SidePanelApp from '@/components/sidepanel/SidePanelApp.vue';
import { useAccountsStore } from '@/stores/accounts';
import { locale } from '@/utils/i18n';
import { account, meAlice } from '../background/samples';
import { sendMock, sent } from '../stores/mock-send';
import { resetBeforeEach } from '../stores/reset';

vi.mock('@/messaging/client', (original) => import('../stores/mock-send').then((m) => m.mockedClient(original)));

// Each component test mounts with a Pinia of its own (`pinia()` below).
resetBeforeEach({ pinia: false });

const pinia = () => createTestingPinia({ createSpy: vi.fn, stubActions: false });
const signedIn = { status: 'signed-in' as const, serverUrl: 'http://localhost:8787', me: meAlice };

describe('SignInForm', () => {
  it.each([
    ['en', ['Server URL', 'Email', 'Password'], 'Sign in'],
    ['fr', ['URL du serveur', 'E-mail', 'Mot de passe'], 'Se connecter'],
  ] as const)('is labelled in %s', async (lang, labels, button) => {
    locale.value = lang;
    const w = mount(SignInForm, { global: { plugins: [pinia()] } });
    expect(w.findAll('label span').map((s) => s.text())).toEqual(labels);
    expect(w.get('button[type=submit]').text()).toBe(button);
  });

  it('sends what was typed, with the server URL normalised', async () => {
    sendMock.on('session.signIn', (req) => ({ ...signedIn, serverUrl: req.serverUrl }));
    const w = mount(SignInForm, { global: { plugins: [pinia()] } });
    await w.get('input[name=serverUrl]').setValue('http://127.0.0.1:8787/');
    await w.get('input[name=email]').setValue('alice@demo.test');
    await w.get('input[name=password]').setValue('demo');
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(sent).toEqual([{ name: 'session.signIn', req: { serverUrl: 'http://127.0.0.1:8787', email: 'alice@demo.test', password: 'demo' } }]);
    expect((w.get('input[name=password]').element as HTMLInputElement).value).toBe('');
  });

  it('shows a failure as an alert', async () => {
    sendMock.fail('session.signIn', { code: 'unauthorized', status: 401, message: 'Wrong email or password.' });
    const w = mount(SignInForm, { global: { plugins: [pinia()] } });
    await w.get('input[name=email]').setValue('alice@demo.test');
    await w.get('input[name=password]').setValue('x');
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(w.get('[role=alert]').text()).toBe('Wrong email or password.');
  });

  it('does not show the last attempt’s error while a new one runs', async () => {
    sendMock.fail('session.signIn', { code: 'unauthorized', status: 401, message: 'Wrong email or password.' });
    const w = mount(SignInForm, { global: { plugins: [pinia()] } });
    await w.get('input[name=email]').setValue('alice@demo.test');
    await w.get('input[name=password]').setValue('x');
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(w.find('[role=alert]').exists()).toBe(true);

    let answer!: (fail: boolean) => void;
    sendMock.on('session.signIn', () => new Promise((resolve, reject) => {
      answer = (fail) => (fail ? reject(new sendMock.errorClass!({ code: 'unauthorized', status: 401, message: 'Wrong email or password.' })) : resolve(signedIn));
    }));
    await w.get('input[name=password]').setValue('y');
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(w.find('[role=alert]').exists()).toBe(false);
    expect(w.get('button[type=submit]').text()).toBe('Signing in…');
    // This attempt fails too: its own error shows.
    answer(true);
    await flushPromises();
    expect(w.get('[role=alert]').text()).toBe('Wrong email or password.');
  });
});

describe('AccountPicker', () => {
  it('marks the default and switches it on change', async () => {
    sendMock.on('accounts.mine', () => [account('a1', 'sales@demo.test', true), account('a2', 'support@demo.test', false)]);
    sendMock.on('accounts.patchMine', () => [account('a1', 'sales@demo.test', false), account('a2', 'support@demo.test', true)]);
    const w = mount(AccountPicker, { global: { plugins: [pinia()] } });
    await useAccountsStore().load();
    await flushPromises();
    const radios = w.findAll('input[type=radio]');
    expect(radios.map((r) => (r.element as HTMLInputElement).checked)).toEqual([true, false]);
    expect(w.get('[data-account-id=a1]').text()).toContain('Default');
    await radios[1]!.setValue(true);
    await flushPromises();
    expect(sent.at(-1)).toEqual({ name: 'accounts.patchMine', req: { accountId: 'a2', patch: { isDefault: true } } });
    expect(w.get('[data-account-id=a2]').text()).toContain('Default');
    expect(w.get('[data-account-id=a1]').text()).not.toContain('Default');
  });

  it('says when there is no account to use', async () => {
    sendMock.on('accounts.mine', () => []);
    const w = mount(AccountPicker, { global: { plugins: [pinia()] } });
    await useAccountsStore().load();
    await flushPromises();
    expect(w.text()).toContain('You cannot use any shared mailbox yet.');
  });
});

describe('PopupApp', () => {
  it('signed in: who, the accounts and the side panel button', async () => {
    sendMock.on('session.get', () => signedIn);
    sendMock.on('accounts.mine', () => [account('a1', 'sales@demo.test', true)]);
    const w = mount(PopupApp, { global: { plugins: [pinia()] } });
    await flushPromises();
    expect(w.get('main').attributes('data-screen')).toBe('signed-in');
    expect(w.text()).toContain('Alice Martin');
    expect(w.find('[data-account-id=a1]').exists()).toBe(true);
    expect(w.get('button').text()).toBe('Open the side panel');
  });

  it('signed out: says so, with the way to the settings', async () => {
    sendMock.on('session.get', () => ({ status: 'signed-out', serverUrl: 'http://localhost:8787' }));
    const w = mount(PopupApp, { global: { plugins: [pinia()] } });
    await flushPromises();
    expect(w.text()).toContain('You are not signed in to Mailroom.');
    expect(w.get('button').text()).toBe('Open Mailroom settings');
  });

  it('expired: says the session expired', async () => {
    sendMock.on('session.get', () => ({ status: 'signed-out', serverUrl: 'http://localhost:8787', reason: 'expired' }));
    const w = mount(PopupApp, { global: { plugins: [pinia()] } });
    await flushPromises();
    expect(w.get('[role=alert]').text()).toBe('Your session has expired: sign in again.');
  });

  it('server unreachable: names the server instead of the accounts', async () => {
    sendMock.on('session.get', () => ({ ...signedIn, serverUrl: 'http://127.0.0.1:9' }));
    sendMock.fail('accounts.mine', { code: 'network', message: 'Cannot reach the Mailroom server at http://127.0.0.1:9', params: { url: 'http://127.0.0.1:9' } });
    const w = mount(PopupApp, { global: { plugins: [pinia()] } });
    await flushPromises();
    expect(w.get('main').attributes('data-screen')).toBe('unreachable');
    expect(w.get('[role=alert]').text()).toBe('Cannot reach the Mailroom server at http://127.0.0.1:9.');
    expect(w.find('[data-testid=account-picker]').exists()).toBe(false);
  });
});

describe('TabStatus', () => {
  it.each([
    [undefined, 'Open Gmail or Outlook in a tab to file mail.'],
    [{ tabId: 1, provider: 'gmail' as const }, 'Gmail · Open a message to file it'],
    [{ tabId: 1, provider: 'gmail' as const, conversation: { subject: 'Quote 118', messages: [] } }, 'Quote 118'],
    [{ tabId: 1, provider: 'outlook' as const, conversation: { subject: '', messages: [] } }, '(no subject)'],
  ])('%j → %s', (tab, text) => {
    const w = mount(TabStatus, { props: { tab } });
    expect(w.text()).toContain(text);
  });

  it('names the sender of the message the filing view files (the last one expanded) under the subject', () => {
    const msg = (name: string, address: string, expanded: boolean) => ({
      providerMessageId: address, subject: 'Quote 118', from: { name, address }, to: [], cc: [], snippet: '', attachments: [], expanded,
    });
    const conversation = { subject: 'Quote 118', messages: [msg('Ann', 'ann@x.test', true), msg('Bo', 'bo@x.test', true), msg('Cy', 'cy@x.test', false)] };
    const w = mount(TabStatus, { props: { tab: { tabId: 1, provider: 'gmail' as const, conversation } } });
    expect(w.get('h2').text()).toBe('Quote 118');
    expect(w.get('[data-testid=tab-sender]').text()).toBe('From Bo <bo@x.test>');
  });
});

describe('SidePanelApp', () => {
  it('shows the followed tab\'s conversation and gives the body slot the conversation', async () => {
    sendMock.on('session.get', () => signedIn);
    sendMock.on('accounts.mine', () => []);
    sendMock.on('tab.active', () => ({ tabId: 7, provider: 'gmail', conversation: { subject: 'Delivery 4471', messages: [] } }));
    // The filing view inside the body has its own tests.
    const w = mount(SidePanelApp, { global: { plugins: [pinia()], stubs: { FilingSidePanel: true } } });
    await flushPromises();
    expect(w.get('[data-testid=tab-status]').text()).toContain('Delivery 4471');
    expect(w.find('[data-testid=sidepanel-body]').exists()).toBe(true);
    expect(w.find('[data-testid=account-picker]').exists()).toBe(true);
  });
});
