/**
 * Mounts "File to record" at a message's toolbar slot, in a shadow root (CONVENTIONS.md: in-page
 * UI only through `createShadowRootUi`), so Gmail's CSS and ours never mix.
 */
import type { Pinia } from 'pinia';
import { createApp } from 'vue';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { locale } from '@/utils/i18n';
import FilingToolbarButton from './FilingToolbarButton.vue';

export interface FileButtonOptions {
  messageId: string;
  anchor: Element;
  pinia: Pinia;
  popover: { openFor: string | null };
  onOpen: (messageId: string) => void;
}

/** Resolves with a function that removes the button (and its popover). */
export async function mountFileButton(ctx: ContentScriptContext, o: FileButtonOptions): Promise<() => void> {
  const ui = await createShadowRootUi(ctx, {
    name: 'mailroom-file-button',
    position: 'inline',
    anchor: o.anchor,
    append: 'last',
    mode: 'open',
    // Gmail reads single keys as shortcuts (r, a, #...): typing in our search box must not reach it.
    isolateEvents: ['keydown', 'keyup', 'keypress'],
    onMount(container, _shadow, host) {
      // WXT's shadow root holds its own <html>: give it the UI language too (axe html-has-lang,
      // and screen readers pick the voice from it).
      container.lang = locale.value;
      // Our own shadow root's <html>, never Gmail's: no host-page selector is involved.
      const html = container.closest('html');
      if (html) html.lang = locale.value;
      host.dataset.messageId = o.messageId;
      const app = createApp(FilingToolbarButton, { messageId: o.messageId, popover: o.popover, onOpen: o.onOpen });
      app.use(o.pinia);
      app.mount(container);
      return app;
    },
    onRemove(app) {
      app?.unmount();
    },
  });
  ui.mount();
  return () => ui.remove();
}
