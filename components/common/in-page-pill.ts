/**
 * The small "Mailroom" pill on webmail pages: opens the side panel and shows whether the user is
 * signed in. Plain DOM, not Vue: it is part of the always-loaded content script, which must stay
 * small (≤ 40 KB gzip) — the Vue UI is injected only when a conversation or compose needs
 * it (`webmail/ui-loader.ts`). Lives in a shadow root so the webmail's CSS and ours never mix; a
 * plain one: WXT's shadow-root UI helper (with its CSS loader and positioning) weighs 8 KB of the
 * core for one button. It never covers our popovers or the webmail's composes: it moves up or
 * stands aside for them (`followKeepClear`).
 */
import { onBroadcast } from '@/composables/useBroadcast';
import { send } from '@/messaging/client';
import type { SessionState } from '@/messaging/protocol';
import { detectLocale, translate, type Locale } from '@/locales/catalog';
import '@/locales/pill';
import type { KeepClear } from '@/webmail/keep-clear';
import tokensCss from './inpage-tokens.css?inline';
import { pillHome, placePill } from './pill-placement';

type PillState = 'signed-in' | 'signed-out' | 'unreachable';

/* Bottom-left at home: Gmail and Outlook dock compose windows bottom-right, where a pill would
   cover their Send bar; it moves or stands aside for what it must keep clear of (pill-placement.ts).
   A white chip like Gmail's own floating buttons, in the tokens of the in-page theme. */
const pillCss = `
:host { all: initial !important; }
.pill { position: fixed; left: 16px; bottom: 16px; z-index: 2147483000; box-sizing: border-box;
  display: inline-flex; align-items: center; gap: 8px; height: 32px; padding: 0 14px 0 12px;
  border: 1px solid var(--mr-border); border-radius: 16px; background: var(--mr-surface);
  color: var(--mr-text); font: 500 13px/1 var(--mr-font); letter-spacing: .01em;
  box-shadow: var(--mr-shadow-1); cursor: pointer;
  transition: bottom .15s ease-out, opacity .15s ease-out, visibility .15s; }
.pill:hover { background: var(--mr-hover); box-shadow: var(--mr-shadow-2); }
.pill:focus-visible { outline: 2px solid var(--mr-focus); outline-offset: 2px; }
.pill[data-placement='aside'] { opacity: 0; visibility: hidden; pointer-events: none; }
.dot { width: 8px; height: 8px; border-radius: 50%; background: #f9ab00; }
.pill[data-state='signed-in'] .dot { background: #1e8e3e; }
.pill[data-state='unreachable'] .dot { background: #d93025; }
@media (prefers-reduced-motion: reduce) { .pill { transition: none; } }
`;

export interface Pill {
  readonly button: HTMLButtonElement;
  /** Reads the session again (signing in or out elsewhere shows here without a reload). */
  refresh(): Promise<void>;
  destroy(): void;
}

/** Builds the pill's button in `doc`; `lang` picks the texts. Exported for the unit tests. */
export function createPill(doc: Document, lang: Locale = detectLocale()): Pill {
  const tr = (key: string, params?: Record<string, string>) => translate(lang, `pill.${key}`, params);
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'pill';
  button.setAttribute('aria-label', tr('open'));
  const dot = doc.createElement('span');
  dot.className = 'dot';
  dot.setAttribute('aria-hidden', 'true');
  button.append(dot, doc.createTextNode(tr('label')));

  const show = (state: PillState, title: string) => {
    button.dataset.state = state;
    button.title = title;
  };
  show('signed-out', tr('signedOut'));

  async function refresh(): Promise<void> {
    try {
      const session: SessionState = await send('session.get');
      if (session.status === 'signed-in') show('signed-in', tr('signedIn', { email: session.me.user.email }));
      else show('signed-out', tr('signedOut'));
    } catch {
      show('unreachable', tr('unreachable'));
    }
  }

  // Sent straight from the click: the background opens the panel inside this user gesture.
  const open = () => void send('ui.openSidePanel').catch((e: unknown) => console.warn('[mailroom] side panel', e));
  button.addEventListener('click', open);
  // Signing in or out in the options page shows here without a reload (the background sends
  // this broadcast to the webmail tabs too).
  const unfollow = onBroadcast('session.changed', () => void refresh());
  void refresh();
  return {
    button,
    refresh,
    destroy() {
      button.removeEventListener('click', open);
      unfollow();
      button.remove();
    },
  };
}

/**
 * Keeps the pill clear of `keepClear`'s elements: placed again (at most once a frame) when one is
 * added or removed or changes size, and when the window is resized or anything scrolls (an
 * inline reply moves with its conversation).
 */
function followKeepClear(button: HTMLElement, keepClear: KeepClear, win: Window, signal: AbortSignal): void {
  let frame = 0;
  const place = () => {
    frame = 0;
    const view = { width: win.innerWidth, height: win.innerHeight };
    const size = { width: button.offsetWidth, height: button.offsetHeight };
    const bottom = placePill(view, size, keepClear.elements().map((el) => el.getBoundingClientRect()));
    const placement = bottom === null ? 'aside' : bottom === pillHome.bottom ? 'home' : 'raised';
    if (button.dataset.placement !== placement) button.dataset.placement = placement;
    if (bottom !== null) button.style.bottom = `${bottom}px`;
  };
  const schedule = () => {
    if (!frame && !signal.aborted) frame = win.requestAnimationFrame(place);
  };
  // jsdom (unit tests) has no ResizeObserver; a browser always does.
  const resized = typeof ResizeObserver === 'function' ? new ResizeObserver(schedule) : undefined;
  keepClear.onChange(() => {
    resized?.disconnect();
    for (const el of keepClear.elements()) resized?.observe(el);
    schedule();
  }, signal);
  win.addEventListener('resize', schedule, { signal });
  win.document.addEventListener('scroll', () => keepClear.elements().length > 0 && schedule(), { capture: true, passive: true, signal });
  signal.addEventListener('abort', () => {
    resized?.disconnect();
    if (frame) win.cancelAnimationFrame(frame);
  }, { once: true });
  schedule();
}

/**
 * Mounts the pill at the end of the page's body, clear of `keepClear`'s elements; removed when
 * `signal` aborts (extension reload).
 */
export function mountInPagePill(signal: AbortSignal, keepClear: KeepClear, doc: Document = document): void {
  if (signal.aborted || !doc.body) return;
  const lang = detectLocale();
  const host = doc.createElement('mailroom-control');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = tokensCss + pillCss;
  const pill = createPill(doc, lang);
  pill.button.lang = lang;
  shadow.append(style, pill.button);
  doc.body.append(host);
  if (doc.defaultView) followKeepClear(pill.button, keepClear, doc.defaultView, signal);
  signal.addEventListener(
    'abort',
    () => {
      pill.destroy();
      host.remove();
    },
    { once: true },
  );
}
