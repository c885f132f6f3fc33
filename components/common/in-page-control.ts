import { createApp } from 'vue';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { locale } from '@/utils/i18n';
import MailroomPill from './MailroomPill.vue';

/**
 * Mounts the Mailroom pill in a shadow root at the end of the page's body, so the webmail's CSS
 * and ours never mix. Removed when the content script is invalidated (extension reload).
 */
export async function mountInPageControl(ctx: ContentScriptContext): Promise<void> {
  const ui = await createShadowRootUi(ctx, {
    name: 'mailroom-control',
    position: 'inline',
    anchor: 'body',
    append: 'last',
    mode: 'open',
    onMount(container) {
      container.lang = locale.value;
      const app = createApp(MailroomPill);
      app.mount(container);
      return app;
    },
    onRemove(app) {
      app?.unmount();
    },
  });
  ui.mount();
}
