/**
 * The toolbar's link and image panels, and pasting an image's address. There is no
 * upload: images go in by URL only, since data: URLs are refused by mail clients and our sanitizer.
 *
 * The selection is saved when a panel opens, because typing the URL moves focus out of Quill.
 */
import { onBeforeUnmount, onMounted, ref, type Ref, type ShallowRef } from 'vue';
import { t } from '@/utils/i18n';
import { isImageUrl } from '@/components/signature/signatureHtml';
import type { Quill } from '@/components/signature/quillSetup';

type Range = { index: number; length: number };

export interface InsertPanelsOptions {
  quill: ShallowRef<Quill | null>;
  formats: Ref<Record<string, unknown>>;
  /** The element around Quill's root, where pasting is intercepted. */
  containerEl: Ref<HTMLElement | null>;
  /** The editor's one-line message to the admin (invalid URL, refused upload). */
  notice: Ref<string>;
}

export function useInsertPanels({ quill, formats, containerEl, notice }: InsertPanelsOptions) {
  const panel = ref<'none' | 'link' | 'image'>('none');
  const linkUrl = ref('');
  const imageUrl = ref('');
  let savedRange: Range | null = null;

  function openPanel(kind: 'link' | 'image') {
    const q = quill.value;
    if (!q) return;
    savedRange = q.getSelection() ?? { index: Math.max(0, q.getLength() - 1), length: 0 };
    if (kind === 'link') linkUrl.value = typeof formats.value.link === 'string' ? formats.value.link : 'https://';
    if (kind === 'image') imageUrl.value = '';
    panel.value = panel.value === kind ? 'none' : kind;
  }

  function closePanel() {
    panel.value = 'none';
    const q = quill.value;
    if (q && savedRange) q.setSelection(savedRange.index, savedRange.length, 'silent');
  }

  function applyLink() {
    const q = quill.value;
    const url = linkUrl.value.trim();
    if (!q || !savedRange || !url) return;
    if (savedRange.length > 0) q.formatText(savedRange.index, savedRange.length, 'link', url, 'user');
    else q.insertText(savedRange.index, url, 'link', url, 'user');
    closePanel();
  }

  function removeLink() {
    const q = quill.value;
    if (!q || !savedRange) return;
    q.formatText(savedRange.index, Math.max(savedRange.length, 1), 'link', false, 'user');
    closePanel();
  }

  function insertImage(url: string, range: Range | null) {
    const q = quill.value;
    if (!q || !/^https?:\/\//i.test(url)) {
      notice.value = t('signature.imageUrlInvalid');
      return;
    }
    const at = range ?? { index: Math.max(0, q.getLength() - 1), length: 0 };
    if (at.length) q.deleteText(at.index, at.length, 'user');
    q.insertEmbed(at.index, 'image', url, 'user');
    q.setSelection(at.index + 1, 0, 'silent');
    notice.value = '';
  }

  function applyImage() {
    insertImage(imageUrl.value.trim(), savedRange);
    if (!notice.value) closePanel();
  }

  /** Pasting just the address of an image inserts the image (there is no upload). */
  function onPaste(event: ClipboardEvent) {
    const q = quill.value;
    if (!q || !q.isEnabled()) return;
    const text = event.clipboardData?.getData('text/plain') ?? '';
    if (!isImageUrl(text)) return;
    event.preventDefault();
    event.stopPropagation();
    insertImage(text.trim(), q.getSelection(true));
  }

  // Capture phase on the container runs before Quill's own paste handler on its root.
  onMounted(() => containerEl.value?.addEventListener('paste', onPaste, true));
  onBeforeUnmount(() => containerEl.value?.removeEventListener('paste', onPaste, true));

  return { panel, linkUrl, imageUrl, openPanel, closePanel, applyLink, removeLink, applyImage };
}
