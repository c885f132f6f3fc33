import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { injectPageScript } from '@/background/inject-page-script';
import type { PageScript } from '@/messaging/protocol';
import { loadPageCoreWhenIdle } from '@/webmail/page-loader';
import { sendMock, sent } from '../stores/mock-send';

vi.mock('@/messaging/client', (original) => import('../stores/mock-send').then((m) => m.mockedClient(original)));

beforeEach(() => {
  fakeBrowser.reset();
  sendMock.reset();
});

const idlePage = () => {
  const idle: (() => void)[] = [];
  return { idle, win: { requestIdleCallback: (cb: () => void) => void idle.push(cb) } as unknown as Window };
};
const ctxWith = (signal: AbortSignal) => ({ signal }) as ContentScriptContext;

describe('page loader (all a webmail page loads from the manifest)', () => {
  it('asks for the page core when the page is first idle, not before', async () => {
    sendMock.on('page.inject', () => undefined);
    const { idle, win } = idlePage();
    loadPageCoreWhenIdle(ctxWith(new AbortController().signal), 'gmail-core', win);
    expect(sent).toEqual([]);
    idle.forEach((cb) => cb());
    expect(sent).toEqual([{ name: 'page.inject', req: { script: 'gmail-core' } }]);
  });

  it('asks nothing once the extension was reloaded meanwhile', async () => {
    const { idle, win } = idlePage();
    const stop = new AbortController();
    loadPageCoreWhenIdle(ctxWith(stop.signal), 'gmail-core', win);
    stop.abort();
    idle.forEach((cb) => cb());
    expect(sent).toEqual([]);

  });

  it('asks again when the background did not answer, then gives up with a log line', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    sendMock.fail('page.inject', { code: 'network', message: 'Could not establish connection.' });
    const timers: (() => void)[] = [];
    const win = {
      requestIdleCallback: (cb: () => void) => cb(),
      setTimeout: (cb: () => void) => void timers.push(cb),
    } as unknown as Window;
    loadPageCoreWhenIdle(ctxWith(new AbortController().signal), 'gmail-core', win, [10, 20]);
    for (let i = 0; i < 2; i++) {
      await vi.waitFor(() => expect(timers).toHaveLength(1));
      timers.shift()!();
    }
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith('[mailroom] could not start in this tab', expect.anything()));
    expect(sent.filter((s) => s.name === 'page.inject')).toHaveLength(3);
    expect(timers).toHaveLength(0);
  });

  it('succeeds on a later try without a log line', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    let calls = 0;
    sendMock.on('page.inject', () => {
      calls++;
      if (calls === 1) throw new Error('Could not establish connection.');
    });
    const timers: (() => void)[] = [];
    const win = { requestIdleCallback: (cb: () => void) => cb(), setTimeout: (cb: () => void) => void timers.push(cb) } as unknown as Window;
    loadPageCoreWhenIdle(ctxWith(new AbortController().signal), 'gmail-core', win, [10, 20]);
    await vi.waitFor(() => expect(timers).toHaveLength(1));
    timers.shift()!();
    await vi.waitFor(() => expect(calls).toBe(2));
    await new Promise((r) => setTimeout(r, 0));
    expect(timers).toHaveLength(0);
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('background: injecting our scripts', () => {
  it('injects the named script into the frame that asked', async () => {
    const execute = vi.fn(async () => []);
    (fakeBrowser as unknown as { scripting: unknown }).scripting = { executeScript: execute };
    await injectPageScript('mail-ui', { tab: { id: 7 } as never, frameId: 3 });
    await injectPageScript('gmail-core', { tab: { id: 7 } as never });
    await injectPageScript('mail-sanitizer', { tab: { id: 7 } as never, frameId: 3 });
    expect(execute.mock.calls).toEqual([
      // The UI's texts first, so its first render has them (English unless the page asks).
      [{ target: { tabId: 7, frameIds: [3] }, files: ['/mail-ui-en.js', '/content-scripts/mail-ui.js'] }],
      [{ target: { tabId: 7, frameIds: [0] }, files: ['/content-scripts/gmail-core.js'] }],
      [{ target: { tabId: 7, frameIds: [3] }, files: ['/mail-sanitizer.js'] }],
    ]);
  });

  it('injects the in-page UI with the texts of the language the page asks for, and a language alone', async () => {
    const execute = vi.fn(async (_details: { files: string[] }) => []);
    (fakeBrowser as unknown as { scripting: unknown }).scripting = { executeScript: execute };
    await injectPageScript('mail-ui', { tab: { id: 7 } as never }, 'fr');
    await injectPageScript('mail-ui-en', { tab: { id: 7 } as never });
    // Anything but a language of ours gets English.
    await injectPageScript('mail-ui', { tab: { id: 7 } as never }, '../evil' as never);
    expect(execute.mock.calls.map(([c]) => c.files)).toEqual([
      ['/mail-ui-fr.js', '/content-scripts/mail-ui.js'],
      ['/mail-ui-en.js'],
      ['/mail-ui-en.js', '/content-scripts/mail-ui.js'],
    ]);
  });

  it('refuses a page that is not a tab, and any script not on its list', async () => {
    const execute = vi.fn(async () => []);
    (fakeBrowser as unknown as { scripting: unknown }).scripting = { executeScript: execute };
    await expect(injectPageScript('mail-ui', {})).rejects.toMatchObject({ error: { code: 'not_found' } });
    await expect(injectPageScript('../evil' as PageScript, { tab: { id: 7 } as never })).rejects.toMatchObject({
      error: { code: 'validation_failed', message: 'There is no Mailroom script called "../evil".' },
    });
    await expect(injectPageScript('toString' as PageScript, { tab: { id: 7 } as never })).rejects.toMatchObject({ error: { code: 'validation_failed' } });
    expect(execute).not.toHaveBeenCalled();
  });
});
