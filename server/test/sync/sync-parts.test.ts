/** The sync's small pure parts: UID sets and batches, error sentences, backoff, POP3 un-stuffing. */
import { describe, expect, it } from 'vitest';
import { batchesOf, uidSet } from '../../src/sync/imap-sync';
import { headerDate, unstuff } from '../../src/sync/pop3-sync';
import { backoffDelay, describeSyncError } from '../../src/sync/sync-errors';

describe('UID sets and batches', () => {
  it.each([
    [[1, 2, 3, 7, 9, 10], '1:3,7,9:10'],
    [[5], '5'],
    [[4, 6, 8], '4,6,8'],
  ])('%j → %s', (uids, set) => expect(uidSet(uids)).toBe(set));

  it('cuts batches by count and by bytes, a huge message alone', () => {
    const sizes = new Map([[1, 10], [2, 10], [3, 10], [4, 500], [5, 10]]);
    expect(batchesOf([1, 2, 3, 4, 5], sizes, 2, 100)).toEqual([[1, 2], [3], [4], [5]]);
    expect(batchesOf([1, 2, 3], sizes, 10, 100)).toEqual([[1, 2, 3]]);
    expect(batchesOf([], sizes, 10, 100)).toEqual([]);
  });
});

describe('error sentences', () => {
  const where = { host: 'imap.acme.test', port: 993, protocol: 'imap' as const };
  it.each([
    [{ authenticationFailed: true, message: 'Invalid credentials (Failure)' }, 'auth_failed', 'The IMAP server refused the login: check the username and password.'],
    [{ code: 'ECONNREFUSED' }, 'refused', 'Nothing answers on imap.acme.test:993 (connection refused): check the server name and port.'],
    [{ code: 'ENOTFOUND' }, 'host_not_found', 'The server name imap.acme.test was not found.'],
    [{ code: 'CONNECT_TIMEOUT' }, 'timeout', 'imap.acme.test:993 did not answer in time.'],
    [{ code: 'ERR_SSL_WRONG_VERSION_NUMBER' }, 'tls_failed', 'The secure connection (TLS) to imap.acme.test:993 was refused (ERR_SSL_WRONG_VERSION_NUMBER): check the security setting and the server\'s certificate.'],
    [{ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, 'cert_self_signed', 'The secure connection (TLS) to imap.acme.test:993 was refused (DEPTH_ZERO_SELF_SIGNED_CERT): check the security setting and the server\'s certificate.'],
    [{ code: 'ECONNRESET' }, 'closed', 'imap.acme.test:993 closed the connection.'],
    [{ message: 'BAD something odd' }, null, 'Sync failed: BAD something odd'],
  ])('%j', (err, code, message) => expect(describeSyncError(err, where, 'pw')).toEqual({ code, message }));

  it('reads a POP3 refusal of PASS as a login failure, and never repeats the password', () => {
    expect(describeSyncError({ command: 'PASS ***', message: '[AUTH] Authentication failed.' }, { ...where, protocol: 'pop3' }, 'pw')).toEqual({
      code: 'auth_failed',
      message: 'The POP3 server refused the login: check the username and password.',
    });
    expect(describeSyncError(new Error('server said: hunter2 is wrong'), where, 'hunter2').message).toBe('Sync failed: server said: *** is wrong');
  });
});

describe('backoff', () => {
  it('doubles from the base and stops at the cap (15 min)', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, 5_000, 900_000))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(backoffDelay(20, 5_000, 900_000)).toBe(900_000);
    expect(backoffDelay(10_000, 5_000, 900_000)).toBe(900_000);
  });
});

describe('POP3 reading', () => {
  it('undoes dot-stuffing, leaving other dots alone', () => {
    expect(unstuff(Buffer.from('..first\r\nmid.dle\r\n..x\r\n...y\r\n')).toString()).toBe('.first\r\nmid.dle\r\n.x\r\n..y\r\n');
  });
  it('reads the Date header, folded or missing', () => {
    expect(headerDate(Buffer.from('Subject: a\r\nDate: Tue, 01 Dec 2026\r\n 10:00:00 +0000\r\n\r\n'))?.toISOString()).toBe('2026-12-01T10:00:00.000Z');
    expect(headerDate(Buffer.from('Subject: a\r\n\r\n'))).toBeNull();
    expect(headerDate(Buffer.from('Date: not a date\r\n\r\n'))).toBeNull();
  });
});
