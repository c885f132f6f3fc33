/**
 * The in-page feature runner. Each feature is a file `features/<id>.ts` whose default export is
 * `{ id, run(ctx, adapter, signal) }`; they are found at build time (`discover-features.ts`, in the
 * UI chunk only: finding them imports them), started together without
 * awaiting each other, and one that throws (at once or later) is logged with its id while the
 * others keep running. Every listener a feature adds is tied to `signal` (the content script's),
 * so an extension reload leaves nothing behind.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { send } from '@/messaging/client';
import type { OpenConversation, WebmailAdapter, WebmailProvider } from './types';

export interface WebmailFeature {
  /** The file name under `features/`; used in logs. */
  readonly id: string;
  run(ctx: ContentScriptContext, adapter: WebmailAdapter, signal: AbortSignal): void | Promise<void>;
}

export interface FeatureOutcome {
  id: string;
  ok: boolean;
  error?: unknown;
}

type Log = Pick<Console, 'error'>;

/**
 * Starts every feature at once. Resolves, for tests and logs, when all have settled; callers
 * need not await it. A failure is logged as `[mailroom] feature <id> failed` with the error.
 */
export function startFeatures(
  ctx: ContentScriptContext,
  adapter: WebmailAdapter,
  features: readonly WebmailFeature[],
  log: Log = console,
  /** The features' life; the UI chunk passes its own and the page core's, combined. */
  signal: AbortSignal = ctx.signal,
): Promise<FeatureOutcome[]> {
  return Promise.all(
    features.map(async (feature): Promise<FeatureOutcome> => {
      try {
        // `await` inside the per-feature task: a sync throw and a rejection land in the same catch.
        await feature.run(ctx, adapter, signal);
        return { id: feature.id, ok: true };
      } catch (error) {
        if (signal.aborted) return { id: feature.id, ok: true };
        log.error(`[mailroom] feature ${feature.id} failed`, error);
        return { id: feature.id, ok: false, error };
      }
    }),
  );
}

/**
 * Built-in feature: tells the background which webmail this tab is and what conversation it
 * shows, now and on every change, so the side panel can follow it.
 */
export function tabReportFeature(provider: WebmailProvider): WebmailFeature {
  return {
    id: 'tab-report',
    async run(_ctx, adapter, signal) {
      const report = (conversation: OpenConversation | undefined) => {
        if (signal.aborted) return;
        send('tab.report', { provider, ...(conversation && { conversation }) }).catch((e: unknown) =>
          console.warn('[mailroom] could not report the tab state', e),
        );
      };
      adapter.onConversationChanged(report, signal);
      report(adapter.currentConversation());
    },
  };
}
