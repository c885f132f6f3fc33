import { createTestingPinia } from '@pinia/testing';
import { flushPromises, mount } from '@vue/test-utils';
import { reactive } from 'vue';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import FilingToolbarButton from '@/components/filing/FilingToolbarButton.vue';
import { send } from '@/messaging/client';
import { answerFrom } from '../stores/api-handlers';
import { defaultHandlers } from './filing-mock';

vi.mock('@/messaging/client', (original) => import('../stores/api-handlers').then((m) => m.clientWithSendMock(original)));

answerFrom(send, defaultHandlers);
beforeEach(() => {
  Object.assign(globalThis, { innerWidth: 1280, innerHeight: 720 });
});

function mountButton(rect: Partial<DOMRect>, popover = reactive({ openFor: null as string | null })) {
  const onOpen = vi.fn();
  const w = mount(FilingToolbarButton, {
    props: { messageId: 'msg-f:1', popover, onOpen },
    global: { plugins: [createTestingPinia({ createSpy: vi.fn, stubActions: false })] },
    attachTo: document.body,
  });
  vi.spyOn(w.get('button').element, 'getBoundingClientRect').mockReturnValue({ top: 0, bottom: 0, left: 0, right: 0, ...rect } as DOMRect);
  return { w, onOpen, popover };
}

describe('FilingToolbarButton', () => {
  it('opens under the button when there is room, and closes with Escape back on the button', async () => {
    const { w, onOpen } = mountButton({ top: 100, bottom: 125, right: 700 });
    await w.get('button').trigger('click');
    await flushPromises();
    expect(onOpen).toHaveBeenCalledWith('msg-f:1');
    const dialog = w.get('[role="dialog"]');
    expect(dialog.attributes('style')).toContain('top: 129px');
    expect(dialog.attributes('style')).toContain('left: 340px');
    expect(w.get('button').attributes('aria-expanded')).toBe('true');

    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await flushPromises();
    expect(w.find('[role="dialog"]').exists()).toBe(false);
    expect(document.activeElement).toBe(w.get('button[data-testid="file-to-record"]').element);
    w.unmount();
  });

  it('opens above a button low in the page, never taller than the room there', async () => {
    const { w } = mountButton({ top: 600, bottom: 625, right: 200 });
    await w.get('button').trigger('click');
    await flushPromises();
    const style = w.get('[role="dialog"]').attributes('style');
    expect(style).toContain('bottom: 124px');
    expect(style).toContain('max-height: 584px');
    expect(style).toContain('left: 8px');
    w.unmount();
  });

  it('shows one popover at a time on the page', async () => {
    const popover = reactive({ openFor: 'msg-f:other' as string | null });
    const { w } = mountButton({ top: 100, bottom: 125, right: 700 }, popover);
    expect(w.find('[role="dialog"]').exists()).toBe(false);
    await w.get('button').trigger('click');
    expect(popover.openFor).toBe('msg-f:1');
    w.unmount();
  });
});
