/**
 * Mounts "File to record" at a message's toolbar slot, in a shadow root (`mountShadowApp`).
 */
import type { Pinia } from 'pinia';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { mountShadowApp } from '@/components/common/mount-shadow-app';
import FilingToolbarButton from './FilingToolbarButton.vue';

export interface FileButtonOptions {
  messageId: string;
  anchor: Element;
  pinia: Pinia;
  popover: { openFor: string | null };
  onOpen: (messageId: string) => void;
}

/** Resolves with a function that removes the button (and its popover). */
export function mountFileButton(ctx: ContentScriptContext, o: FileButtonOptions): Promise<() => void> {
  return mountShadowApp(ctx, {
    name: 'mailroom-file-button',
    anchor: o.anchor,
    component: FilingToolbarButton,
    props: { messageId: o.messageId, popover: o.popover, onOpen: o.onOpen },
    pinia: o.pinia,
    hostData: { messageId: o.messageId },
  });
}
