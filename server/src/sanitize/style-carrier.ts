/**
 * Moves inline `style` attributes aside before jsdom sees them. jsdom parses every `style` it
 * sets through its CSS object model (cssstyle), which was about three quarters of the time to
 * sanitize a styled mail body. Here parse5 — the parser jsdom itself uses, so the same tree —
 * parses the input without any CSS work, renames each `style` to a carrier attribute whose name
 * is random per call, and serializes it again; DOMPurify then filters the carrier exactly like
 * `style` (utils/sanitize.ts, `styleCarrier`) and the carrier is renamed back in its output.
 *
 * Safety never rests on this pass: DOMPurify still sanitizes whatever jsdom builds from our
 * serialization, a real `style` that reaches it is filtered as before, and a carrier name that
 * cannot be guessed cannot be smuggled in by a sender.
 */
import { randomBytes } from 'node:crypto';
import { parse, serialize, type DefaultTreeAdapterTypes } from 'parse5';

type ParentNode = DefaultTreeAdapterTypes.ParentNode;
type Element = DefaultTreeAdapterTypes.Element;

const htmlNamespace = 'http://www.w3.org/1999/xhtml';
// DOMParser documents are parsed with scripting disabled (jsdom does the same), which decides
// how `<noscript>` content is read.
const parserOptions = { scriptingEnabled: false } as const;

/** A fresh carrier name: lower case (the parser lower-cases names) and not guessable. */
export function newStyleCarrier(): string {
  return `data-mr-style-${randomBytes(8).toString('hex')}`;
}

function isElement(node: DefaultTreeAdapterTypes.ChildNode): node is Element {
  return 'tagName' in node;
}

/** Renames `style` to `carrier` on every HTML element under `root`; how many it renamed. */
function renameStyles(root: ParentNode, carrier: string): number {
  let renamed = 0;
  const stack: ParentNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const child of node.childNodes) {
      if (!isElement(child)) continue;
      if (child.namespaceURI === htmlNamespace) {
        for (const attr of child.attrs) {
          if (attr.name === 'style' && !attr.namespace) {
            attr.name = carrier;
            renamed++;
          }
        }
      }
      stack.push(child);
      if (child.tagName === 'template' && 'content' in child) stack.push((child as DefaultTreeAdapterTypes.Template).content);
    }
  }
  return renamed;
}

const leadingWhitespace = /^[\r\n\t\f\v ]+/;
const leadingDoctype = /^\s*(<!doctype[^>]*>)/i;

/**
 * `html` with its `style` attributes renamed to `carrier`, or null when it has none (then the
 * input goes to DOMPurify as it is).
 */
export function moveStylesAside(html: string, carrier: string): string | null {
  if (!/style/i.test(html)) return null;
  const document = parse(html, parserOptions);
  if (renameStyles(document, carrier) === 0) return null;
  // parse5 writes a doctype back without its public and system ids, which can switch the mode
  // jsdom parses in (quirks decide how `<p><table>` nests): put the original doctype back.
  const doctype = leadingDoctype.exec(html)?.[1];
  const body = serialize(doctype ? { ...document, childNodes: document.childNodes.filter((n) => n.nodeName !== '#documentType') } : document, parserOptions);
  // DOMPurify keeps the input's leading whitespace (the parser drops it): keep it too.
  return (leadingWhitespace.exec(html)?.[0] ?? '') + (doctype ?? '') + body;
}

/** DOMPurify's output with the carrier renamed back to `style` (attribute values escape `"`). */
export function restoreStyles(sanitized: string, carrier: string): string {
  return sanitized.replaceAll(` ${carrier}="`, ' style="');
}
