/** The test mail server itself: it must be real (login, folders, IDLE, POP3) for the sync tests to mean anything. */
import net from 'node:net';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type Dovecot } from '../helpers/dovecot';

let dv: Dovecot;
beforeAll(async () => {
  dv = await startDovecot([{ user: 'sales@acme.test', password: 'secret' }]);
});
afterAll(() => dv.stop());

const client = (pass = 'secret') =>
  new ImapFlow({ host: dv.host, port: dv.imapPort, secure: false, auth: { user: 'sales@acme.test', pass }, logger: false });

describe('the Dovecot test server', () => {
  it('serves IMAP with INBOX and a \\Sent folder, IDLE, and appended mail', async () => {
    const c = client();
    await c.connect();
    const boxes = await c.list();
    expect(boxes.map((b) => [b.path, b.specialUse])).toEqual(expect.arrayContaining([['INBOX', '\\Inbox'], ['Sent', '\\Sent']]));
    expect(c.capabilities.has('IDLE')).toBe(true);
    await c.append('INBOX', 'From: a@b.test\r\nSubject: hi\r\nMessage-ID: <x1@b.test>\r\n\r\nhello\r\n');
    const status = await c.status('INBOX', { messages: true });
    expect(status.messages).toBe(1);
    await c.logout();
  });

  it('refuses a wrong password, and takes a changed one', async () => {
    await expect(client('wrong').connect()).rejects.toThrow();
    dv.setPassword('sales@acme.test', 'changed');
    // Dovecot notices the changed file at its next lookup; on a busy machine give it a moment.
    await expect.poll(async () => {
      const c = client('changed');
      try {
        await c.connect();
        await c.logout();
        return 'signed in';
      } catch {
        return 'refused';
      }
    }, { timeout: 5_000, interval: 200 }).toBe('signed in');
    dv.setPassword('sales@acme.test', 'secret');
  });

  it('serves POP3', async () => {
    const greeting = await new Promise<string>((resolve, reject) => {
      const s = net.connect(dv.pop3Port, dv.host);
      s.once('data', (d) => {
        resolve(d.toString());
        s.destroy();
      });
      s.once('error', reject);
    });
    expect(greeting).toMatch(/^\+OK/);
  });
});
