/**
 * In-page feature (compose half): every compose gets the user's shared account and its
 * signature, with an account picker and a "Signature" menu in its toolbar; "Write to" from the
 * side panel opens a compose here. The rules live in `stores/compose.ts`; this file wires the
 * adapter's events to them and mounts the controls.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { onBroadcast } from '@/composables/useBroadcast';
import { useComposeStore } from '@/stores/compose';
import type { WebmailFeature } from '@/webmail/bootstrap';
import type { WebmailAdapter } from '@/webmail/types';
import { isOpenToMessage, openComposeTo } from './compose/open-to';
import { mountComposeToolbar } from './compose/mount-toolbar';
import { uiPinia } from './ui-pinia';

const feature: WebmailFeature = {
  id: 'compose-signature',
  run(ctx: ContentScriptContext, adapter: WebmailAdapter, signal: AbortSignal) {
    const pinia = uiPinia(adapter);
    const store = useComposeStore(pinia);
    /** Per compose id: aborts the listeners and the UI of the previous detection of it. */
    const perCompose = new Map<string, AbortController>();

    adapter.onComposeOpened((handle) => {
      perCompose.get(handle.id)?.abort();
      const own = new AbortController();
      perCompose.set(handle.id, own);
      const composeSignal = AbortSignal.any([signal, own.signal]);

      handle.onClosed(() => {
        own.abort();
        perCompose.delete(handle.id);
        store.detach(handle.id);
      }, composeSignal);
      handle.onFromChanged((address) => void store.fromChanged(handle.id, address), composeSignal);
      store.attach(handle).catch((e: unknown) => console.warn('[mailroom] compose-signature', e));
      mountComposeToolbar(ctx, handle, pinia, composeSignal).catch((e: unknown) =>
        console.warn('[mailroom] compose-signature: no controls for this compose', e),
      );
    }, signal);

    // "Write to" from the side panel, forwarded by the background to this tab.
    const onMessage = (message: unknown) => (isOpenToMessage(message) ? openComposeTo(adapter, store, message.req) : undefined);
    browser.runtime.onMessage.addListener(onMessage);
    // The user saved their profile in the options page: signatures render with the new details.
    const unfollowProfile = onBroadcast('profile.changed', () => store.profileChanged());
    signal.addEventListener(
      'abort',
      () => {
        browser.runtime.onMessage.removeListener(onMessage);
        unfollowProfile();
      },
      { once: true },
    );
  },
};

export default feature;
