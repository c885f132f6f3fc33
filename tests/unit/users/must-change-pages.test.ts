/** Popup and side panel while a one-time password must be replaced: a message and the way there, no API calls. */
import { createTestingPinia } from '@pinia/testing';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import PopupApp from '@/components/popup/PopupApp.vue';
import SidePanelApp from '@/components/sidepanel/SidePanelApp.vue';
import { locale } from '@/utils/i18n';
import { meAlice } from '../background/samples';
import { sendMock, sent } from '../stores/mock-send';
import { resetBeforeEach } from '../stores/reset';

vi.mock('@/messaging/client', (original) => import('../stores/mock-send').then((m) => m.mockedClient(original)));

resetBeforeEach({ pinia: false });

const pinia = () => createTestingPinia({ createSpy: vi.fn, stubActions: false });
const mustChange = { status: 'signed-in' as const, serverUrl: 'http://localhost:8787', me: meAlice, mustChangePassword: true as const };

describe.each([
  ['popup', PopupApp],
  ['side panel', SidePanelApp],
])('%s', (_name, App) => {
  it('says to choose a password, opens the settings, and asks for no accounts', async () => {
    sendMock.on('session.get', () => mustChange);
    sendMock.on('tab.active', () => undefined);
    const open = vi.fn(async () => undefined);
    fakeBrowser.runtime.openOptionsPage = open as unknown as typeof fakeBrowser.runtime.openOptionsPage;
    const w = mount(App, { global: { plugins: [pinia()] } });
    await flushPromises();
    expect(w.get('main').attributes('data-screen')).toBe('choose-password');
    expect(w.text()).toContain('Choose your own password in Mailroom’s settings');
    expect(sent.map((s) => s.name)).not.toContain('accounts.mine');
    const button = w.findAll('button').find((b) => b.text() === 'Choose my password');
    await button!.trigger('click');
    expect(open).toHaveBeenCalled();
    w.unmount();
  });

  it('in French too', async () => {
    locale.value = 'fr';
    sendMock.on('session.get', () => mustChange);
    sendMock.on('tab.active', () => undefined);
    const w = mount(App, { global: { plugins: [pinia()] } });
    await flushPromises();
    expect(w.text()).toContain('Choisir mon mot de passe');
    w.unmount();
    locale.value = 'en';
  });
});
