import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createDispatcher } from '@/background/dispatch';
import { createHandlers } from '@/background/handlers';
import { createSession } from '@/background/session';
import { watchTabs } from '@/background/tabs';

// Everything is registered synchronously at start-up: an MV3 worker woken by an event only gets
// the events whose listeners exist after its first run.
export default defineBackground(() => {
  const session = createSession();
  browser.runtime.onMessage.addListener(createDispatcher(createHandlers(session), session.serverUrl));
  watchTabs();
});
