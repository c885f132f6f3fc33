import { mount, type VueWrapper } from '@vue/test-utils';
import { defineComponent, h, nextTick } from 'vue';
import MenuButton from '@/components/common/MenuButton.vue';

/** A place using MenuButton the way the three menus do: an icon or text button, button items. */
function place(props: Record<string, unknown> = {}) {
  const chosen: string[] = [];
  const Place = defineComponent({
    setup() {
      return () =>
        h(MenuButton, { label: 'More actions', buttonTestid: 'trigger', ...props }, {
          button: () => h('span', { 'aria-hidden': 'true' }, '☰'),
          default: ({ close }: { close: (o?: { returnFocus?: boolean }) => void }) =>
            ['one', 'two'].map((id) =>
              h('button', { type: 'button', role: 'menuitem', tabindex: -1, 'data-id': id, onClick: () => (chosen.push(id), close()) }, id),
            ),
        });
    },
  });
  return { wrapper: mount(Place, { attachTo: document.body }), chosen };
}

let wrapper: VueWrapper | undefined;
afterEach(() => {
  wrapper?.unmount();
  document.body.innerHTML = '';
});
const key = (el: Element, k: string) => el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
const trigger = () => wrapper!.get('[data-testid="trigger"]');

describe('MenuButton', () => {
  it('is a named menu button whose menu exists (and is pointed to) only while open', async () => {
    ({ wrapper } = place({ iconOnly: true }));
    expect(trigger().attributes()).toMatchObject({ 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-label': 'More actions', title: 'More actions' });
    expect(trigger().attributes('aria-controls')).toBeUndefined();
    await trigger().trigger('click');
    await nextTick();
    const menu = wrapper.get('[role="menu"]');
    expect(menu.attributes('aria-label')).toBe('More actions');
    expect(trigger().attributes('aria-controls')).toBe(menu.attributes('id'));
    expect(trigger().attributes('aria-expanded')).toBe('true');
    expect((document.activeElement as HTMLElement).dataset.id).toBe('one');
  });

  it('a text button keeps its own name; the slot’s close() ends the menu with focus on the button', async () => {
    const t = place({ menuId: 'my-menu' });
    wrapper = t.wrapper;
    expect(trigger().attributes('aria-label')).toBeUndefined();
    await trigger().trigger('click');
    await nextTick();
    expect(wrapper.get('[role="menu"]').attributes('id')).toBe('my-menu');
    await wrapper.get('[data-id="two"]').trigger('click');
    expect(t.chosen).toEqual(['two']);
    expect(wrapper.find('[role="menu"]').exists()).toBe(false);
    expect(document.activeElement).toBe(trigger().element);
  });

  it.each([
    ['arrows', ['ArrowDown', 'ArrowUp']],
    ['arrow-down', ['ArrowDown']],
    ['none', []],
  ] as const)('open-keys="%s": the arrows that open it from the button, announced by `opening`', async (openKeys, opening) => {
    for (const k of ['ArrowDown', 'ArrowUp']) {
      ({ wrapper } = place({ openKeys }));
      key(trigger().element, k);
      await nextTick();
      await nextTick();
      const opened = (opening as readonly string[]).includes(k);
      expect(wrapper.find('[role="menu"]').exists()).toBe(opened);
      expect(wrapper.findComponent(MenuButton).emitted('opening')?.length ?? 0).toBe(opened ? 1 : 0);
      wrapper.unmount();
    }
    wrapper = undefined;
  });

  it('emits `opening` on the click that opens, not on the one that closes; disabled does nothing', async () => {
    ({ wrapper } = place());
    await trigger().trigger('click');
    await trigger().trigger('click');
    expect(wrapper.findComponent(MenuButton).emitted('opening')).toHaveLength(1);
    wrapper.unmount();
    ({ wrapper } = place({ disabled: true }));
    expect(trigger().attributes('disabled')).toBeDefined();
  });
});
