import { mount, type VueWrapper } from '@vue/test-utils';
import { nextTick } from 'vue';
import SignatureMergeTagMenu from '@/components/signature/SignatureMergeTagMenu.vue';
import { mergeTags } from '@/contract/merge-tags';
import { locale } from '@/utils/i18n';

let wrapper: VueWrapper | undefined;
afterEach(() => {
  wrapper?.unmount();
  document.body.innerHTML = '';
  locale.value = 'en';
});

function key(el: Element, k: string) {
  el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
}
const focusedTag = () => (document.activeElement as HTMLElement | null)?.dataset.tag;

describe('SignatureMergeTagMenu', () => {
  it('opens from the button with ArrowDown on the first tag, moves with the keys, Escape gives focus back', async () => {
    wrapper = mount(SignatureMergeTagMenu, { attachTo: document.body });
    const button = wrapper.get('[data-testid="merge-tag-button"]');
    (button.element as HTMLElement).focus();
    // Only ArrowDown opens it from the button (the admin row menu also binds ArrowUp): unchanged.
    key(button.element, 'ArrowUp');
    await nextTick();
    expect(button.attributes('aria-expanded')).toBe('false');
    key(button.element, 'ArrowDown');
    await nextTick();
    await nextTick();
    expect(button.attributes('aria-expanded')).toBe('true');
    expect(wrapper.get('[role="menu"]').attributes('id')).toBe(button.attributes('aria-controls'));
    expect(focusedTag()).toBe(mergeTags[0]!.tag);
    key(document.activeElement!, 'End');
    expect(focusedTag()).toBe(mergeTags.at(-1)!.tag);
    key(document.activeElement!, 'ArrowDown');
    expect(focusedTag()).toBe(mergeTags[0]!.tag);
    key(document.activeElement!, 'Escape');
    await nextTick();
    expect(wrapper.find('[role="menu"]').exists()).toBe(false);
    expect(document.activeElement).toBe(button.element);
    expect(wrapper.emitted('insert')).toBeUndefined();
  });

  it('choosing a tag emits it and leaves focus to the editor (not back on the button)', async () => {
    wrapper = mount(SignatureMergeTagMenu, { attachTo: document.body });
    const button = wrapper.get('[data-testid="merge-tag-button"]');
    await button.trigger('click');
    await nextTick();
    key(document.activeElement!, 'ArrowDown');
    const second = mergeTags[1]!.tag;
    expect(focusedTag()).toBe(second);
    (document.activeElement as HTMLElement).click();
    await nextTick();
    expect(wrapper.emitted('insert')).toEqual([[second]]);
    expect(wrapper.find('[role="menu"]').exists()).toBe(false);
    expect(document.activeElement).not.toBe(button.element);
  });
});
