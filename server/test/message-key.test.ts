import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  fingerprintSource,
  isFingerprintKey,
  lookupKey,
  messageFingerprint,
  messageKey,
  normaliseMessageId,
} from '../../contract/message-key';

describe('normaliseMessageId', () => {
  it.each([
    ['<CAF=abc+123@Mail.Gmail.COM>', 'CAF=abc+123@mail.gmail.com'],
    ['  <AbC.dEf@Example.ORG>  ', 'AbC.dEf@example.org'],
    ['AbC@Example.ORG', 'AbC@example.org'],
    // Folded across lines (CRLF + WSP), as long ids are in real headers.
    ['<20240101.1234.\r\n abcdef@Example.Com>', '20240101.1234.abcdef@example.com'],
    ['<a@b.c> <second@x.y>', 'a@b.c'],
    ['<weird@local@Host.FR>', 'weird@local@host.fr'],
    ['<no-at-sign-1234>', 'no-at-sign-1234'],
    ['<>', null],
    ['   ', null],
    ['', null],
    [null, null],
    [undefined, null],
    ['<fp:0000@x>', null],
    ['<a\u0000b@x>', null],
    [`<${'a'.repeat(1000)}@x.fr>`, null],
  ])('%j → %j', (raw, expected) => {
    expect(normaliseMessageId(raw)).toBe(expected);
  });

  it('keeps the local part\'s case: ids differing only there are different messages', () => {
    expect(normaliseMessageId('<ABC@x.fr>')).not.toBe(normaliseMessageId('<abc@x.fr>'));
  });
});

describe('fingerprint', () => {
  const base = { from: 'Helene@Acme.FR', date: '2024-03-05T10:20:30.456+01:00', subject: '  Devis   n°42\t(v2) ' };

  it('hashes the normalised sender, the UTC date to the second and the collapsed subject', async () => {
    expect(fingerprintSource(base)).toBe('helene@acme.fr\n2024-03-05T09:20:30Z\nDevis n°42 (v2)');
    const expected = createHash('sha256').update('helene@acme.fr\n2024-03-05T09:20:30Z\nDevis n°42 (v2)').digest('hex');
    expect(await messageFingerprint(base)).toBe(`fp:${expected}`);
  });

  it('is the same for the same message seen differently (zone, milliseconds, spacing, case)', async () => {
    const other = { from: ' helene@acme.fr ', date: new Date('2024-03-05T09:20:30.999Z'), subject: 'Devis n°42 (v2)' };
    expect(await messageFingerprint(other)).toBe(await messageFingerprint(base));
  });

  it('differs when any field differs', async () => {
    const fp = await messageFingerprint(base);
    expect(await messageFingerprint({ ...base, subject: 'Devis n°43 (v2)' })).not.toBe(fp);
    expect(await messageFingerprint({ ...base, date: '2024-03-05T09:20:31Z' })).not.toBe(fp);
    expect(await messageFingerprint({ ...base, from: 'other@acme.fr' })).not.toBe(fp);
  });

  it('refuses an unreadable date', async () => {
    await expect(messageFingerprint({ ...base, date: 'not a date' })).rejects.toThrow(RangeError);
  });
});

describe('messageKey and lookupKey', () => {
  const msg = { from: 'a@b.fr', date: '2024-01-01T00:00:00Z', subject: 'Hi' };

  it('uses the Message-ID when readable, else the fingerprint', async () => {
    expect(await messageKey({ ...msg, messageId: '<X@B.FR>' })).toBe('X@b.fr');
    const fp = await messageKey({ ...msg, messageId: '  <>  ' });
    expect(isFingerprintKey(fp)).toBe(true);
    expect(await messageKey(msg)).toBe(fp);
  });

  it('accepts raw Message-IDs and fp: keys for lookups', async () => {
    const fp = await messageFingerprint(msg);
    expect(lookupKey('<X@B.FR>')).toBe('X@b.fr');
    expect(lookupKey(fp.toUpperCase().replace('FP:', 'fp:'))).toBe(fp);
    expect(lookupKey('fp:1234')).toBeNull();
    expect(lookupKey('<>')).toBeNull();
  });
});
