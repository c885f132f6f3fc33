/**
 * Creates the signature's Quill instance on mount and binds it to the HTML model.
 *
 * The HTML string is the saved truth: Quill writes it only for the admin's own edits in the rich
 * view, and `fromQuill` remembers what Quill last produced so an update we caused is not loaded
 * back into Quill (which would move the caret and could rewrite markup).
 */
import { onMounted, ref, shallowRef, watch, type Ref } from 'vue';
import { sanitizeHtml } from '@/utils/sanitize';
import { cleanQuillHtml } from '@/components/signature/signatureHtml';
import { Quill, signatureFormats } from '@/components/signature/quillSetup';

export interface QuillEditorOptions {
  editorEl: Ref<HTMLElement | null>;
  html: Ref<string>;
  label: () => string;
  /** Whether the admin may type in the rich view (not disabled, not locked). */
  enabled: () => boolean;
  /** Files dropped or pasted would become data: URLs: the caller says why they are refused. */
  onUploadRefused: () => void;
}

export function useQuillEditor({ editorEl, html, label, enabled, onUploadRefused }: QuillEditorOptions) {
  const quill = shallowRef<Quill | null>(null);
  /** The formats at the caret, for the toolbar's pressed states. */
  const formats = ref<Record<string, unknown>>({});
  /** The last HTML Quill produced, to tell our own updates from outside ones. */
  let fromQuill: string | null = null;

  /** Loads the current HTML into Quill, sanitized, without emitting a change. */
  function loadIntoQuill() {
    const q = quill.value;
    if (!q) return;
    const delta = q.clipboard.convert({ html: sanitizeHtml(html.value) });
    q.setContents(delta, 'silent');
    fromQuill = html.value;
    q.enable(enabled());
  }

  function readQuill(q: Quill): string {
    // An empty editor holds one empty paragraph: that is no signature at all.
    return q.getLength() <= 1 ? '' : cleanQuillHtml(q.getSemanticHTML());
  }

  /** Loads the HTML into Quill only when it changed outside Quill. */
  function syncIntoQuill() {
    if (html.value !== fromQuill) loadIntoQuill();
  }

  /** Deliberately keeps only what Quill can hold: the rich view's reading becomes the HTML. */
  function adoptQuillReading(): boolean {
    const q = quill.value;
    if (!q) return false;
    loadIntoQuill();
    const out = readQuill(q);
    fromQuill = out;
    html.value = out;
    return true;
  }

  /** Types `text` at the caret (or the end) as the admin's edit. */
  function insertAtCaret(text: string) {
    const q = quill.value;
    if (!q) return;
    const range = q.getSelection(true) ?? { index: Math.max(0, q.getLength() - 1), length: 0 };
    q.insertText(range.index, text, 'user');
    q.setSelection(range.index + text.length, 0, 'silent');
  }

  onMounted(() => {
    if (!editorEl.value) return;
    const q = new Quill(editorEl.value, {
      formats: signatureFormats,
      modules: {
        toolbar: false,
        // Files dropped or pasted would become data: URLs, which mail clients and our sanitizer
        // refuse: say so instead of inserting them.
        uploader: { handler: onUploadRefused },
        // Tab leaves the editor, as everywhere else on the page (Quill would type a tab character
        // and trap keyboard users).
        keyboard: { bindings: { tab: { key: 'Tab', handler: () => true } } },
      },
    });
    quill.value = q;
    q.root.setAttribute('aria-label', label());
    q.root.setAttribute('aria-multiline', 'true');
    q.root.setAttribute('role', 'textbox');
    q.root.setAttribute('data-testid', 'signature-rich');
    q.on('text-change', (_delta, _old, source) => {
      if (source !== 'user') return;
      const out = readQuill(q);
      fromQuill = out;
      html.value = out;
    });
    q.on('editor-change', () => {
      const range = q.getSelection();
      if (range) formats.value = q.getFormat(range);
    });
    loadIntoQuill();
  });

  watch(enabled, (on) => quill.value?.enable(on));

  return { quill, formats, syncIntoQuill, adoptQuillReading, insertAtCaret };
}
