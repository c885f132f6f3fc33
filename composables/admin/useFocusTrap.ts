/**
 * Keyboard behaviour of a modal dialog (WAI-ARIA dialog pattern): focus moves into the dialog when
 * it opens, Tab and Shift+Tab cycle inside it, Esc closes it, and focus goes back to whatever
 * opened it. Walks the dialog's own elements (never the host page), so no selector is involved.
 */
import { nextTick, onBeforeUnmount, onMounted, type Ref } from 'vue';

/** `el` or one of its ancestors carries one of these attributes (our own tree: no selector). */
function carries(el: Element, names: readonly string[]): boolean {
  for (let n: Element | null = el; n; n = n.parentElement) {
    if (names.some((name) => n!.hasAttribute(name))) return true;
  }
  return false;
}

function isFocusable(el: Element): el is HTMLElement {
  if (!(el instanceof HTMLElement)) return false;
  if (el.tabIndex < 0 && !el.isContentEditable) return false;
  if ((el as HTMLButtonElement).disabled) return false;
  if (el instanceof HTMLInputElement && el.type === 'hidden') return false;
  if (carries(el, ['hidden', 'inert'])) return false;
  return true;
}

export function focusableIn(root: HTMLElement): HTMLElement[] {
  return Array.from(root.getElementsByTagName('*')).filter(isFocusable);
}

/** Open traps, innermost last: only that one answers keys. */
const stack: symbol[] = [];

export function useFocusTrap(root: Ref<HTMLElement | null | undefined>, onEscape: () => void) {
  let opener: HTMLElement | null = null;
  const me = Symbol('focus-trap');

  // Listens on the document, not the dialog: when the focused element disappears (a search
  // result once chosen) focus falls to <body>, and Esc and Tab must still work.
  function onKeydown(event: KeyboardEvent) {
    const el = root.value;
    if (!el || stack[stack.length - 1] !== me || event.defaultPrevented) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onEscape();
      return;
    }
    if (event.key !== 'Tab') return;
    const items = focusableIn(el);
    if (items.length === 0) {
      event.preventDefault();
      return;
    }
    const first = items[0]!;
    const last = items[items.length - 1]!;
    const active = document.activeElement;
    if (event.shiftKey && (active === first || !el.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !el.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  }

  onMounted(async () => {
    opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    await nextTick();
    const el = root.value;
    if (!el) return;
    stack.push(me);
    document.addEventListener('keydown', onKeydown);
    const items = focusableIn(el);
    // A field marked `data-autofocus` (on it or a wrapper) wins over the close button that
    // usually comes first.
    const preferred = items.find((i) => carries(i, ['data-autofocus'])) ?? items[0] ?? el;
    preferred.focus();
  });

  onBeforeUnmount(() => {
    document.removeEventListener('keydown', onKeydown);
    const i = stack.indexOf(me);
    if (i >= 0) stack.splice(i, 1);
    // Return focus after the dialog's DOM is gone, and only if the opener is still on the page.
    const target = opener;
    void nextTick(() => {
      if (target && target.isConnected) target.focus();
    });
  });
}
