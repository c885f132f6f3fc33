/**
 * A form's messages per field, keyed by the API's field path (`address`, `incoming.port`) and read
 * from the form by the same path. A message goes away as soon as its field's value changes: left
 * under a corrected field it would contradict what the admin sees (the API checks again on save).
 */
import { ref, watch, type Ref } from 'vue';

/** The value at `a.b.c` in a nested object, or undefined when the path leads nowhere. */
export function valueAtPath(root: unknown, path: string): unknown {
  let node = root;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

export function useFieldErrors(form: object): { errors: Ref<Record<string, string>>; set: (next: Record<string, string>) => void } {
  const errors = ref<Record<string, string>>({});
  /** Each field's value when its message was given. */
  let judged: Record<string, unknown> = {};

  function set(next: Record<string, string>): void {
    judged = Object.fromEntries(Object.keys(next).map((path) => [path, valueAtPath(form, path)]));
    errors.value = next;
  }

  watch(
    () => Object.keys(errors.value).map((path) => valueAtPath(form, path)),
    () => {
      const kept = Object.entries(errors.value).filter(([path]) => Object.is(valueAtPath(form, path), judged[path]));
      if (kept.length < Object.keys(errors.value).length) errors.value = Object.fromEntries(kept);
    },
  );

  return { errors, set };
}
