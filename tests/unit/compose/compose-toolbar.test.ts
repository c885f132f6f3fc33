import { createTestingPinia } from '@pinia/testing';
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ComposeToolbar from '@/components/compose/ComposeToolbar.vue';
import { ProtocolRequestError, send } from '@/messaging/client';
import { useComposeStore } from '@/stores/compose';
import { locale } from '@/utils/i18n';
import { answerFrom } from '../stores/api-handlers';
import { defaultHandlers, support } from './api-mock';
import { FakeCompose } from './fake-compose';

vi.mock('@/messaging/client', (original) => import('../stores/api-handlers').then((m) => m.clientWithSendMock(original)));

const handlers = answerFrom(send, defaultHandlers);
afterEach(() => {
  locale.value = 'en';
});

async function setUp(compose = new FakeCompose({ fromChoices: ['sales@acme.test', 'support@acme.test'], body: '<div>Hi</div>' })) {
  const pinia = createTestingPinia({ createSpy: vi.fn, stubActions: false });
  const store = useComposeStore(pinia);
  await store.attach(compose);
  const host = document.createElement('div');
  document.body.append(host);
  const wrapper = mount(ComposeToolbar, { props: { composeId: compose.id }, global: { plugins: [pinia] }, attachTo: host });
  await flushPromises();
  return { compose, store, wrapper };
}

/** The accessible name of a form control: its `<label for>` text, else `aria-label`. */
function accessibleName(el: Element): string {
  const id = el.getAttribute('id');
  const label = id ? document.querySelector(`label[for="${id}"]`) : null;
  return (label?.textContent ?? el.getAttribute('aria-label') ?? el.textContent ?? '').replace('▾', '').trim();
}

describe('compose toolbar', () => {
  it('has an "Account" picker and a "Signature" menu button, named in English and French', async () => {
    const { wrapper } = await setUp();
    const select = wrapper.get('select').element;
    const button = wrapper.get('button[aria-haspopup="menu"]').element;
    expect(accessibleName(select)).toBe('Account');
    expect(accessibleName(button)).toBe('Signature');
    locale.value = 'fr';
    await flushPromises();
    expect(accessibleName(select)).toBe('Compte');
    expect(accessibleName(button)).toBe('Signature');
    wrapper.unmount();
  });

  it('shows the usable accounts with the chosen one selected; picking another swaps the signature', async () => {
    const { compose, wrapper } = await setUp();
    const select = wrapper.get('select');
    expect(select.findAll('option').map((o) => o.attributes('value'))).toEqual(['acc-sales', 'acc-support']);
    expect((select.element as HTMLSelectElement).value).toBe('acc-sales');
    await select.setValue(support.id);
    await flushPromises();
    expect(compose.markers()).toEqual(['sig-support-1']);
    expect(compose.from).toBe('support@acme.test');
    wrapper.unmount();
  });

  it('the menu lists the account\'s signatures and "No signature", the current one checked', async () => {
    const { compose, wrapper } = await setUp();
    await wrapper.get('button[aria-haspopup="menu"]').trigger('click');
    await flushPromises();
    const items = wrapper.findAll('[role="menuitemradio"][data-signature-id]');
    expect(items.map((i) => i.text())).toEqual(['sig-sales-1', 'sig-sales-2', 'No signature']);
    expect(items.map((i) => i.attributes('aria-checked'))).toEqual(['true', 'false', 'false']);
    expect(document.activeElement).toBe(items[0]!.element);

    await items[1]!.trigger('click');
    await flushPromises();
    expect(compose.markers()).toEqual(['sig-sales-2']);
    expect(wrapper.find('[role="menu"]').exists()).toBe(false);

    await wrapper.get('button[aria-haspopup="menu"]').trigger('click');
    await wrapper.get('[role="menuitemradio"][data-signature-id=""]').trigger('click');
    await flushPromises();
    expect(compose.markers()).toEqual([]);
    expect(compose.outline()).toEqual(['text:Hi']);
    wrapper.unmount();
  });

  it('works from the keyboard: arrows move, Enter chooses, Escape closes', async () => {
    const { compose, wrapper } = await setUp();
    const button = wrapper.get('button[aria-haspopup="menu"]');
    await button.trigger('click');
    await flushPromises();
    const menu = wrapper.get('[role="menu"]');
    await menu.find('[aria-checked="true"]').trigger('keydown', { key: 'ArrowDown' });
    expect((document.activeElement as HTMLElement).dataset.signatureId).toBe('sig-sales-2');
    await wrapper.get('[data-signature-id="sig-sales-2"]').trigger('keydown', { key: 'Enter' });
    await flushPromises();
    expect(compose.markers()).toEqual(['sig-sales-2']);
    expect(document.activeElement).toBe(button.element);

    await button.trigger('click');
    await flushPromises();
    expect(button.attributes('aria-expanded')).toBe('true');
    await wrapper.get('[role="menu"] [aria-checked="true"]').trigger('keydown', { key: 'Escape' });
    expect(wrapper.find('[role="menu"]').exists()).toBe(false);
    expect(button.attributes('aria-expanded')).toBe('false');
    wrapper.unmount();
  });

  it('warns when Gmail will send from another address than the chosen account\'s', async () => {
    const { wrapper } = await setUp(new FakeCompose({ from: 'ana@gmail.test', fromChoices: ['ana@gmail.test'] }));
    expect(wrapper.get('[data-testid="compose-from-mismatch"]').text()).toBe('Gmail will send this from ana@gmail.test, not sales@acme.test.');
    wrapper.unmount();

    const matching = await setUp(new FakeCompose({ from: 'ana@gmail.test', fromChoices: ['ana@gmail.test', 'sales@acme.test'] }));
    expect(matching.wrapper.find('[data-testid="compose-from-mismatch"]').exists()).toBe(false);
    // The user then picks their own address in Gmail's menu: no account has it, so say so.
    matching.compose.userPicksFrom('ana@gmail.test');
    await matching.store.fromChanged(matching.compose.id, 'ana@gmail.test');
    await flushPromises();
    expect(matching.wrapper.get('[data-testid="compose-from-mismatch"]').text()).toContain('from ana@gmail.test');
    matching.wrapper.unmount();
  });

  it('saves the Gmail-signature setting from the menu', async () => {
    const { store, wrapper } = await setUp();
    await wrapper.get('button[aria-haspopup="menu"]').trigger('click');
    await wrapper.get('[data-policy="keep"]').trigger('click');
    await flushPromises();
    expect(store.nativePolicy).toBe('keep');
    expect(await fakeBrowser.storage.local.get('signaturePrefs')).toEqual({ signaturePrefs: { nativeSignature: 'keep' } });
    wrapper.unmount();
  });

  it('renders nothing for a user without accounts, and shows a failed load as an alert', async () => {
    handlers['accounts.mine'] = () => [];
    const none = await setUp();
    expect(none.wrapper.find('[data-testid="compose-toolbar"]').exists()).toBe(false);
    none.wrapper.unmount();

    handlers['accounts.mine'] = () => {
      throw new ProtocolRequestError({ code: 'network', message: 'x', params: { url: 'http://localhost:8787' } });
    };
    const failed = await setUp();
    expect(failed.wrapper.get('[role="alert"]').text()).toContain('Cannot reach the Mailroom server');
    expect(failed.wrapper.get('select').attributes('disabled')).toBeDefined();
    failed.wrapper.unmount();
  });
});
