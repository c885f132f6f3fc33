/**
 * Reads the open conversation (full view or reading pane) from Gmail's DOM: thread ids and
 * subject from the heading, then each message — ids, sender, To/Cc, date, body, attachments and
 * whether it is expanded. Takes the document as a parameter (CONVENTIONS.md) so tests feed saved
 * pages. Hidden stale views (Gmail keeps old ones with display:none) are ignored.
 */
import type { MailAddress } from '@/contract/filings';
import type { OpenConversation, OpenMessage } from '../types';
import {
  addressElement,
  bodyQuote,
  conversationMessage,
  conversationSubject,
  mainView,
  messageAttachment,
  messageAttachmentSize,
  messageBody,
  messageCollapsedSnippet,
  messageDate,
  messageRecipient,
  messageRecipientsLine,
  messageSender,
  messageStateWrapper,
} from './selectors';
import { closestOf, isHiddenInline, matchesAny, queryAll, queryOptional, queryRequired, reportSelectorMiss } from '../dom';
import { messageIdFrom, threadIdFrom } from './ids';
import { parseGmailDate } from './dates';

const snippetLength = 200;

/** The visible subject heading of the open conversation, or undefined (list view, settings…). */
export function findConversationHeading(doc: Document): HTMLElement | undefined {
  return queryAll(doc, conversationSubject).find((h) => !isHiddenInline(h));
}

function addressFrom(el: Element): MailAddress | undefined {
  const address = el.getAttribute('email')?.trim();
  if (!address) return undefined;
  const name = el.getAttribute('name')?.trim();
  return name ? { name, address } : { address };
}

/**
 * To and Cc from the recipients line ("to Claire, cc: Bob"). Gmail marks the Cc part only with
 * a "cc:" text before it; "cc" is the same word in English and French ("cc :"), and "bcc"/"cci"
 * (French) start the Bcc part, which we leave out.
 */
export function parseRecipientsLine(line: Element): { to: MailAddress[]; cc: MailAddress[] } {
  const to: MailAddress[] = [];
  const cc: MailAddress[] = [];
  let mode: 'to' | 'cc' | 'bcc' = 'to';
  const walker = line.ownerDocument.createTreeWalker(line, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === 3) {
      if (node.parentElement && closestOf(node.parentElement, addressElement)) continue;
      const text = node.textContent ?? '';
      const marker = /\b(bcc|cci|cc)\s*:/i.exec(text);
      if (marker) mode = marker[1]?.toLowerCase() === 'cc' ? 'cc' : 'bcc';
      continue;
    }
    const el = node as Element;
    if (!matchesAny(el, messageRecipient)) continue;
    const addr = addressFrom(el);
    if (!addr) continue;
    if (mode === 'to') to.push(addr);
    else if (mode === 'cc') cc.push(addr);
  }
  return { to, cc };
}

/** "84 KB", "1,2 Mo" → bytes (approximate: Gmail rounds). Unknown → 0. */
export function parseSize(text: string | null | undefined): number {
  const m = /([\d.,]+)\s*([kmg]?)(?:b|o|bytes|octets)?/i.exec(text?.trim() ?? '');
  if (!m) return 0;
  const n = Number((m[1] ?? '').replace(',', '.'));
  if (!Number.isFinite(n)) return 0;
  const unit = (m[2] ?? '').toLowerCase();
  const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.round(n * factor);
}

/** `download_url` = "<content type>:<file name>:<url>"; the name may itself contain colons. */
export function parseDownloadUrl(value: string): { contentType: string; name: string; downloadUrl: string } | undefined {
  const first = value.indexOf(':');
  const urlStart = value.search(/:https?:\/\//);
  if (first <= 0 || urlStart <= first) return undefined;
  return { contentType: value.slice(0, first), name: value.slice(first + 1, urlStart), downloadUrl: value.slice(urlStart + 1) };
}

function isExpanded(el: Element): boolean {
  const wrapper = closestOf(el, messageStateWrapper);
  if (wrapper) return wrapper.classList.contains('h7');
  // No wrapper (layout change): a message showing its body is expanded.
  return queryOptional(el, messageBody) !== undefined;
}

function collapseWhitespace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * The start of a body's own text, leaving out quoted earlier mail (as Gmail's own snippets do);
 * stops as soon as it has enough, so a long thread costs no more than a short one.
 */
export function snippetOf(body: Element, length = snippetLength): string {
  const walker = body.ownerDocument.createTreeWalker(body, 0x4 /* SHOW_TEXT */);
  let text = '';
  for (let node = walker.nextNode(); node && text.length < length * 2; node = walker.nextNode()) {
    const parent = node.parentElement;
    const quote = parent && parent !== body ? closestOf(parent, bodyQuote) : undefined;
    if (quote && body.contains(quote)) continue;
    text += ` ${node.textContent ?? ''}`;
  }
  return collapseWhitespace(text).slice(0, length);
}

export function parseMessage(el: Element, subject: string, threadId: string | undefined): OpenMessage | undefined {
  const providerMessageId = messageIdFrom(el.getAttribute('data-message-id'), el.getAttribute('data-legacy-message-id'));
  if (!providerMessageId) return undefined;
  const from = addressFrom(queryRequired(el, messageSender));
  if (!from) return undefined;
  const expanded = isExpanded(el);
  // A collapsed message shows sender, date and a snippet only: skip the lookups that cannot match
  // (each costs a subtree scan; bench/gmail/conversation-parse.bench.ts).
  const line = expanded ? queryOptional(el, messageRecipientsLine) : undefined;
  const { to, cc } = line ? parseRecipientsLine(line) : { to: [], cc: [] };
  const date = parseGmailDate(queryOptional(el, messageDate)?.getAttribute('title'));
  const body = expanded ? queryOptional(el, messageBody) : undefined;
  const bodyText = body ? collapseWhitespace(body.textContent ?? '') : undefined;
  const collapsedSnippet = expanded ? undefined : queryOptional(el, messageCollapsedSnippet)?.textContent;
  const ownText = body ? snippetOf(body) : '';
  // A reply that is only quoted text (rare) still gets a snippet.
  const snippet = collapseWhitespace(collapsedSnippet ?? (ownText || bodyText) ?? '').slice(0, snippetLength);
  const attachments = (expanded ? queryAll(el, messageAttachment) : []).flatMap((chip) => {
    const parsed = parseDownloadUrl(chip.getAttribute('download_url') ?? '');
    if (!parsed) return [];
    return [{ ...parsed, size: parseSize(queryOptional(chip, messageAttachmentSize)?.textContent) }];
  });
  return {
    providerMessageId,
    ...(threadId ? { providerThreadId: threadId } : {}),
    subject,
    from,
    to,
    cc,
    ...(date ? { date } : {}),
    snippet,
    // Raw page HTML, untrusted: consumers sanitize before storing or rendering (utils/sanitize.ts).
    ...(body ? { bodyHtml: body.innerHTML, bodyText } : {}),
    attachments,
    expanded,
  };
}

/** The open conversation, or undefined when none is shown. Never throws: misses are logged. */
export function parseConversation(doc: Document): OpenConversation | undefined {
  const heading = findConversationHeading(doc);
  if (!heading) return undefined;
  const subject = collapseWhitespace(heading.textContent ?? '');
  const threadId = threadIdFrom(heading.getAttribute('data-thread-perm-id'), heading.getAttribute('data-legacy-thread-id'));
  const scope: Element | Document = closestOf(heading, mainView) ?? doc;
  const elements = queryAll(scope, conversationMessage).filter(
    (el) => !isHiddenInline(el) && !(el.parentElement && closestOf(el.parentElement, conversationMessage)),
  );
  const messages: OpenMessage[] = [];
  for (const el of elements) {
    try {
      const m = parseMessage(el, subject, threadId);
      if (m) messages.push(m);
    } catch (err) {
      // One unreadable message must not hide the others.
      reportSelectorMiss('gmail', 'conversation', err);
    }
  }
  return { ...(threadId ? { providerThreadId: threadId } : {}), subject, messages };
}

/** The element of a message in the open conversation, by our id. */
export function findMessageElement(doc: Document, providerMessageId: string): Element | undefined {
  const heading = findConversationHeading(doc);
  const scope: Element | Document = (heading && closestOf(heading, mainView)) ?? doc;
  return queryAll(scope, conversationMessage).find(
    (el) =>
      !isHiddenInline(el) &&
      messageIdFrom(el.getAttribute('data-message-id'), el.getAttribute('data-legacy-message-id')) === providerMessageId,
  );
}
