/**
 * The small "Mailroom" pill on webmail pages: opens the side panel and shows whether the user is
 * signed in. Plain DOM, not Vue: it is part of the always-loaded content script, which must stay
 * small (issue 5: ≤ 40 KB gzip) — the Vue UI is injected only when a conversation or compose needs
 * it (`webmail/ui-loader.ts`). Lives in a shadow root so the webmail's CSS and ours never mix; a
 * plain one: WXT's shadow-root UI helper (with its CSS loader and positioning) weighs 8 KB of the
 * core for one button.
 */
import { onBroadcast } from '@/composables/useBroadcast';
import { send } from '@/messaging/client';
import type { SessionState } from '@/messaging/protocol';
import { detectLocale, translate, type Locale } from '@/locales/catalog';
import '@/locales/pill';

type PillState = 'signed-in' | 'signed-out' | 'unreachable';

/* Bottom-left: Gmail and Outlook dock compose windows bottom-right, where a pill would cover
   their Send bar. */
const pillCss = `
:host { all: initial !important; }
.pill { position: fixed; left: 16px; bottom: 16px; z-index: 2147483000; display: inline-flex;
  align-items: center; gap: 6px; padding: 6px 12px; border: none; border-radius: 999px;
  background: #0f766e; color: #fff; font: 600 13px/1.2 system-ui, sans-serif;
  box-shadow: 0 2px 6px rgb(0 0 0 / 25%); cursor: pointer; }
.pill:focus-visible { outline: 3px solid #fbbf24; outline-offset: 2px; }
.dot { width: 8px; height: 8px; border-radius: 50%; background: #f59e0b; }
.pill[data-state='signed-in'] .dot { background: #4ade80; }
.pill[data-state='unreachable'] .dot { background: #f87171; }
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

/** Mounts the pill at the end of the page's body; removed when `signal` aborts (extension reload). */
export function mountInPagePill(signal: AbortSignal, doc: Document = document): void {
  if (signal.aborted || !doc.body) return;
  const lang = detectLocale();
  const host = doc.createElement('mailroom-control');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = pillCss;
  const pill = createPill(doc, lang);
  pill.button.lang = lang;
  shadow.append(style, pill.button);
  doc.body.append(host);
  signal.addEventListener(
    'abort',
    () => {
      pill.destroy();
      host.remove();
    },
    { once: true },
  );
}
