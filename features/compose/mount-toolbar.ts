/**
 * Mounts the account picker and "Signature" menu of one compose in a shadow root at the
 * adapter's toolbar slot (`mountShadowApp`).
 */
import type { Pinia } from 'pinia';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { mountShadowApp } from '@/components/common/mount-shadow-app';
import ComposeToolbar from '@/components/compose/ComposeToolbar.vue';
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
  const remove = await mountShadowApp(ctx, {
    name: 'mailroom-compose',
    anchor,
    component: ComposeToolbar,
    props: { composeId: handle.id },
    pinia,
    hostData: { composeId: handle.id },
  });
  if (signal.aborted) {
    remove();
    return false;
  }
  signal.addEventListener('abort', remove, { once: true });
  return true;
}
