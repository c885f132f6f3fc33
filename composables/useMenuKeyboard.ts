/**
 * The keyboard and focus behaviour of a menu button (WAI-ARIA APG "Menu Button" pattern,
 * https://www.w3.org/WAI/ARIA/apg/patterns/menu-button/), shared by every Mailroom menu:
 *
 * - opening focuses the checked item (`aria-checked="true"`, for radio menus) or else the first;
 * - in the menu, ArrowDown/ArrowUp move and wrap, Home/End jump to the ends;
 * - Enter/Space activate an item that is not a native `<button>` (buttons do it themselves);
 * - Escape closes and gives focus back to the button; Tab closes and lets focus move on;
 * - the menu closes when focus leaves the button and the menu together.
 *
 * The markup is components/common/MenuButton.vue's, the one menu button every menu uses: it binds
 * `button` and `menu` as template refs, `onMenuKeydown` on the `role="menu"` element,
 * `onFocusOut` on an element holding both, and, where ArrowDown/ArrowUp should open the menu from
 * the button, `onButtonKeydown` on the button.
 * Items are the menu's descendants whose role starts with `menuitem`, in document order.
 */
import { nextTick, ref, type Ref } from 'vue';

export type MenuFocus = 'first' | 'last';

export interface MenuKeyboard {
  /** Whether the menu is shown (drives `v-if` and `aria-expanded`). */
  open: Ref<boolean>;
  /** Opens the menu and, once rendered, focuses an item. */
  show: (focus?: MenuFocus) => Promise<void>;
  /**
   * Closes the menu. Focus goes back to the button unless `returnFocus` is false: when the chosen
   * action moves focus itself (an editor taking the inserted text) or Tab already moved it.
   */
  hide: (options?: { returnFocus?: boolean }) => void;
  /** The button's click: opens on the first item, or closes. */
  toggle: () => Promise<void>;
  /** ArrowDown opens on the first item, ArrowUp on the last (optional in the APG pattern). */
  onButtonKeydown: (event: KeyboardEvent) => void;
  onMenuKeydown: (event: KeyboardEvent) => void;
  onFocusOut: (event: FocusEvent) => void;
}

export function useMenuKeyboard(button: Ref<HTMLElement | null>, menu: Ref<HTMLElement | null>): MenuKeyboard {
  const open = ref(false);

  // Walks the menu's own elements (no selector: those are for the host page, eslint.config.js).
  function items(): HTMLElement[] {
    const all = menu.value ? Array.from(menu.value.getElementsByTagName('*')) : [];
    return all.filter((n): n is HTMLElement => n instanceof HTMLElement && n.getAttribute('role')?.startsWith('menuitem') === true);
  }

  async function show(focus: MenuFocus = 'first'): Promise<void> {
    open.value = true;
    await nextTick();
    const list = items();
    const target = focus === 'last' ? list.at(-1) : (list.find((n) => n.getAttribute('aria-checked') === 'true') ?? list[0]);
    target?.focus();
  }

  function hide({ returnFocus = true }: { returnFocus?: boolean } = {}): void {
    open.value = false;
    if (returnFocus) button.value?.focus();
  }

  async function toggle(): Promise<void> {
    if (open.value) hide();
    else await show();
  }

  function onButtonKeydown(event: KeyboardEvent): void {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    void show(event.key === 'ArrowUp' ? 'last' : 'first');
  }

  function onMenuKeydown(event: KeyboardEvent): void {
    const list = items();
    const n = list.length;
    const item = event.target as HTMLElement;
    const i = list.indexOf(item);
    const moves: Record<string, number> = { ArrowDown: (i + 1) % n, ArrowUp: (i - 1 + n) % n, Home: 0, End: n - 1 };
    const next = moves[event.key];
    if (next !== undefined) {
      event.preventDefault();
      list[next]?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      // The menu used the key: a dialog or page around it must not close as well.
      event.stopPropagation();
      hide();
    } else if (event.key === 'Tab') {
      hide({ returnFocus: false });
    } else if ((event.key === 'Enter' || event.key === ' ') && i >= 0 && !(item instanceof HTMLButtonElement)) {
      event.preventDefault();
      item.click();
    }
  }

  function onFocusOut(event: FocusEvent): void {
    // Focus went elsewhere (Tab away, click outside; `null` when it went to no element at all).
    const next = event.relatedTarget as Node | null;
    if (open.value && !(next && (event.currentTarget as HTMLElement).contains(next))) open.value = false;
  }

  return { open, show, hide, toggle, onButtonKeydown, onMenuKeydown, onFocusOut };
}
