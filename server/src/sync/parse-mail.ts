/**
 * One raw message (RFC 5322 bytes from IMAP or POP3) read into what Mailroom stores: headers,
 * bodies as received (the HTML one is sanitized later, off the event loop: filings/pending-bodies.ts),
 * attachment metadata and the key the extension would compute for the same mail
 * (contract/message-key.ts). Hard mail never throws out of here: what cannot be read becomes a
 * `skipped` reason, everything else is cleaned (NUL removed, sizes capped) so both databases take it.
 */
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { normaliseMessageId } from '../../../contract/message-key';
import type { NewMessage } from '../db/tables/content.table';
import { serverFingerprint } from '../filings/fingerprint';

/** Same caps as a filing from the extension (contract/filings.ts): 2 MB of HTML, 1 MB of text. */
const maxHtmlChars = 2 * 1024 * 1024;
const maxTextChars = 1024 * 1024;
/** A header line is at most 998 characters (RFC 5322); longer subjects are cut there. */
const maxSubjectChars = 998;
const maxAddresses = 500;
const maxReferences = 100;
const snippetChars = 200;
/** Larger raw mail is not parsed at all: sync keeps its place and logs the reason. */
export const maxRawBytes = 50 * 1024 * 1024;

export interface Address {
  name?: string;
  address: string;
}

export interface ParsedForStorage {
  key: string;
  fingerprint: string;
  /** Everything but id, org and creation time; `body_html` is null (the HTML waits pending). */
  row: Omit<NewMessage, 'id' | 'org_id' | 'created_at'>;
  from: Address | undefined;
  to: Address[];
  cc: Address[];
  bcc: Address[];
  inReplyTo: string | null;
  references: string[];
}

export type ParseResult = { ok: true; mail: ParsedForStorage } | { ok: false; reason: string };

// eslint-disable-next-line no-control-regex -- PostgreSQL text cannot hold U+0000
const NUL = /\u0000/g;
const clean = (s: string) => s.replace(NUL, '');

function addressList(a: AddressObject | AddressObject[] | undefined): Address[] {
  const out: Address[] = [];
  const visit = (v: { name?: string; address?: string; group?: unknown[] }) => {
    if (Array.isArray(v.group)) for (const g of v.group as typeof v[]) visit(g);
    const address = clean(v.address ?? '').trim().toLowerCase();
    if (!address || out.length >= maxAddresses) return;
    const name = clean(v.name ?? '').trim();
    out.push(name ? { name, address } : { address });
  };
  for (const o of Array.isArray(a) ? a : a ? [a] : []) for (const v of o.value ?? []) visit(v);
  return out;
}

/** Every `<id>` of a header value (In-Reply-To may hold several, References holds the chain). */
function messageIds(value: unknown): string[] {
  const text = Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : '';
  const ids = [...text.matchAll(/<[^<>]*>/g)].map((m) => normaliseMessageId(m[0])).filter((id): id is string => id !== null);
  return [...new Set(ids)].slice(-maxReferences);
}

/** A cheap text for the snippet of an HTML-only mail; the stored body stays the sanitized HTML. */
function roughText(html: string): string {
  return html
    .slice(0, 64 * 1024)
    .replace(/<(style|script|head)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

/**
 * The text's first `snippetChars` characters, whitespace collapsed: the same as collapsing the
 * whole text, but over a prefix that is long enough (a collapsed prefix with two characters to
 * spare ends the same way), so a long body costs no more than a short one.
 */
function snippetOf(text: string): string {
  for (let window = 1024; ; window *= 4) {
    const s = text.slice(0, window).replace(/\s+/g, ' ').trim();
    if (s.length >= snippetChars + 2 || window >= text.length) return s.slice(0, snippetChars);
  }
}

/**
 * The Date header as mailparser reads it (`new Date(value)`), or undefined when there is none or
 * it is unreadable — mailparser itself then says "now", which would give the same mail a new
 * fingerprint at every read.
 */
function headerDate(mail: ParsedMail): Date | undefined {
  const line = mail.headerLines.find((h) => h.key === 'date')?.line;
  if (!line) return undefined;
  const d = new Date(line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim());
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export function toStorage(mail: ParsedMail, receivedAt: Date): ParsedForStorage {
  const from = addressList(mail.from)[0];
  // No readable Date header: when it reached the mailbox is the best date there is (IMAP
  // INTERNALDATE is stable, so the fingerprint is too).
  const date = (headerDate(mail) ?? receivedAt).toISOString();
  const subject = clean(mail.subject ?? '').slice(0, maxSubjectChars);
  const fingerprint = serverFingerprint({ from: from?.address ?? '', date, subject });
  const messageId = normaliseMessageId(mail.messageId ? clean(mail.messageId) : null);
  const html = typeof mail.html === 'string' && mail.html.length <= maxHtmlChars ? clean(mail.html) : null;
  const text = mail.text ? clean(mail.text).slice(0, maxTextChars) : null;
  const snippet = snippetOf(text ?? (html ? roughText(html) : ''));
  const inReplyTo = messageIds(mail.inReplyTo)[0] ?? null;
  const references = messageIds(mail.references);
  const to = addressList(mail.to);
  const cc = addressList(mail.cc);
  return {
    key: messageId ?? fingerprint,
    fingerprint,
    from,
    to,
    cc,
    bcc: addressList(mail.bcc),
    inReplyTo,
    references,
    row: {
      message_key: messageId ?? fingerprint,
      message_id: messageId,
      thread_id: null,
      subject,
      from_name: from?.name ?? null,
      from_address: from?.address ?? '',
      to_json: JSON.stringify(to),
      cc_json: JSON.stringify(cc),
      date,
      snippet,
      body_html: null,
      body_html_pending: html || null,
      body_text: text,
      attachments_json: JSON.stringify(
        mail.attachments.map((a) => ({ name: clean(a.filename ?? 'attachment'), size: a.size, contentType: clean(a.contentType || 'application/octet-stream') })),
      ),
      in_reply_to: inReplyTo,
      references_json: JSON.stringify(references),
    },
  };
}

/** Parses one raw message; `{ ok: false, reason }` for input that is not mail at all. */
export async function parseRawMail(raw: Buffer, receivedAt: Date): Promise<ParseResult> {
  if (raw.length === 0) return { ok: false, reason: 'empty message' };
  if (raw.length > maxRawBytes) return { ok: false, reason: `message of ${raw.length} bytes is over the ${maxRawBytes}-byte limit` };
  let mail: ParsedMail;
  try {
    // No HTML↔text conversion: the HTML body is sanitized by the pool, the text kept as sent.
    mail = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true, keepCidLinks: true });
  } catch (err) {
    return { ok: false, reason: `unreadable MIME: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (mail.headers.size === 0 && !mail.text && !mail.html) return { ok: false, reason: 'no headers and no body' };
  try {
    return { ok: true, mail: toStorage(mail, receivedAt) };
  } catch (err) {
    return { ok: false, reason: `unusable headers: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** What a parse-pool thread is given: raw bytes (a Buffer arrives as a plain Uint8Array) and dates. */
export interface RawMailTask {
  mails: { raw: Uint8Array; receivedAt: Date }[];
}

/** Parses many messages, one result per mail, in order (the task a parse-pool thread runs). */
export function parseRawMails(task: RawMailTask): Promise<ParseResult[]> {
  return Promise.all(
    task.mails.map(({ raw, receivedAt }) => parseRawMail(Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength), receivedAt)),
  );
}
