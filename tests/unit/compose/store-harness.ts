/** What the compose store tests share beside the API mock (`api-mock.ts`) and the fake compose. */
import { createTestingPinia } from '@pinia/testing';
import { setActivePinia } from 'pinia';
import { vi } from 'vitest';
import { useComposeStore } from '@/stores/compose';

/** A new store on a new Pinia: what a content script (re)started on the page gets. */
export function freshStore() {
  setActivePinia(createTestingPinia({ createSpy: vi.fn, stubActions: false }));
  return useComposeStore();
}

/** A promise the test resolves by hand, to order answers. */
export function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Gmail's "From" choices for a user with both shared accounts as aliases. */
export const bothFroms = ['ana@gmail.test', 'sales@acme.test', 'support@acme.test'];
