import { browser, type Browser } from 'wxt/browser';
import { ApiError } from '@/api/errors';

/** Firefox's sidebar API is not in Chrome's types. */
type WithSidebar = { sidebarAction?: { open(): Promise<void> } };

/**
 * Opens the side panel (Chrome) or the sidebar (Firefox). Both need a user gesture, which is lost
 * at the first `await`: the call is made synchronously when the sender's window is known.
 */
export function openSidePanel(sender: Browser.runtime.MessageSender): Promise<void> {
  const sidebar = (browser as unknown as WithSidebar).sidebarAction;
  if (sidebar) return sidebar.open();
  if (!browser.sidePanel) return Promise.reject(new ApiError({ code: 'no_side_panel', message: 'This browser has no side panel.' }));
  const windowId = sender.tab?.windowId;
  if (windowId !== undefined) return browser.sidePanel.open({ windowId });
  return browser.windows.getCurrent().then((w) => browser.sidePanel.open({ windowId: w.id! }));
}
