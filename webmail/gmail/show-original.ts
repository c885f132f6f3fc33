/**
 * The RFC Message-ID from Gmail's "show original" page (`view=om`): the raw source sits
 * HTML-escaped in `pre#raw_message_text` (WEBMAIL-FACTS.md). Only the header block counts (up to the
 * first empty line), folded lines are unfolded, the name matches case-insensitively
 * (`Message-ID`, `Message-Id`, `MESSAGE-ID`), and entities are decoded by the HTML parser — or by
 * hand when we are given the `<pre>` text still escaped.
 */
import { rawMessageText } from './selectors';
import { queryOptional } from '../dom';

const namedEntities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ' };

/** Decode the entities Gmail uses in the escaped source (named, decimal, hex). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return namedEntities[body.toLowerCase()] ?? whole;
  });
}

/** Message-ID from raw RFC 822 text (already unescaped). Returns `<...>` as written, or undefined. */
export function messageIdFromRawHeaders(raw: string): string | undefined {
  const lines = raw.replace(/\r\n?/g, '\n').split('\n');
  const unfolded: string[] = [];
  for (const line of lines) {
    if (line.trim() === '') break; // end of the header block
    if (/^[ \t]/.test(line) && unfolded.length > 0) unfolded[unfolded.length - 1] += ` ${line.trim()}`;
    else unfolded.push(line);
  }
  for (const header of unfolded) {
    const m = /^message-id[ \t]*:(.*)$/i.exec(header);
    if (!m) continue;
    const value = (m[1] ?? '').trim();
    const bracketed = /<[^<>\s]+>/.exec(value.replace(/\s+/g, ''));
    if (bracketed) return bracketed[0];
    // Some senders omit the brackets; keep a bare id-like value rather than lose the identity.
    return /^[^\s<>]+@[^\s<>]+$/.test(value) ? `<${value}>` : undefined;
  }
  return undefined;
}

export interface ShowOriginalResult {
  /** Whether the page held the raw source at all (a sign-in or error page does not). */
  rawFound: boolean;
  messageId: string | undefined;
}

/** From the show-original HTML page, as fetched. */
export function parseShowOriginalHtml(html: string, parser: DOMParser): ShowOriginalResult {
  const doc = parser.parseFromString(html, 'text/html');
  const pre = queryOptional(doc, rawMessageText);
  // Optional: a sign-in or error page has no <pre>; the caller falls back to the fingerprint.
  if (!pre) return { rawFound: false, messageId: undefined };
  let text = pre.textContent ?? '';
  // Defensive: if the text is still escaped (double-escaped page), decode once more.
  if (!text.includes('<') && /&lt;|&#0*60;|&#x0*3c;/i.test(text)) text = decodeEntities(text);
  return { rawFound: true, messageId: messageIdFromRawHeaders(text) };
}

