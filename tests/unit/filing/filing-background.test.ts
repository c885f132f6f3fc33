import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/errors';
import type { MailroomApi } from '@/api/mailroom';
import { createFilingBackground } from '@/background/filing-handlers';
import { forwardResolveMessageIds } from '@/background/filing-relay';
import type { FileRequest, FilingState } from '@/contract';
import type { Session } from '@/background/session';

const req: FileRequest = {
  accountId: 'acc-1',
  recordIds: ['rec-1'],
  message: { messageId: '<x@y.z>', from: { address: 'bob@client.test' }, date: '2026-11-20T10:00:00Z' },
};
const state: FilingState = { message: null, filings: [] };

function fakeSession(file: MailroomApi['file'], unfile: MailroomApi['unfile'] = vi.fn()): Session {
  return { api: async () => ({ file, unfile }) as unknown as MailroomApi } as unknown as Session;
}
const noSender = {} as Parameters<ReturnType<typeof createFilingBackground>['handlers']['filings.file']>[1];

beforeEach(() => fakeBrowser.reset());

describe('background filing handlers', () => {
  it('sends "filings.file" through the persistent queue and keeps it when the server is down', async () => {
    const down = new ApiError({ code: 'network', message: 'Cannot reach the Mailroom server at http://localhost:8787' });
    const file = vi.fn<MailroomApi['file']>().mockRejectedValueOnce(down).mockResolvedValue(state);
    const { handlers, queue } = createFilingBackground(fakeSession(file), { wakeAt: () => undefined });
    await vi.waitFor(async () => expect(await queue.list()).toEqual([]));

    await expect(handlers['filings.file'](req, noSender)).rejects.toMatchObject({ error: { code: 'network' } });
    expect(await handlers['filings.queue'](undefined, noSender)).toEqual([expect.objectContaining({ status: 'pending', request: req })]);

    const [item] = await queue.list();
    await expect(handlers['filings.queue.retry']({ id: item!.id }, noSender)).resolves.toEqual({ status: 'filed', state });
    expect(await queue.list()).toEqual([]);
    expect(file).toHaveBeenCalledTimes(2);
  });

  it('tells open pages when the queue changes', async () => {
    const file = vi.fn<MailroomApi['file']>().mockResolvedValue(state);
    const { handlers } = createFilingBackground(fakeSession(file), { wakeAt: () => undefined });
    const heard: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((m: unknown) => void heard.push(m));
    await handlers['filings.submit'](req, noSender);
    expect(heard).toContainEqual({ broadcast: 'filings.queueChanged' });
  });
});

describe('"filings.changed" for the toolbar buttons', () => {
  it('is said to pages and webmail tabs once the API confirms a filing or an unfiling, not before', async () => {
    await fakeBrowser.storage.session.set({ tabStates: { 7: { tabId: 7, provider: 'gmail' } } });
    const toTabs = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);
    const down = new ApiError({ code: 'network', message: 'down' });
    const file = vi.fn<MailroomApi['file']>().mockRejectedValueOnce(down).mockResolvedValue(state);
    const unfile = vi.fn<MailroomApi['unfile']>().mockResolvedValue(undefined);
    const { handlers } = createFilingBackground(fakeSession(file, unfile), { wakeAt: () => undefined });
    const heard: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((m: unknown) => void heard.push(m));
    const changed = () => heard.filter((m) => (m as { broadcast?: string }).broadcast === 'filings.changed').length;

    await handlers['filings.submit'](req, noSender); // the server is down: queued, nothing changed
    expect(changed()).toBe(0);
    await handlers['filings.submit'](req, noSender);
    expect(changed()).toBe(1);
    await handlers['filings.unfile']({ filingId: 'f-1' }, noSender);
    expect(unfile).toHaveBeenCalledWith('f-1');
    expect(changed()).toBe(2);
    await vi.waitFor(() => expect(toTabs).toHaveBeenCalledWith(7, { broadcast: 'filings.changed' }));
  });
});

describe('Message-ID relay', () => {
  const refs = [{ providerMessageId: 'msg-f:1' }, { providerMessageId: 'msg-f:2' }];

  it('asks the followed webmail tab and fills the gaps with null', async () => {
    const sendMessage = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ ok: true, res: { 'msg-f:1': '<a@b.c>' } });
    const res = await forwardResolveMessageIds({ refs }, async () => ({ tabId: 7, provider: 'gmail' }));
    expect(sendMessage).toHaveBeenCalledWith(7, { name: 'tab.resolveMessageIds', req: { refs } });
    expect(res).toEqual({ 'msg-f:1': '<a@b.c>', 'msg-f:2': null });
  });

  it('answers all null without a webmail tab or content script (the server fingerprints)', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(new Error('Receiving end does not exist.'));
    expect(await forwardResolveMessageIds({ refs }, async () => undefined)).toEqual({ 'msg-f:1': null, 'msg-f:2': null });
    expect(await forwardResolveMessageIds({ refs }, async () => ({ tabId: 7, provider: 'gmail' }))).toEqual({ 'msg-f:1': null, 'msg-f:2': null });
  });
});
