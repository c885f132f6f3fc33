import { mount, flushPromises } from '@vue/test-utils';
import { defineComponent, h, nextTick, ref } from 'vue';
import SignatureEditor from '@/components/signature/SignatureEditor.vue';
import { locale } from '@/utils/i18n';

/** Mounts the editor under a parent holding the v-model, as a real page would. */
function mountEditor(initial: string) {
  const html = ref(initial);
  const Host = defineComponent({
    setup: () => () => h(SignatureEditor, { label: 'Signature', modelValue: html.value, 'onUpdate:modelValue': (v: string) => (html.value = v) }),
  });
  const wrapper = mount(Host, { attachTo: document.body });
  return { wrapper, html };
}

// jsdom has no layout: Quill asks a Range for its box when it focuses; give it an empty one.
beforeAll(() => {
  Range.prototype.getBoundingClientRect ??= () => new DOMRect(0, 0, 0, 0);
  Range.prototype.getClientRects ??= () => ({ length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] }) as unknown as DOMRectList;
});

afterEach(() => {
  document.body.innerHTML = '';
  locale.value = 'en';
});

describe('SignatureEditor', () => {
  it('loads the HTML into the rich view and switches to the source without changing it', async () => {
    const source = '<p>Jane <b>Doe</b></p>';
    const { wrapper, html } = mountEditor(source);
    await flushPromises();
    expect(wrapper.get('[data-testid="signature-rich"]').text()).toContain('Jane Doe');
    await wrapper.get('[data-testid="tool-source"]').trigger('click');
    const textarea = wrapper.get<HTMLTextAreaElement>('[data-testid="signature-source"]');
    expect(textarea.element.value).toBe(source);
    await wrapper.get('[data-testid="tool-source"]').trigger('click');
    // Quill would write <strong>; nothing was edited, so the saved HTML stays as written.
    expect(html.value).toBe(source);
  });

  it('keeps a table typed in the source and makes the rich view read-only with a warning', async () => {
    const { wrapper, html } = mountEditor('');
    await flushPromises();
    await wrapper.get('[data-testid="tool-source"]').trigger('click');
    const table = '<table><tr><td style="font-family: Georgia">Jane</td><td><img src="https://cdn.acme.fr/logo.png"></td></tr></table>';
    await wrapper.get('[data-testid="signature-source"]').setValue(table);
    await wrapper.get('[data-testid="tool-source"]').trigger('click');
    await nextTick();
    expect(html.value).toBe(table);
    const warning = wrapper.get('[data-testid="signature-locked"]').text();
    expect(warning).toContain('<table>');
    expect(wrapper.get('[data-testid="signature-rich"]').attributes('contenteditable')).toBe('false');
    // Back in the source, the table is intact.
    await wrapper.get('[data-testid="tool-source"]').trigger('click');
    expect(wrapper.get<HTMLTextAreaElement>('[data-testid="signature-source"]').element.value).toBe(table);
  });

  it('converts a locked signature to simple formatting only when asked twice', async () => {
    const table = '<table><tr><td><strong>Jane</strong> Doe</td></tr></table>';
    const { wrapper, html } = mountEditor(table);
    await flushPromises();
    expect(wrapper.get('[data-testid="signature-rich"]').attributes('contenteditable')).toBe('false');
    await wrapper.get('[data-testid="signature-convert"]').trigger('click');
    expect(html.value).toBe(table);
    await wrapper.get('[data-testid="signature-convert-confirm"]').trigger('click');
    await nextTick();
    expect(html.value).not.toContain('<table');
    expect(html.value).toContain('<strong>Jane</strong> Doe');
    expect(wrapper.find('[data-testid="signature-locked"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="signature-rich"]').attributes('contenteditable')).toBe('true');
  });

  it('warns about SVG images and unknown merge tags as they are typed', async () => {
    const { wrapper } = mountEditor('<p>Hi</p>');
    await flushPromises();
    expect(wrapper.find('[data-testid="signature-svg-warning"]').exists()).toBe(false);
    await wrapper.get('[data-testid="tool-source"]').trigger('click');
    await wrapper.get('[data-testid="signature-source"]').setValue('<p><img src="https://cdn.acme.fr/logo.svg"> {{user.nickname}} {{user.firstName}}</p>');
    expect(wrapper.get('[data-testid="signature-svg-warning"]').text()).toContain('https://cdn.acme.fr/logo.svg');
    const unknown = wrapper.get('[data-testid="signature-unknown-tags"]').text();
    expect(unknown).toContain('{{user.nickname}}');
    expect(unknown).not.toContain('firstName');
  });

  it('inserts a merge tag at the caret of the source view, with labels in the UI language', async () => {
    locale.value = 'fr';
    const { wrapper, html } = mountEditor('<p>Bonjour </p>');
    await flushPromises();
    await wrapper.get('[data-testid="tool-source"]').trigger('click');
    const ta = wrapper.get<HTMLTextAreaElement>('[data-testid="signature-source"]').element;
    ta.setSelectionRange(11, 11);
    await wrapper.get('[data-testid="merge-tag-button"]').trigger('click');
    const item = wrapper.get('[data-tag="user.firstName"]');
    expect(item.text()).toContain('Prénom');
    await item.trigger('click');
    expect(html.value).toBe('<p>Bonjour {{user.firstName}}</p>');
  });

  it('inserts a merge tag into the rich view and writes it to the HTML', async () => {
    const { wrapper, html } = mountEditor('<p>Hello </p>');
    await flushPromises();
    await wrapper.get('[data-testid="merge-tag-button"]').trigger('click');
    await wrapper.get('[data-tag="user.fullName"]').trigger('click');
    expect(html.value).toContain('{{user.fullName}}');
    expect(html.value).toMatch(/^<p>/);
  });

  it('never puts script from the source into the rich view', async () => {
    const { wrapper } = mountEditor('');
    await flushPromises();
    await wrapper.get('[data-testid="tool-source"]').trigger('click');
    await wrapper.get('[data-testid="signature-source"]').setValue('<p>Hi<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script></p>');
    await wrapper.get('[data-testid="tool-source"]').trigger('click');
    const rich = wrapper.get('[data-testid="signature-rich"]').element;
    expect(rich.innerHTML).not.toMatch(/onerror|script/i);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });
});
