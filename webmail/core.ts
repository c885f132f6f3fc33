/**
 * The always-loaded part of every webmail content script: the provider's adapter, the tab report
 * the side panel follows, the Message-ID answers, the pill, and the loader of the Vue UI chunk.
 * Kept small and quick on purpose (≤ 40 KB gzip, ≤ 5 ms at page load); everything with
 * Vue, Pinia or DOMPurify lives in the UI chunk (`entrypoints/mail-ui.content`).
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { mountInPagePill } from '@/components/common/in-page-pill';
import { detectLocale } from '@/locales/catalog';
import { send } from '@/messaging/client';
import { startFeatures, tabReportFeature, type WebmailFeature } from './bootstrap';
import { answerResolve, isResolveMessage } from './message-id-responder';
import { createKeepClear, keepComposesClear, type KeepClear } from './keep-clear';
import { isEnsureUiMessage, publishPageCore, type EnsureUiReply } from './page-core';
import type { WebmailAdapter, WebmailProvider } from './types';
import { whenIdle } from './idle';
import { createUiLoader, loadUiOnNeed, type UiLoader } from './ui-loader';
import { createUiStylesReader } from './ui-styles';

/** Answers what the background asks of the page itself (not of the UI chunk). */
function tabMessagesFeature(loader: UiLoader): WebmailFeature {
  return {
    id: 'tab-messages',
    run(_ctx, adapter, signal) {
      const onMessage = (message: unknown) => {
        if (isResolveMessage(message)) return answerResolve(adapter, message.req);
        if (isEnsureUiMessage(message)) {
          return loader.ensure().then(
            (): EnsureUiReply => ({ ok: true }),
            (e: unknown): EnsureUiReply => ({ ok: false, message: e instanceof Error ? e.message : String(e) }),
          );
        }
        return undefined;
      };
      browser.runtime.onMessage.addListener(onMessage);
      signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage), { once: true });
    },
  };
}

function uiOnNeedFeature(loader: UiLoader): WebmailFeature {
  return { id: 'ui-on-need', run: (_ctx, adapter, signal) => loadUiOnNeed(adapter, loader, signal) };
}

function pillFeature(keepClear: KeepClear): WebmailFeature {
  return {
    id: 'pill',
    run(_ctx, adapter, signal) {
      keepComposesClear(adapter, keepClear, signal);
      mountInPagePill(signal, keepClear);
    },
  };
}

export function startWebmailCore(ctx: ContentScriptContext, provider: WebmailProvider, adapter: WebmailAdapter, win: Window = window): void {
  const uiStyles = createUiStylesReader();
  const loader = createUiLoader(() => {
    // The stylesheet is read beside the injection: the first control needs both.
    void uiStyles();
    return send('page.inject', { script: 'mail-ui', locale: detectLocale() });
  });
  const keepClear = createKeepClear();
  publishPageCore({ provider, adapter, signal: ctx.signal, uiStarted: () => loader.started(), keepClear, uiStyles });
  // At once: a listener costs nothing until the background asks something.
  void startFeatures(ctx, adapter, [tabMessagesFeature(loader)]);
  // The rest (reading the page, the first messages to the background, the pill) when the page's
  // main thread is first idle: a webmail still starting never waits for us (≤ 5 ms at
  // page load).
  whenIdle(win, () => void startFeatures(ctx, adapter, [tabReportFeature(provider), uiOnNeedFeature(loader), pillFeature(keepClear)]), ctx.signal);
}
