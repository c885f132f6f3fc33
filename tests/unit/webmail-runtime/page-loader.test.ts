import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { injectPageScript } from '@/entrypoints/background/inject-page-script';
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

  it('asks nothing once the extension was reloaded meanwhile, and logs a refusal', async () => {
    const { idle, win } = idlePage();
    const stop = new AbortController();
    loadPageCoreWhenIdle(ctxWith(stop.signal), 'gmail-core', win);
    stop.abort();
    idle.forEach((cb) => cb());
    expect(sent).toEqual([]);

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    sendMock.fail('page.inject', { code: 'not_found', message: 'Only a webmail tab can load the Mailroom controls.' });
    const again = idlePage();
    loadPageCoreWhenIdle(ctxWith(new AbortController().signal), 'gmail-core', again.win);
    again.idle.forEach((cb) => cb());
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith('[mailroom] could not start in this tab', expect.anything()));
  });
});

describe('background: injecting our scripts', () => {
  it('injects the named script into the frame that asked', async () => {
    const execute = vi.fn(async () => []);
    (fakeBrowser as unknown as { scripting: unknown }).scripting = { executeScript: execute };
    await injectPageScript('mail-ui', { tab: { id: 7 } as never, frameId: 3 });
    await injectPageScript('gmail-core', { tab: { id: 7 } as never });
    expect(execute.mock.calls).toEqual([
      [{ target: { tabId: 7, frameIds: [3] }, files: ['/content-scripts/mail-ui.js'] }],
      [{ target: { tabId: 7, frameIds: [0] }, files: ['/content-scripts/gmail-core.js'] }],
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
