/**
 * Gmail's "no value": before a compose's first save its hidden inputs read the literal strings
 * "undefined" or "null" (WEBMAIL-FACTS.md), and some Workspace accounts show a thread perm id of
 * "undefined". One helper (`gmailValue`) decides; every reader of such a field goes through it.
 */
import { describe, expect, it } from 'vitest';
import { findComposes } from '@/webmail/gmail/compose-detect';
import { hiddenInputValue } from '@/webmail/gmail/form-inputs';
import { readFrom } from '@/webmail/gmail/from-alias';
import { gmailValue, legacyHexToDecimal, messageIdFrom, normaliseMessageAttr, threadIdFrom } from '@/webmail/gmail/ids';
import { composeDraftInput, composeIdInput, composeReplyToMessageInput } from '@/webmail/gmail/selectors';
import { loadOwn } from './fixtures';

const none = ['', '   ', 'undefined', 'null', 'UNDEFINED', ' Undefined ', 'Null', '\tnull\n'];

describe('gmailValue', () => {
  it.each(none.map((raw) => [raw]))('%j holds no value', (raw) => {
    expect(gmailValue(raw)).toBeUndefined();
  });

  it.each([null, undefined])('%s (no attribute, no input) holds no value', (raw) => {
    expect(gmailValue(raw)).toBeUndefined();
  });

  it.each([
    ['#msg-a:r-6620489133517502714', '#msg-a:r-6620489133517502714'],
    ['  #msg-f:1849970317472075389 ', '#msg-f:1849970317472075389'],
    ['c3', 'c3'],
    ['thread-f:1849939442718824961', 'thread-f:1849939442718824961'],
    // Only the whole value: an id that merely contains the word is an id.
    ['undefined-1', 'undefined-1'],
    ['nullable', 'nullable'],
    ['0', '0'],
  ])('%j → %j', (raw, expected) => {
    expect(gmailValue(raw)).toBe(expected);
  });
});

describe('the id readers use it', () => {
  it.each(none.map((raw) => [raw]))('thread perm id %j → the legacy thread id', (perm) => {
    expect(threadIdFrom(perm, '19ac4e1f2b3d5a01')).toBe('thread-f:1849939442718824961');
    expect(threadIdFrom(perm, 'undefined')).toBeUndefined();
  });

  it.each(none.map((raw) => [raw]))('message id %j → the legacy message id', (perm) => {
    expect(normaliseMessageAttr(perm)).toBeUndefined();
    expect(messageIdFrom(perm, '19ac6a33c1f08e7d')).toBe('msg-f:1849970317472075389');
    expect(legacyHexToDecimal(perm)).toBeUndefined();
  });
});

describe('hidden compose inputs', () => {
  it.each([
    ['2026-12-02-compose-new.html', { composeid: 'c3', draft: undefined, rm: undefined }],
    ['2026-12-02-compose-reply.html', { composeid: 'c9', draft: undefined, rm: '#msg-f:1849970317472075389' }],
    ['2026-12-02-compose-draft-reopened.html', { composeid: 'c15', draft: '#msg-a:r-6620489133517502714', rm: undefined }],
  ])('%s', (page, expected) => {
    const { document } = loadOwn(page);
    const [parts] = findComposes(document);
    if (!parts) throw new Error('fixture has a compose');
    expect({
      composeid: hiddenInputValue(parts.root, composeIdInput),
      draft: hiddenInputValue(parts.root, composeDraftInput),
      rm: hiddenInputValue(parts.root, composeReplyToMessageInput),
    }).toEqual(expected);
  });

  it.each(none.map((raw) => [raw]))('"From" input %j → the address shown in the From field', (raw) => {
    const { document } = loadOwn('2026-12-02-compose-new.html');
    const [parts] = findComposes(document);
    if (!parts) throw new Error('fixture has a compose');
    parts.root.querySelector<HTMLInputElement>('input[name=from]')!.value = raw;
    expect(readFrom(parts.root)).toBe('sales@acme.example');
  });
});
