/**
 * What the always-loaded content script (the "core": adapter, tab report, pill) shares with the
 * Vue UI chunk injected later into the same isolated world (`entrypoints/mail-ui.content`). Both
 * are content scripts of this extension in the same frame, so they share `globalThis`; the page's
 * own scripts live in another world and never see it.
 */
import type { KeepClear } from './keep-clear';
import type { WebmailAdapter, WebmailProvider } from './types';

export interface PageCore {
  readonly provider: WebmailProvider;
  /** The one adapter of the page: one set of observers, one Message-ID cache. */
  readonly adapter: WebmailAdapter;
  /** The core's life: aborted when the extension is reloaded or updated. */
  readonly signal: AbortSignal;
  /** Called by the UI chunk once its features have started (listeners are in place). */
  uiStarted(): void;
  /** Where the pill must not go: the UI chunk registers its popovers, menus and buttons here. */
  readonly keepClear: KeepClear;
  /** The UI chunk's stylesheet as text for its shadow roots, read once (`webmail/ui-styles.ts`). */
  uiStyles(): Promise<string>;
}

const key = Symbol.for('mailroom.page-core');
type Scope = Record<symbol, unknown>;

export function publishPageCore(core: PageCore, scope: object = globalThis): void {
  (scope as Scope)[key] = core;
}

export function pageCore(scope: object = globalThis): PageCore | undefined {
  return (scope as Scope)[key] as PageCore | undefined;
}

/**
 * Background → core: "make sure the UI chunk runs in this tab", sent before a request only the UI
 * answers ("Write to"). Not in `ProtocolMap`: no background handler takes it.
 */
export const ensureUiMessage = { name: 'mailroom.ui.ensure' } as const;
export type EnsureUiReply = { ok: true } | { ok: false; message: string };

export function isEnsureUiMessage(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { name?: unknown }).name === ensureUiMessage.name;
}
