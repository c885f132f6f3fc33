/**
 * All a webmail page loads from the manifest: at the page's first idle moment, ask the background
 * to inject this provider's page core (`entrypoints/<provider>-core.content`). A page that is still
 * starting pays only for this file (≤ 5 ms of main-thread work at page load); the core's
 * own work (the adapter, the tab report, the pill) and the Vue UI come after, one step each.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { send } from '@/messaging/client';
import type { PageScript } from '@/messaging/protocol';
import { whenIdle } from './idle';

/**
 * Waits before asking again when the background did not answer (a service worker being started
 * or updated): a tab without its core shows no Mailroom until it is reloaded.
 */
const retryDelaysMs = [2_000, 10_000];

export function loadPageCoreWhenIdle(ctx: ContentScriptContext, script: PageScript, win: Window = window, retries = retryDelaysMs): void {
  const attempt = (left: readonly number[]) =>
    send('page.inject', { script }).catch((e: unknown) => {
      const [delay, ...rest] = left;
      if (delay === undefined || ctx.signal.aborted) {
        console.warn('[mailroom] could not start in this tab', e);
        return;
      }
      win.setTimeout(() => whenIdle(win, () => void attempt(rest), ctx.signal), delay);
    });
  whenIdle(win, () => void attempt(retries), ctx.signal);
}
