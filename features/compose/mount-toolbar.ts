/**
 * Mounts the account picker and "Signature" menu of one compose in a shadow root, in the toolbar
 * slot the adapter finds for it (`ComposeHandle.mountControl`, which knows how long its webmail
 * takes to draw a toolbar).
 */
import type { Pinia } from 'pinia';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { mountShadowApp } from '@/components/common/mount-shadow-app';
import ComposeToolbar from '@/components/compose/ComposeToolbar.vue';
import type { ComposeHandle } from '@/webmail/types';

/**
 * Resolves false when the compose has no toolbar slot (a layout we do not know): the signature
 * logic still runs, only the controls are missing. The UI goes away when `signal` aborts.
 */
export function mountComposeToolbar(
  ctx: ContentScriptContext,
  handle: ComposeHandle,
  pinia: Pinia,
  signal: AbortSignal,
): Promise<boolean> {
  return handle.mountControl(
    (anchor) =>
      mountShadowApp(ctx, {
        name: 'mailroom-compose',
        anchor,
        component: ComposeToolbar,
        props: { composeId: handle.id },
        pinia,
        hostData: { composeId: handle.id },
      }),
    signal,
  );
}
