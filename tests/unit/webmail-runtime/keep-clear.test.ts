import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { mountInPagePill } from '@/components/common/in-page-pill';
import { createKeepClear, keepComposesClear } from '@/webmail/keep-clear';
import { noneAdapter } from '@/webmail/none';
import type { ComposeHandle, WebmailAdapter } from '@/webmail/types';
import { sendMock } from '../stores/mock-send';

vi.mock('@/messaging/client', (original) => import('../stores/mock-send').then((m) => m.mockedClient(original)));

let stop: AbortController;
beforeEach(() => {
  fakeBrowser.reset();
  sendMock.reset();
  sendMock.on('session.get', () => ({ status: 'signed-out', serverUrl: 'http://localhost:8787' }));
  document.body.innerHTML = '';
  stop = new AbortController();
});
afterEach(() => {
  stop.abort();
  vi.restoreAllMocks();
});

/** An element whose box is `rect` (jsdom lays nothing out). */
function placed(rect: { left: number; top: number; right: number; bottom: number }): HTMLElement {
  const el = document.createElement('div');
  el.getBoundingClientRect = () => ({ ...rect, x: rect.left, y: rect.top, width: rect.right - rect.left, height: rect.bottom - rect.top, toJSON: () => rect });
  document.body.append(el);
  return el;
}

describe('keep-clear registry', () => {
  it('lists what is registered and on the page, counts owners, and says when it changes', () => {
    const keepClear = createKeepClear();
    const changed = vi.fn();
    keepClear.onChange(changed, stop.signal);
    const menu = placed({ left: 0, top: 0, right: 10, bottom: 10 });
    const releaseA = keepClear.add(menu);
    const releaseB = keepClear.add(menu);
    expect(keepClear.elements()).toEqual([menu]);
    releaseA();
    releaseA(); // twice is once
    expect(keepClear.elements()).toEqual([menu]);
    releaseB();
    expect(keepClear.elements()).toEqual([]);
    expect(changed).toHaveBeenCalledTimes(4);

    const gone = placed({ left: 0, top: 0, right: 10, bottom: 10 });
    keepClear.add(gone);
    gone.remove();
    expect(keepClear.elements()).toEqual([]);
    stop.abort();
    keepClear.add(menu);
    expect(changed).toHaveBeenCalledTimes(5);
  });

  it("registers each compose's window while it is open", () => {
    const keepClear = createKeepClear();
    const window = placed({ left: 84, top: 460, right: 624, bottom: 800 });
    let close = () => {};
    const compose = { screenArea: () => window, onClosed: (cb: () => void) => void (close = cb) } as unknown as ComposeHandle;
    const adapter: WebmailAdapter = { ...noneAdapter, onComposeOpened: (cb) => cb(compose) };
    keepComposesClear(adapter, keepClear, stop.signal);
    expect(keepClear.elements()).toEqual([window]);
    close();
    expect(keepClear.elements()).toEqual([]);
  });
});

describe('the pill keeps clear', () => {
  it('moves up above a compose over its corner, stands aside for a tall popover, and comes home when they go', () => {
    // One frame at a time, run by the test.
    const frames: FrameRequestCallback[] = [];
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation((cb) => frames.push(cb));
    const runFrames = () => frames.splice(0).forEach((cb) => cb(0));
    Object.assign(window, { innerWidth: 640, innerHeight: 800 });
    const keepClear = createKeepClear();
    mountInPagePill(stop.signal, keepClear);
    const pill = document.querySelector('mailroom-control')!.shadowRoot!.querySelector<HTMLElement>('button.pill')!;
    Object.defineProperties(pill, { offsetWidth: { value: 100 }, offsetHeight: { value: 32 } });
    runFrames();
    expect(pill.dataset.placement).toBe('home');

    const release = keepClear.add(placed({ left: 84, top: 460, right: 624, bottom: 800 }));
    runFrames();
    expect(pill.dataset.placement).toBe('raised');
    expect(pill.style.bottom).toBe(`${800 - 460 + 8}px`);

    const releasePopover = keepClear.add(placed({ left: 8, top: 12, right: 368, bottom: 792 }));
    runFrames();
    expect(pill.dataset.placement).toBe('aside');

    releasePopover();
    release();
    runFrames();
    expect(pill.dataset.placement).toBe('home');
    expect(pill.style.bottom).toBe('16px');

    // An inline reply scrolled over the corner: placed again on scroll.
    const reply = placed({ left: 0, top: 900, right: 640, bottom: 1200 });
    keepClear.add(reply);
    runFrames();
    expect(pill.dataset.placement).toBe('home');
    reply.getBoundingClientRect = () => ({ left: 0, top: 700, right: 640, bottom: 1000, x: 0, y: 700, width: 640, height: 300, toJSON: () => ({}) });
    document.dispatchEvent(new Event('scroll'));
    runFrames();
    expect(pill.dataset.placement).toBe('raised');
  });
});
