/**
 * One watcher of the open conversation for the whole page, however many features listen (the
 * page core's tab report and UI loader, the UI's file buttons): one MutationObserver and one read
 * per change, and `current()` answered from the last read while nothing changed since. Each
 * listener got a watcher of its own before, so a Gmail page parsed the same view three times.
 * Shared by every provider: the page it watches is described by a `ConversationPage`.
 */
import type { OpenConversation } from './types';
import { reportListenerFailure, reportSelectorMiss } from './dom';
import { watchConversation, type ConversationPage, type ConversationWatch, type WatchOptions } from './conversation-watch';

/** An object per subscription: the same function may be subscribed twice, with two lives. */
type Listener = { cb: (c: OpenConversation | undefined) => void };

export class ConversationFeed {
  private readonly listeners = new Set<Listener>();
  private watching: AbortController | undefined;
  private watch: ConversationWatch | undefined;
  private last: OpenConversation | undefined;
  /** `last` is what the page shows: read since the last relevant mutation. */
  private fresh = false;

  constructor(
    private readonly page: ConversationPage,
    private readonly doc: Document,
    private readonly win: Window,
    private readonly options: Omit<WatchOptions, 'onRead' | 'onMutation'> = {},
  ) {}

  /** `cb` hears every change after this call; what is open now is `current()`. */
  subscribe(cb: (c: OpenConversation | undefined) => void, signal: AbortSignal): void {
    if (signal.aborted) return;
    const listener = { cb };
    this.listeners.add(listener);
    signal.addEventListener('abort', () => this.unsubscribe(listener), { once: true });
    if (!this.watching) this.start();
  }

  current(): OpenConversation | undefined {
    // Mutations of this very task have not reached the observer yet: take them first.
    this.watch?.flush();
    if (this.watching && this.fresh) return this.last;
    let c: OpenConversation | undefined;
    try {
      c = (this.options.parse ?? ((d: Document) => this.page.parse(d)))(this.doc);
    } catch (err) {
      reportSelectorMiss(this.page.provider, 'currentConversation', err);
      return undefined;
    }
    if (this.watching) {
      this.last = c;
      this.fresh = true;
    }
    return c;
  }

  private start(): void {
    const watching = new AbortController();
    this.watching = watching;
    // The watcher reads the page once at start: that is the state, not a change to announce.
    let starting = true;
    this.watch = watchConversation(this.page, this.doc, this.win, watching.signal, (c) => {
      if (!starting) this.announce(c);
    }, {
      ...this.options,
      onRead: (c) => {
        this.last = c;
        this.fresh = true;
      },
      onMutation: () => {
        this.fresh = false;
      },
    });
    starting = false;
  }

  private announce(c: OpenConversation | undefined): void {
    for (const listener of [...this.listeners]) {
      try {
        listener.cb(c);
      } catch (err) {
        // A feature's bug must not break the webmail or the other features (CONVENTIONS.md).
        reportListenerFailure(this.page.provider, 'onConversationChanged', err);
      }
    }
  }

  private unsubscribe(listener: Listener): void {
    this.listeners.delete(listener);
    if (this.listeners.size > 0) return;
    this.watching?.abort();
    this.watching = undefined;
    this.watch = undefined;
    this.fresh = false;
  }
}
