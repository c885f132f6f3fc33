/**
 * Mounts a Vue component in a shadow root at a webmail anchor (CONVENTIONS.md: in-page UI only
 * through `createShadowRootUi`), so the webmail's CSS and ours never mix. One way for every in-page
 * control of the UI chunk: the UI language on the shadow root's own <html> and <body>, keys kept
 * from the webmail's shortcuts, the feature's Pinia.
 */
import type { Pinia } from 'pinia';
import { createApp, type Component } from 'vue';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { locale } from '@/utils/i18n';
import { pageCore } from '@/webmail/page-core';

export interface ShadowAppOptions {
  /** The host element's tag (e.g. `mailroom-file-button`). */
  name: string;
  anchor: Element;
  component: Component;
  props: Record<string, unknown>;
  pinia: Pinia;
  /** `data-*` attributes of the host element (tests and logs find the control by them). */
  hostData: Record<string, string>;
}

/** Resolves with a function that removes the control. */
export async function mountShadowApp(ctx: ContentScriptContext, o: ShadowAppOptions): Promise<() => void> {
  // Empty without a page core (unit tests mount controls alone).
  const css = (await pageCore()?.uiStyles()) ?? '';
  const ui = await createShadowRootUi(ctx, {
    name: o.name,
    css,
    position: 'inline',
    anchor: o.anchor,
    append: 'last',
    mode: 'open',
    // Gmail reads single keys as shortcuts (r, a, #...), in its list and its compose alike:
    // typing in our controls must not reach it.
    isolateEvents: ['keydown', 'keyup', 'keypress'],
    onMount(container, _shadow, host) {
      // The shadow root holds its own <html> (WXT's isolated element; `container` is its body):
      // give both the UI language (axe html-has-lang, and screen readers pick the voice from it).
      container.lang = locale.value;
      if (container.parentElement) container.parentElement.lang = locale.value;
      Object.assign(host.dataset, o.hostData);
      const app = createApp(o.component, o.props);
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
