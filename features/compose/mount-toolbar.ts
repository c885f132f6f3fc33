/**
 * Mounts the account picker and "Signature" menu of one compose in a shadow root at the
 * adapter's toolbar slot (CONVENTIONS.md: in-page UI only through `createShadowRootUi`).
 */
import type { Pinia } from 'pinia';
import { createApp } from 'vue';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import ComposeToolbar from '@/components/compose/ComposeToolbar.vue';
import { locale } from '@/utils/i18n';
import type { ComposeHandle } from '@/webmail/types';

/** Waits between looks for the toolbar slot, in ms: about 4 s in all, then we give up. */
const anchorRetryDelays = [50, 100, 200, 400, 800, 1200, 1500];

/**
 * Gmail builds a compose's toolbar a moment after its body (the adapter's `toolbarAnchor` is
 * optional for that reason): look again a few times rather than watch the page.
 */
async function waitForAnchor(handle: ComposeHandle, signal: AbortSignal): Promise<Element | undefined> {
  for (const delay of [0, ...anchorRetryDelays]) {
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    if (signal.aborted) return undefined;
    const anchor = handle.toolbarAnchor();
    if (anchor) return anchor;
  }
  return undefined;
}

/**
 * Resolves false when the compose has no toolbar slot (a layout we do not know): the signature
 * logic still runs, only the controls are missing. The UI goes away when `signal` aborts.
 */
export async function mountComposeToolbar(
  ctx: ContentScriptContext,
  handle: ComposeHandle,
  pinia: Pinia,
  signal: AbortSignal,
): Promise<boolean> {
  const anchor = await waitForAnchor(handle, signal);
  if (!anchor || signal.aborted) return false;
  const ui = await createShadowRootUi(ctx, {
    name: 'mailroom-compose',
    position: 'inline',
    anchor,
    append: 'last',
    mode: 'open',
    // Gmail's compose listens to keys (shortcuts, its own menus): typing in our controls must
    // not reach it.
    isolateEvents: ['keydown', 'keyup', 'keypress'],
    onMount(container, _shadow, host) {
      container.lang = locale.value;
      host.dataset.composeId = handle.id;
      const app = createApp(ComposeToolbar, { composeId: handle.id });
      app.use(pinia);
      app.mount(container);
      return app;
    },
    onRemove(app) {
      app?.unmount();
    },
  });
  if (signal.aborted) return false;
  ui.mount();
  signal.addEventListener('abort', () => ui.remove(), { once: true });
  return true;
}
