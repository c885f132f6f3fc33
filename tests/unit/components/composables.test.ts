import { flushPromises, mount } from '@vue/test-utils';
import { defineComponent } from 'vue';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { useSidePanel } from '@/composables/useSidePanel';

beforeEach(() => {
  fakeBrowser.reset();
});

describe('useSidePanel', () => {
  it('opens the panel synchronously in the click (the user gesture does not survive an await)', async () => {
    const win = await fakeBrowser.windows.create({});
    fakeBrowser.windows.getCurrent = (async () => win) as typeof fakeBrowser.windows.getCurrent;
    const open = vi.fn(async () => undefined);
    // As in Chrome: a side panel API, no Firefox sidebar.
    Object.assign(fakeBrowser, { sidePanel: { open }, sidebarAction: undefined });
    let api!: ReturnType<typeof useSidePanel>;
    mount(defineComponent({ setup: () => ((api = useSidePanel()), () => null) }));
    await flushPromises(); // the window id is looked up at mount
    void api.open();
    // Called before any microtask ran: still inside the click handler.
    expect(open).toHaveBeenCalledWith({ windowId: win.id });
  });
});
