/**
 * The signature editor's two views: the rich Quill view and the HTML source textarea,
 * and what happens when the HTML holds markup Quill cannot keep (tables, fonts, layout styles: see
 * quillCanModel): the rich view is locked and the source view is where it is edited, so nothing is
 * silently dropped. Converting to simple formatting takes two clicks, since it drops that markup.
 */
import { computed, nextTick, ref, watch, type Ref } from 'vue';
import { quillCanModel } from '@/components/signature/signatureHtml';

export interface SourceModeOptions {
  html: Ref<string>;
  sourceEl: Ref<HTMLTextAreaElement | null>;
}

/** Whether Quill can hold the HTML, and why not. */
export function useRichLock(html: Ref<string>) {
  const modelCheck = computed(() => quillCanModel(html.value));
  const richLocked = computed(() => !modelCheck.value.ok);
  return { modelCheck, richLocked };
}

export interface RichView {
  /** Loads the HTML into Quill when it changed outside Quill. */
  syncIntoQuill: () => void;
  /** Makes Quill's reading of the HTML the HTML. */
  adoptQuillReading: () => boolean;
}

export function useSourceMode(
  { html, sourceEl }: SourceModeOptions,
  richLocked: Ref<boolean>,
  rich: RichView,
  /** Runs as the view changes (the toolbar's panels belong to the rich view). */
  onSwitch: () => void,
) {
  const mode = ref<'rich' | 'source'>('rich');

  watch(html, () => {
    if (mode.value === 'rich') rich.syncIntoQuill();
  });

  async function setMode(next: 'rich' | 'source') {
    if (mode.value === next) return;
    mode.value = next;
    onSwitch();
    await nextTick();
    if (next === 'rich') rich.syncIntoQuill();
    else sourceEl.value?.focus();
  }

  /** Replaces the textarea's selection with `text` and puts the caret after it. */
  function insertInSource(text: string) {
    const ta = sourceEl.value;
    const start = ta?.selectionStart ?? html.value.length;
    const end = ta?.selectionEnd ?? start;
    html.value = html.value.slice(0, start) + text + html.value.slice(end);
    void nextTick(() => {
      ta?.focus();
      ta?.setSelectionRange(start + text.length, start + text.length);
    });
  }

  /** Two steps, since converting drops the layout the warning lists. */
  const convertArmed = ref(false);
  watch(richLocked, () => (convertArmed.value = false));

  function convertToRich() {
    if (rich.adoptQuillReading()) convertArmed.value = false;
  }

  return { mode, setMode, insertInSource, convertArmed, convertToRich };
}
