/**
 * The toolbar's formatting commands on the signature's Quill (issue 4), and the values its
 * controls show for the formats at the caret.
 */
import { computed, type Ref, type ShallowRef } from 'vue';
import type { Quill } from '@/components/signature/quillSetup';

export function useFormatTools(quill: ShallowRef<Quill | null>, formats: Ref<Record<string, unknown>>) {
  /** Applies one format as the admin's edit, then re-reads the caret's formats. */
  function apply(name: string, value: unknown) {
    const q = quill.value;
    if (!q) return;
    q.format(name, value, 'user');
    formats.value = q.getFormat();
  }

  function toggle(format: 'bold' | 'italic' | 'underline') {
    apply(format, !formats.value[format]);
  }

  function setList(kind: 'ordered' | 'bullet') {
    apply('list', formats.value.list === kind ? false : kind);
  }

  function setAlign(value: string) {
    apply('align', value === 'left' ? false : value);
  }

  function setColor(kind: 'color' | 'background', value: string) {
    apply(kind, value);
  }

  function clearFormats() {
    const q = quill.value;
    const range = q?.getSelection(true);
    if (!q || !range) return;
    q.removeFormat(range.index, range.length, 'user');
    formats.value = q.getFormat();
  }

  /** A colour input only takes #rrggbb: anything else shows the default. */
  function hexOr(value: unknown, fallback: string): string {
    return typeof value === 'string' && value.startsWith('#') ? value : fallback;
  }

  const alignValue = computed(() => (typeof formats.value.align === 'string' ? formats.value.align : 'left'));
  const colorValue = computed(() => hexOr(formats.value.color, '#000000'));
  const backgroundValue = computed(() => hexOr(formats.value.background, '#ffffff'));

  return { toggle, setList, setAlign, setColor, clearFormats, alignValue, colorValue, backgroundValue };
}
