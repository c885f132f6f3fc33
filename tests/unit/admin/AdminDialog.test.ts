import { flushPromises, mount } from '@vue/test-utils';
import { defineComponent, h, ref } from 'vue';
import AdminDialog from '@/components/admin/AdminDialog.vue';

afterEach(() => {
  document.body.innerHTML = '';
});

/** A page with an opener button and a dialog it shows. */
const Page = defineComponent({
  setup() {
    const open = ref(false);
    return () => [
      h('button', { id: 'opener', onClick: () => (open.value = true) }, 'Open'),
      open.value
        ? h(
            AdminDialog,
            { title: 'Test dialog', onClose: () => (open.value = false) },
            { default: () => [h('input', { id: 'first-field' })], actions: () => [h('button', { id: 'last' }, 'OK')] },
          )
        : null,
    ];
  },
});

const tab = (shift = false) =>
  document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', shiftKey: shift, bubbles: true, cancelable: true }));

describe('AdminDialog', () => {
  it('is a labelled modal that traps Tab, closes on Esc and gives focus back', async () => {
    const w = mount(Page, { attachTo: document.body });
    const opener = document.getElementById('opener')!;
    opener.focus();
    await w.get('#opener').trigger('click');
    await flushPromises();
    const dialog = w.get('[role="dialog"]');
    expect(dialog.attributes('aria-modal')).toBe('true');
    expect(document.getElementById(dialog.attributes('aria-labelledby')!)?.textContent).toBe('Test dialog');
    // The close button comes first.
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Close');

    document.getElementById('last')!.focus();
    tab();
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Close');
    tab(true);
    expect(document.activeElement?.id).toBe('last');

    document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await flushPromises();
    expect(w.find('[role="dialog"]').exists()).toBe(false);
    expect(document.activeElement).toBe(opener);
    w.unmount();
  });
});
