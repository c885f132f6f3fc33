/**
 * The small "Mailroom" pill on webmail pages: opens the side panel and shows whether the user is
 * signed in. Plain DOM, not Vue: it is part of the always-loaded content script, which must stay
 * small (issue 5: ≤ 40 KB gzip) — the Vue UI is injected only when a conversation or compose needs
 * it (`webmail/ui-loader.ts`). Lives in a shadow root so the webmail's CSS and ours never mix.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { onBroadcast } from '@/composables/useBroadcast';
import { send } from '@/messaging/client';
import type { SessionState } from '@/messaging/protocol';
import { detectLocale, translate, type Locale } from '@/locales/catalog';
import '@/locales/pill';

type PillState = 'signed-in' | 'signed-out' | 'unreachable';

/* Bottom-left: Gmail and Outlook dock compose windows bottom-right, where a pill would cover
   their Send bar. */
const pillCss = `
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

/** Mounts the pill at the end of the page's body; removed when the content script is invalidated. */
export async function mountInPagePill(ctx: ContentScriptContext): Promise<void> {
  const lang = detectLocale();
  const ui = await createShadowRootUi(ctx, {
    name: 'mailroom-control',
    position: 'inline',
    anchor: 'body',
    append: 'last',
    mode: 'open',
    css: pillCss,
    onMount(container) {
      container.lang = lang;
      const html = container.closest('html');
      if (html) html.lang = lang;
      const pill = createPill(document, lang);
      container.append(pill.button);
      return pill;
    },
    onRemove(pill) {
      pill?.destroy();
    },
  });
  ui.mount();
}
