import { mount, type VueWrapper } from '@vue/test-utils';
import { defineComponent, h, nextTick, ref } from 'vue';
import { useMenuKeyboard, type MenuKeyboard } from '@/composables/useMenuKeyboard';

/**
 * A bare menu button on the composable: native-button items (as the admin row menu) or
 * `menuitemradio` divs with one checked (as the compose "Signature" menu), plus an outside button.
 */
function harness(kind: 'buttons' | 'radios', checked = -1) {
  let menu!: MenuKeyboard;
  const chosen: string[] = [];
  const Harness = defineComponent({
    setup() {
      const button = ref<HTMLElement | null>(null);
      const list = ref<HTMLElement | null>(null);
      menu = useMenuKeyboard(button, list);
      const choose = (id: string) => {
        chosen.push(id);
        menu.hide();
      };
      const item = (id: string, i: number) =>
        kind === 'buttons'
          ? h('li', { role: 'none' }, [h('button', { type: 'button', role: 'menuitem', tabindex: -1, 'data-id': id, onClick: () => choose(id) }, id)])
          : h('div', { role: 'menuitemradio', tabindex: -1, 'data-id': id, 'aria-checked': String(i === checked), onClick: () => choose(id) }, id);
      return () =>
        h('div', [
          h('span', { onFocusout: menu.onFocusOut }, [
            h('button', { ref: button, type: 'button', 'data-id': 'menu-button', onClick: menu.toggle, onKeydown: menu.onButtonKeydown }, 'Menu'),
            menu.open.value
              ? h(kind === 'buttons' ? 'ul' : 'div', { ref: list, role: 'menu', onKeydown: menu.onMenuKeydown }, [
                  ...['one', 'two', 'three'].map(item),
                  // Not an item: arrows skip it.
                  h(kind === 'buttons' ? 'li' : 'div', { role: 'separator' }),
                ])
              : null,
          ]),
          h('button', { type: 'button', 'data-id': 'outside' }, 'Outside'),
        ]);
    },
  });
  const wrapper = mount(Harness, { attachTo: document.body });
  return { wrapper, menu: () => menu, chosen };
}

let wrapper: VueWrapper | undefined;
afterEach(() => {
  wrapper?.unmount();
  document.body.innerHTML = '';
});

const focused = () => (document.activeElement as HTMLElement | null)?.dataset.id;
const byId = (id: string) => document.querySelector<HTMLElement>(`[data-id="${id}"]`)!;
/** Dispatches a keydown where the user's focus is and says whether it was cancelled. */
function press(key: string, target: Element = document.activeElement!): { defaultPrevented: boolean; propagated: boolean } {
  let propagated = false;
  const listener = () => (propagated = true);
  document.body.addEventListener('keydown', listener);
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
  target.dispatchEvent(event);
  document.body.removeEventListener('keydown', listener);
  return { defaultPrevented: event.defaultPrevented, propagated };
}

describe('useMenuKeyboard', () => {
  it('opens from a click on the first item, and a second click closes it with focus on the button', async () => {
    const t = harness('buttons');
    wrapper = t.wrapper;
    byId('menu-button').focus();
    byId('menu-button').click();
    await nextTick();
    expect(t.menu().open.value).toBe(true);
    expect(focused()).toBe('one');
    byId('menu-button').click();
    await nextTick();
    expect(t.menu().open.value).toBe(false);
    expect(document.querySelector('[role="menu"]')).toBeNull();
    expect(focused()).toBe('menu-button');
  });

  it('opens from the button with ArrowDown on the first item and ArrowUp on the last; other keys do nothing', async () => {
    const t = harness('buttons');
    wrapper = t.wrapper;
    byId('menu-button').focus();
    expect(press('a').defaultPrevented).toBe(false);
    expect(t.menu().open.value).toBe(false);

    expect(press('ArrowUp').defaultPrevented).toBe(true);
    await nextTick();
    expect(focused()).toBe('three');
    t.menu().hide();
    await nextTick();
    press('ArrowDown');
    await nextTick();
    expect(focused()).toBe('one');
  });

  it('moves with the arrows (wrapping at both ends) and jumps with Home and End, skipping non-items', async () => {
    const t = harness('buttons');
    wrapper = t.wrapper;
    await t.menu().show();
    const path = ['ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowUp', 'Home', 'ArrowUp', 'End', 'Home'].map((k) => {
      expect(press(k).defaultPrevented).toBe(true);
      return focused();
    });
    expect(path).toEqual(['two', 'three', 'one', 'three', 'one', 'three', 'three', 'one']);
  });

  it('closes on Escape, keeps the key to itself and gives focus back to the button', async () => {
    const t = harness('buttons');
    wrapper = t.wrapper;
    byId('menu-button').focus();
    await t.menu().show();
    press('ArrowDown');
    const result = press('Escape');
    await nextTick();
    expect(result).toEqual({ defaultPrevented: true, propagated: false });
    expect(t.menu().open.value).toBe(false);
    expect(focused()).toBe('menu-button');
    expect(t.chosen).toEqual([]);
  });

  it('closes on Tab without taking focus back (the browser moves it on)', async () => {
    const t = harness('buttons');
    wrapper = t.wrapper;
    await t.menu().show();
    expect(press('Tab').defaultPrevented).toBe(false);
    expect(t.menu().open.value).toBe(false);
    expect(focused()).toBe('one');
  });

  it('hide({ returnFocus: false }) leaves focus where the chosen action put it', async () => {
    const t = harness('buttons');
    wrapper = t.wrapper;
    await t.menu().show();
    t.menu().hide({ returnFocus: false });
    await nextTick();
    expect(t.menu().open.value).toBe(false);
    expect(focused()).not.toBe('menu-button');
  });

  it('leaves Enter and Space to native button items (no second click)', async () => {
    const t = harness('buttons');
    wrapper = t.wrapper;
    await t.menu().show();
    expect(press('Enter').defaultPrevented).toBe(false);
    expect(press(' ').defaultPrevented).toBe(false);
    // jsdom does not turn keys into clicks: nothing was chosen by the composable itself.
    expect(t.chosen).toEqual([]);
  });

  it('radio menus: opens on the checked item, and Enter or Space choose a non-button item', async () => {
    const t = harness('radios', 1);
    wrapper = t.wrapper;
    byId('menu-button').focus();
    await t.menu().toggle();
    expect(focused()).toBe('two');
    press('ArrowDown');
    expect(press('Enter').defaultPrevented).toBe(true);
    expect(t.chosen).toEqual(['three']);
    expect(focused()).toBe('menu-button');

    await t.menu().toggle();
    press('Home');
    expect(press(' ').defaultPrevented).toBe(true);
    expect(t.chosen).toEqual(['three', 'one']);
  });

  it('radio menus with nothing checked open on the first item', async () => {
    const t = harness('radios');
    wrapper = t.wrapper;
    await t.menu().show();
    expect(focused()).toBe('one');
  });

  it('closes when focus leaves the button and menu, not when it moves inside them', async () => {
    const t = harness('buttons');
    wrapper = t.wrapper;
    await t.menu().show();
    byId('menu-button').focus();
    byId('two').focus();
    expect(t.menu().open.value).toBe(true);
    byId('outside').focus();
    expect(t.menu().open.value).toBe(false);

    // Focus going to no element at all (a click on the page's background) closes it too.
    await t.menu().show();
    (document.activeElement as HTMLElement).blur();
    expect(t.menu().open.value).toBe(false);
  });
});
