import { mount } from '@vue/test-utils';
import { nextTick } from 'vue';
import AdminRowMenu from '@/components/admin/AdminRowMenu.vue';

afterEach(() => {
  document.body.innerHTML = '';
});

const items = [
  { id: 'edit', label: 'Edit' },
  { id: 'signatures', label: 'Signatures' },
  { id: 'delete', label: 'Delete', danger: true },
];

function key(el: Element, k: string) {
  el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
}

describe('AdminRowMenu', () => {
  it('opens on ArrowDown, moves with arrows, chooses with a click and returns focus', async () => {
    const w = mount(AdminRowMenu, { props: { label: 'More actions for a@b.c', items }, attachTo: document.body });
    const button = w.get('button[aria-haspopup="menu"]');
    expect(button.attributes('aria-expanded')).toBe('false');
    key(button.element, 'ArrowDown');
    await nextTick();
    await nextTick();
    expect(button.attributes('aria-expanded')).toBe('true');
    expect(document.activeElement?.textContent?.trim()).toBe('Edit');
    key(document.activeElement!, 'ArrowUp');
    expect(document.activeElement?.textContent?.trim()).toBe('Delete');
    key(document.activeElement!, 'Home');
    key(document.activeElement!, 'ArrowDown');
    expect(document.activeElement?.textContent?.trim()).toBe('Signatures');
    (document.activeElement as HTMLElement).click();
    await nextTick();
    expect(w.emitted('select')).toEqual([['signatures']]);
    expect(w.find('[role="menu"]').exists()).toBe(false);
    expect(document.activeElement).toBe(button.element);
  });

  it('closes on Escape without choosing', async () => {
    const w = mount(AdminRowMenu, { props: { label: 'More', items }, attachTo: document.body });
    await w.get('button').trigger('click');
    await nextTick();
    key(document.activeElement!, 'Escape');
    await nextTick();
    expect(w.find('[role="menu"]').exists()).toBe(false);
    expect(w.emitted('select')).toBeUndefined();
    expect(document.activeElement).toBe(w.get('button').element);
  });
});
