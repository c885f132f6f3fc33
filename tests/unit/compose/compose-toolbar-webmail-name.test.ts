/** The compose controls name the webmail they sit in: Outlook's page gets Outlook's name, in EN and FR. */
import { createTestingPinia } from '@pinia/testing';
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ComposeToolbar from '@/components/compose/ComposeToolbar.vue';
import { send } from '@/messaging/client';
import { useComposeStore } from '@/stores/compose';
import { locale } from '@/utils/i18n';
import { createKeepClear } from '@/webmail/keep-clear';
import { noneAdapter } from '@/webmail/none';
import { publishPageCore } from '@/webmail/page-core';
import type { WebmailProvider } from '@/webmail/types';
import { answerFrom } from '../stores/api-handlers';
import { defaultHandlers } from './api-mock';
import { FakeCompose } from './fake-compose';

vi.mock('@/messaging/client', (original) => import('../stores/api-handlers').then((m) => m.clientWithSendMock(original)));

answerFrom(send, defaultHandlers);
afterEach(() => {
  locale.value = 'en';
  publishPageCore(undefined as never);
});

async function toolbarIn(provider: WebmailProvider, compose: FakeCompose) {
  publishPageCore({ provider, adapter: noneAdapter, signal: new AbortController().signal, uiStarted: () => {}, keepClear: createKeepClear(), uiStyles: () => Promise.resolve('') });
  const pinia = createTestingPinia({ createSpy: vi.fn, stubActions: false });
  await useComposeStore(pinia).attach(compose);
  const wrapper = mount(ComposeToolbar, { props: { composeId: compose.id }, global: { plugins: [pinia] }, attachTo: document.body });
  await flushPromises();
  return wrapper;
}

describe('the webmail named in the compose controls', () => {
  it.each<[WebmailProvider, string, string]>([
    ['outlook', 'Keep Outlook’s own signature', 'Garder la signature fournie par Outlook'],
    ['gmail', 'Keep Gmail’s own signature', 'Garder la signature fournie par Gmail'],
  ])('%s', async (provider, keepEn, keepFr) => {
    const wrapper = await toolbarIn(provider, new FakeCompose({ from: 'ana@mail.test', fromChoices: ['ana@mail.test'] }));
    const name = provider === 'outlook' ? 'Outlook' : 'Gmail';
    expect(wrapper.get('[data-testid="compose-from-mismatch"]').text()).toBe(`${name} will send this from ana@mail.test, not sales@acme.test.`);
    await wrapper.get('button[aria-haspopup="menu"]').trigger('click');
    expect(wrapper.get('[data-policy="keep"]').text()).toBe(keepEn);
    expect(wrapper.text()).toContain(`When ${name} adds its own signature`);
    locale.value = 'fr';
    await flushPromises();
    expect(wrapper.get('[data-policy="keep"]').text()).toBe(keepFr);
    expect(wrapper.get('[data-testid="compose-from-mismatch"]').text()).toBe(`${name} enverra ce message depuis ana@mail.test, et non sales@acme.test.`);
    wrapper.unmount();
  });
});
