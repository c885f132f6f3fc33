import { browser } from 'wxt/browser';
import { onMounted, ref } from 'vue';
import { ProtocolRequestError } from '@/messaging/client';
import type { ProtocolErrorCode } from '@/messaging/protocol';

type WithSidebar = { sidebarAction?: { open(): Promise<void> } };

/** Rejections in the protocol's shape, so `errorMessage()` writes them in the UI language. */
const sidePanelError = (code: ProtocolErrorCode, message: string): ProtocolRequestError => new ProtocolRequestError({ code, message });

/**
 * Opening the side panel needs the click's user gesture, which does not survive an `await`: the
 * window id is looked up when the page mounts so `open()` can call the browser synchronously.
 * Chrome: `sidePanel.open`; Firefox: `sidebarAction.open`.
 */
export function useSidePanel() {
  const windowId = ref<number>();
  onMounted(async () => {
    if (browser.sidePanel) windowId.value = (await browser.windows.getCurrent()).id;
  });

  function open(): Promise<void> {
    const sidebar = (browser as unknown as WithSidebar).sidebarAction;
    if (sidebar) return sidebar.open();
    if (!browser.sidePanel) return Promise.reject(sidePanelError('no_side_panel', 'no side panel in this browser'));
    if (windowId.value === undefined) return Promise.reject(sidePanelError('internal', 'window not known yet'));
    return browser.sidePanel.open({ windowId: windowId.value });
  }
  return { open };
}
