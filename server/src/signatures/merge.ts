/**
 * Mail-merge of a signature: fill `{{tags}}` in text and attribute values, and drop each
 * line whose tags all came out empty — "Mobile: {{user.mobile}}" disappears, label included, for
 * a user with no mobile. A line is a block element without inner lines (a `<p>`, a `<div>`, a
 * table row whose cells are single lines) or a run of inline content between `<br>`s and blocks.
 *
 * Works on a DOM (the caller parses and serialises), so values are escaped by the serialiser and
 * never read as markup. The caller sanitizes the result again: merging comes before sanitizing.
 */
import { mergeTagPattern, resolveMergeTag, type MergeValues } from '../../../contract/merge-tags';

const blockTags = new Set([
  'address', 'article', 'aside', 'blockquote', 'caption', 'center', 'col', 'colgroup', 'dd', 'div',
  'dl', 'dt', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'ol',
  'p', 'pre', 'section', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);
const cellTags = new Set(['td', 'th']);

// Node types, spelled out so this file needs no `window` global.
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

type Values = Partial<Record<keyof MergeValues, string>>;

const isElement = (n: Node): n is Element => n.nodeType === ELEMENT_NODE;
const tagOf = (n: Node) => (isElement(n) ? n.localName : '');
const isBlock = (n: Node) => blockTags.has(tagOf(n));

/**
 * Values of the known tags in `text` ('' when empty). Unknown tags (refused on save, so only in
 * old data) do not count: a line is not dropped for a tag nobody could ever fill.
 */
function tagValues(text: string, values: Values): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(mergeTagPattern)) {
    const tag = resolveMergeTag(m[1] ?? '');
    if (tag) out.push(values[tag]?.trim() ?? '');
  }
  return out;
}

/** Values of every tag in the nodes' text and attributes, descendants included. */
function collectValues(nodes: Node[], values: Values): string[] {
  const out: string[] = [];
  const visit = (n: Node) => {
    if (n.nodeType === TEXT_NODE) out.push(...tagValues(n.nodeValue ?? '', values));
    if (isElement(n)) {
      for (const attr of Array.from(n.attributes)) out.push(...tagValues(attr.value, values));
      n.childNodes.forEach(visit);
    }
  };
  nodes.forEach(visit);
  return out;
}

/** A line goes when it holds at least one tag and every one of them came out empty. */
function isEmptyLine(nodes: Node[], values: Values): boolean {
  const found = collectValues(nodes, values);
  return found.length > 0 && found.every((v) => v === '');
}

/** Whether an element holds no inner line break: no `<br>`, no nested block (cells of a row aside). */
function isSingleLine(el: Element): boolean {
  const row = el.localName === 'tr';
  for (const d of Array.from(el.querySelectorAll('*'))) {
    if (d.localName === 'br') return false;
    if (isBlock(d) && !(row && cellTags.has(d.localName) && d.parentElement === el)) return false;
  }
  return true;
}

/** Something a reader would see: non-blank text or an image/rule. */
function hasVisibleContent(n: Node): boolean {
  if (n.nodeType === TEXT_NODE) return (n.nodeValue ?? '').trim() !== '';
  if (!isElement(n)) return false;
  if (n.localName === 'img' || n.localName === 'hr') return true;
  return Array.from(n.childNodes).some(hasVisibleContent);
}

function dropEmptyLines(container: Element, values: Values): void {
  let run: Node[] = [];
  // The <br> that ended the last kept line, dropped with a removed last line so no blank remains.
  let lastKeptBreak: Element | null = null;

  const closeRun = (terminator: Element | null) => {
    if (run.length > 0 && isEmptyLine(run, values)) {
      run.forEach((n) => n.parentNode?.removeChild(n));
      if (terminator) terminator.remove();
      else if (lastKeptBreak) {
        lastKeptBreak.remove();
        lastKeptBreak = null;
      }
    } else if (terminator) {
      lastKeptBreak = terminator;
    }
    run = [];
  };

  for (const child of Array.from(container.childNodes)) {
    if (!isElement(child)) {
      run.push(child);
      continue;
    }
    if (child.localName === 'br') {
      closeRun(child);
      continue;
    }
    const block = isBlock(child);
    if (!block && isSingleLine(child)) {
      run.push(child);
      continue;
    }
    // A block, or an inline element holding breaks (<span>a<br>b</span>): a line boundary.
    closeRun(null);
    lastKeptBreak = null;
    if (isSingleLine(child)) {
      if (isEmptyLine([child], values)) child.remove();
      continue;
    }
    const hadContent = hasVisibleContent(child);
    dropEmptyLines(child, values);
    // A container whose lines all went goes too — but a cell stays, or the table would shift.
    if (hadContent && !hasVisibleContent(child) && !cellTags.has(child.localName)) child.remove();
  }
  closeRun(null);
}

function fill(text: string, values: Values): string {
  return text.replace(mergeTagPattern, (_all, name: string) => {
    const tag = resolveMergeTag(name);
    return (tag ? values[tag] : undefined) ?? '';
  });
}

function fillTags(node: Node, values: Values): void {
  if (node.nodeType === TEXT_NODE) {
    const text = node.nodeValue ?? '';
    if (text.includes('{{')) node.nodeValue = fill(text, values);
    return;
  }
  if (!isElement(node)) return;
  for (const attr of Array.from(node.attributes)) {
    if (attr.value.includes('{{')) node.setAttribute(attr.name, fill(attr.value, values));
  }
  node.childNodes.forEach((c) => fillTags(c, values));
}

/**
 * Merge `values` into the signature held by `container` (in place): empty lines dropped, tags
 * filled. Unknown tags render empty (they are refused on save, so only old data can hold them).
 */
export function mergeSignature(container: Element, values: Values): void {
  dropEmptyLines(container, values);
  fillTags(container, values);
}
