/**
 * Tells the page core's pill to keep clear of an element of ours while it is on screen (a
 * popover, a menu, an in-page button): `webmail/keep-clear.ts`. Does nothing on extension pages
 * (side panel, popup), which have no page core and no pill.
 */
import { onUnmounted, watch, type Ref } from 'vue';
import { pageCore } from '@/webmail/page-core';

export function useKeepClear(target: Readonly<Ref<Element | null | undefined>>): void {
  const keepClear = pageCore()?.keepClear;
  if (!keepClear) return;
  let release: (() => void) | undefined;
  // `post`: the element is in the page (and placed) before the pill measures it.
  watch(
    target,
    (el) => {
      release?.();
      release = el ? keepClear.add(el) : undefined;
    },
    { immediate: true, flush: 'post' },
  );
  onUnmounted(() => release?.());
}
