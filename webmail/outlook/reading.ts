/**
 * Reads the open conversation from Outlook's DOM — the reading pane (one conversation of several
 * messages) or a pop-out read window (one message): subject, then each message's ids, sender,
 * To/Cc, date, body, attachments and whether it is expanded. Takes the document and the page's
 * address as parameters so tests feed saved pages. A message Outlook shows without an item id
 * gets an id of ours (the conversation and its place in it): it still files, identified by its
 * fingerprint (DESIGN.md).
 */
import type { OpenConversation, OpenMessage } from '../types';
import { closestOf, isHiddenInline, matchesAny, queryAll, queryOptional, queryRequired, reportSelectorMiss } from '../dom';
import { addressesIn } from './addresses';
import { parseOutlookDate } from './dates';
import { itemIdFromPath } from './location';
import {
  bodyQuoteStart,
  conversationContainer,
  conversationMessage,
  conversationSubject,
  messageAttachment,
  messageBody,
  messageDate,
  messageHeader,
  messageList,
  messageSender,
  messageToolbar,
  personaLabel,
  labelledElement,
  selectedConversation,
} from './selectors';

const snippetLength = 200;
/** Our ids for messages Outlook shows without its item id (never sent to Outlook's service). */
export const localIdPrefix = 'mailroom-local:';
const itemPrefix = 'item:';

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The item id a provider message id stands for, or undefined for our local ids. */
export function itemIdOf(providerMessageId: string): string | undefined {
  return providerMessageId.startsWith(itemPrefix) ? providerMessageId.slice(itemPrefix.length) : undefined;
}

export function findConversationContainer(doc: Document): HTMLElement | undefined {
  return queryAll(doc, conversationContainer).find((c) => !isHiddenInline(c));
}

/** The message blocks of a conversation, outermost only. */
export function findMessageBlocks(container: Element): HTMLElement[] {
  let blocks = queryAll(container, conversationMessage).filter((el) => queryOptional(el, messageHeader) !== undefined);
  // No block form we know: the parents of the expandable headers.
  if (blocks.length === 0) blocks = queryAll(container, messageHeader).flatMap((h) => (h.parentElement ? [h.parentElement] : []));
  return blocks.filter((el) => !isHiddenInline(el) && !(el.parentElement && closestOf(el.parentElement, conversationMessage)));
}

/** The start of a body's own text, stopping at Outlook's quote markers (as Outlook's own snippets do). */
export function snippetOf(body: Element, length = snippetLength): string {
  const walker = body.ownerDocument.createTreeWalker(body, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */);
  let text = '';
  for (let node = walker.nextNode(); node && text.length < length * 2; node = walker.nextNode()) {
    if (node.nodeType === 1) {
      if (matchesAny(node as Element, bodyQuoteStart)) break;
      continue;
    }
    text += ` ${node.textContent ?? ''}`;
  }
  return collapse(text).slice(0, length);
}

/** "84 KB", "1,2 Mo" → bytes (approximate: Outlook rounds). Unknown → 0. */
export function parseSize(text: string | null | undefined): number {
  const m = /([\d.,]+)\s*([kmg]?)(?:b|o|bytes|octets)\b/i.exec(text?.trim() ?? '');
  if (!m) return 0;
  const n = Number((m[1] ?? '').replace(',', '.'));
  if (!Number.isFinite(n)) return 0;
  const unit = (m[2] ?? '').toLowerCase();
  const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.round(n * factor);
}

interface ReadContext {
  subject: string;
  threadId: string | undefined;
  /** The item the URL names: the message Outlook opened. */
  urlItemId: string | undefined;
  lang: string;
}

function messageIdFor(block: Element, index: number, blocks: number, ctx: ReadContext): string {
  const own = block.getAttribute('data-item-id')?.trim();
  if (own) return `${itemPrefix}${own}`;
  // One message shown (a pop-out, or the pane in message mode): the URL's item is this one.
  if (blocks === 1 && ctx.urlItemId) return `${itemPrefix}${ctx.urlItemId}`;
  return `${localIdPrefix}${ctx.threadId ?? ctx.subject}#${index}`;
}

export function parseMessage(block: Element, index: number, blocks: number, ctx: ReadContext): OpenMessage | undefined {
  const header = queryRequired(block, messageHeader);
  const lines = personaLines(block);
  const [from] = addressesIn(lines.from[0] ?? queryRequired(block, messageSender));
  if (!from) return undefined;
  const expanded = header.getAttribute('aria-expanded') === 'true';
  const to = expanded ? lines.to.flatMap((el) => addressesIn(el)) : [];
  const cc = expanded ? lines.cc.flatMap((el) => addressesIn(el)) : [];
  const date = parseOutlookDate((queryOptional(header, messageDate) ?? queryOptional(block, messageDate))?.textContent, ctx.lang);
  const body = expanded ? queryOptional(block, messageBody) : undefined;
  const bodyText = body ? collapse(body.textContent ?? '') : undefined;
  // Collapsed: the header's own text after sender and time is Outlook's snippet.
  const collapsedSnippet = expanded ? undefined : collapsedSnippetOf(header, block);
  const snippet = collapse(collapsedSnippet ?? ((body && snippetOf(body)) || bodyText) ?? '').slice(0, snippetLength);
  const attachments = (expanded ? queryAll(block, messageAttachment) : []).map((el) => ({
    name: collapse(el.getAttribute('title') ?? ''),
    size: parseSize(el.textContent),
    contentType: '',
  }));
  return {
    providerMessageId: messageIdFor(block, index, blocks, ctx),
    ...(ctx.threadId ? { providerThreadId: ctx.threadId } : {}),
    subject: ctx.subject,
    from,
    to,
    cc,
    ...(date ? { date } : {}),
    snippet,
    // Raw page HTML, untrusted: consumers sanitize before storing or rendering (utils/sanitize.ts).
    ...(body ? { bodyHtml: body.innerHTML, bodyText } : {}),
    attachments: attachments.filter((a) => a.name),
    expanded,
  };
}

/** From, To and Cc lines of a message in one pass over its labelled elements. */
function personaLines(block: Element): Record<keyof typeof personaLabel, Element[]> {
  const lines: Record<keyof typeof personaLabel, Element[]> = { from: [], to: [], cc: [] };
  for (const el of queryAll(block, labelledElement)) {
    const label = el.getAttribute('aria-label') ?? '';
    if (personaLabel.from.test(label)) lines.from.push(el);
    else if (personaLabel.to.test(label)) lines.to.push(el);
    else if (personaLabel.cc.test(label)) lines.cc.push(el);
  }
  return lines;
}

function collapsedSnippetOf(header: Element, block: Element): string | undefined {
  const skip = [queryOptional(block, messageSender), queryOptional(block, messageDate)].filter((el): el is HTMLElement => !!el);
  let text = '';
  for (const child of Array.from(header.children)) {
    if (skip.some((s) => s === child || child.contains(s))) continue;
    text += ` ${child.textContent ?? ''}`;
  }
  return collapse(text) || undefined;
}

/** The selected conversation's id in the message list (`data-convid`), if a list is shown. */
export function selectedConversationId(doc: Document): string | undefined {
  const list = queryOptional(doc, messageList);
  const active = list?.getAttribute('aria-activedescendant');
  const byActive = active ? doc.getElementById(active)?.getAttribute('data-convid') : undefined;
  return byActive ?? queryOptional(doc, selectedConversation)?.getAttribute('data-convid') ?? undefined;
}

/** The open conversation, or undefined when none is shown. Never throws: misses are logged. */
export function parseConversation(doc: Document, pathname = doc.location?.pathname ?? ''): OpenConversation | undefined {
  const container = findConversationContainer(doc);
  if (!container) return undefined;
  const heading = queryOptional(container, conversationSubject);
  const subject = collapse(heading?.textContent ?? '');
  const blocks = findMessageBlocks(container);
  if (blocks.length === 0) return undefined;
  const threadId = selectedConversationId(doc);
  const ctx: ReadContext = { subject, threadId, urlItemId: itemIdFromPath(pathname), lang: doc.documentElement.lang || 'en' };
  const messages: OpenMessage[] = [];
  blocks.forEach((block, index) => {
    try {
      const m = parseMessage(block, index, blocks.length, ctx);
      if (m) messages.push(m);
    } catch (err) {
      // One unreadable message must not hide the others.
      reportSelectorMiss('outlook', 'conversation', err);
    }
  });
  return { ...(threadId ? { providerThreadId: threadId } : {}), subject, messages };
}

/** The toolbar of a message on screen, by our id, if it has one (a collapsed message has none). */
export function findMessageToolbar(doc: Document, providerMessageId: string, pathname = doc.location?.pathname ?? ''): Element | undefined {
  const container = findConversationContainer(doc);
  if (!container) return undefined;
  const blocks = findMessageBlocks(container);
  const ctx: ReadContext = {
    subject: collapse(queryOptional(container, conversationSubject)?.textContent ?? ''),
    threadId: selectedConversationId(doc),
    urlItemId: itemIdFromPath(pathname),
    lang: 'en',
  };
  const index = blocks.findIndex((b, i) => messageIdFor(b, i, blocks.length, ctx) === providerMessageId);
  const block = blocks[index];
  return block ? queryOptional(block, messageToolbar) : undefined;
}
