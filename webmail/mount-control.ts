/**
 * Mounting a feature's control in a slot the adapter finds, for every webmail: look for the slot
 * (again after each delay, since webmails draw toolbars a moment after the rest), mount, and take
 * the control out when the signal aborts. The delays are the provider's: it knows its timing.
 */
import type { MountControl, MountedControl } from './types';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function mountInSlot(
  findSlot: () => Element | undefined,
  mount: MountControl,
  signal: AbortSignal,
  retryDelaysMs: readonly number[] = [],
): Promise<MountedControl | undefined> {
  let slot: Element | undefined;
  for (const delay of [0, ...retryDelaysMs]) {
    if (delay) await sleep(delay);
    if (signal.aborted) return undefined;
    slot = findSlot();
    if (slot) break;
  }
  if (!slot || signal.aborted) return undefined;
  const remove = await mount(slot);
  if (signal.aborted) {
    remove();
    return undefined;
  }
  let removed = false;
  const control: MountedControl = {
    isConnected: () => !removed && slot.isConnected,
    remove: () => {
      if (removed) return;
      removed = true;
      signal.removeEventListener('abort', control.remove);
      remove();
    },
  };
  signal.addEventListener('abort', control.remove, { once: true });
  return control;
}
