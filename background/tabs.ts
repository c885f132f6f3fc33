/**
 * Per-tab webmail state. Kept in `storage.session` because the MV3 worker is stopped when idle
 * and would forget a Map; updates are serialised so two reports cannot overwrite each other.
 */
import { browser, type Browser } from 'wxt/browser';
import { ApiError } from '@/api/errors';
import type { TabState } from '@/messaging/protocol';
import { lastWebmailTabItem, tabStatesItem } from './tab-storage';
import { providerForHost } from '@/webmail/registry';
import { broadcast } from './broadcast';

let queue: Promise<unknown> = Promise.resolve();
/** Runs `fn` after every earlier update finished (read-modify-write on one storage key). */
function serial<T>(fn: () => Promise<T>): Promise<T> {
  const next = queue.then(fn, fn);
  queue = next.catch(() => undefined);
  return next;
}

export function reportTab(sender: Browser.runtime.MessageSender, report: Omit<TabState, 'tabId'>): Promise<void> {
  const tab = sender.tab;
  if (tab?.id === undefined) {
    return Promise.reject(new ApiError({ code: 'internal', message: 'tab.report is for content scripts only.' }));
  }
  const tabId = tab.id;
  return serial(async () => {
    const states = await tabStatesItem.getValue();
    states[String(tabId)] = { ...report, tabId };
    await tabStatesItem.setValue(states);
    if (tab.active) await lastWebmailTabItem.setValue(tabId);
    broadcast({ broadcast: 'tab.changed' });
  });
}

/**
 * The webmail tab the side panel should show: the active tab of the focused window when it is a
 * webmail tab, else the webmail tab looked at last (the panel may be open as its own tab).
 */
export async function activeTabState(): Promise<TabState | undefined> {
  const states = await tabStatesItem.getValue();
  const [active] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (active?.id !== undefined && states[String(active.id)]) return states[String(active.id)];
  const last = await lastWebmailTabItem.getValue();
  return last === null ? undefined : states[String(last)];
}

export function onTabActivated(tabId: number): Promise<void> {
  return serial(async () => {
    const states = await tabStatesItem.getValue();
    if (states[String(tabId)]) await lastWebmailTabItem.setValue(tabId);
    broadcast({ broadcast: 'tab.changed' });
  });
}

export function forgetTab(tabId: number): Promise<void> {
  return serial(async () => {
    const states = await tabStatesItem.getValue();
    if (!states[String(tabId)]) return;
    delete states[String(tabId)];
    await tabStatesItem.setValue(states);
    if ((await lastWebmailTabItem.getValue()) === tabId) await lastWebmailTabItem.setValue(null);
    broadcast({ broadcast: 'tab.changed' });
  });
}

/** Listeners must be added synchronously when the worker starts, or Chrome drops the events. */
export function watchTabs(): void {
  browser.tabs.onActivated.addListener(({ tabId }) => void onTabActivated(tabId));
  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
  // Leaving the webmail: its content script is gone and cannot say so. (Navigation inside the
  // webmail is reported by the content script itself.)
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.url && providerForHost(hostOf(change.url)) === 'none') void forgetTab(tabId);
  });
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}
