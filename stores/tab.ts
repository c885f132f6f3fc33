/**
 * The webmail tab the side panel follows: what its content script reported last (which webmail,
 * the open conversation). Re-read on every `tab.changed` broadcast from the background.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { send } from '@/messaging/client';
import type { TabState } from '@/messaging/protocol';
import { onBroadcast } from '@/composables/useBroadcast';

export const useTabStore = defineStore('tab', () => {
  /** The followed webmail tab, or undefined when no webmail tab is known. */
  const current = ref<TabState | undefined>();
  const loaded = ref(false);

  /** Reads the active webmail tab's state. Failures leave the last known state (it is a hint). */
  async function load(): Promise<void> {
    try {
      current.value = await send('tab.active');
    } catch (e) {
      console.warn('[mailroom] tab state unavailable', e);
    } finally {
      loaded.value = true;
    }
  }

  /** Follows tab switches and reports from the background. Returns the unsubscribe. */
  function follow(): () => void {
    return onBroadcast('tab.changed', () => void load());
  }

  return { current, loaded, load, follow };
});
