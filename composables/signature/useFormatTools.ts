/**
 * The toolbar's formatting commands on the signature's Quill, each applied as the
 * admin's own edit so the HTML model follows.
 */
import { type Ref, type ShallowRef } from 'vue';
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

  return { toggle, setList, setAlign, setColor, clearFormats };
}
