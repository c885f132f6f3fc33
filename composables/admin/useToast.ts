/**
 * A short confirmation ("sales@acme.example deactivated — Undo", as Gmail does): shown to everyone
 * for a few seconds, then it fades (AdminToast.vue; its live region announces it politely). A newer
 * one replaces the current one. The time stands still while the pointer or the focus is on it, so
 * an Undo can always be reached (WCAG 2.2.1, timing adjustable).
 */
import { getCurrentScope, onScopeDispose, shallowRef, type ShallowRef } from 'vue';

export interface ToastAction {
  label: string;
  run: () => void;
}

export interface Toast {
  /** Grows with each toast, so the same sentence twice is still a new toast. */
  id: number;
  text: string;
  action?: ToastAction;
}

export interface ToastController {
  current: ShallowRef<Toast | null>;
  show: (text: string, action?: ToastAction) => void;
  dismiss: () => void;
  /** Runs the action of the current toast, which closes it first. */
  act: () => void;
  /** The pointer or the focus came onto the toast: its time stands still until both left. */
  hold: (by: 'pointer' | 'focus') => void;
  release: (by: 'pointer' | 'focus') => void;
}

/** Seconds people need: a plain confirmation reads in a glance; an Undo needs time to decide. */
export const TOAST_MS = { plain: 5_000, action: 8_000 };

export function useToast(): ToastController {
  const current = shallowRef<Toast | null>(null);
  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const holders = new Set<'pointer' | 'focus'>();

  function start(): void {
    clearTimeout(timer);
    const toast = current.value;
    if (toast && holders.size === 0) timer = setTimeout(dismiss, toast.action ? TOAST_MS.action : TOAST_MS.plain);
  }
  function show(text: string, action?: ToastAction): void {
    current.value = { id: ++seq, text, action };
    start();
  }
  function dismiss(): void {
    clearTimeout(timer);
    holders.clear();
    current.value = null;
  }
  function act(): void {
    const action = current.value?.action;
    dismiss();
    action?.run();
  }

  if (getCurrentScope()) onScopeDispose(() => clearTimeout(timer));
  function hold(by: 'pointer' | 'focus'): void {
    holders.add(by);
    clearTimeout(timer);
  }
  function release(by: 'pointer' | 'focus'): void {
    holders.delete(by);
    start();
  }

  return { current, show, dismiss, act, hold, release };
}
