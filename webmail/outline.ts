/**
 * A censored outline of a piece of the host page, for logs and `SelectorError`s: tag names and a
 * few structural attributes only — no text, no addresses, no names — so a selector miss can be
 * reported without leaking mail content (CONVENTIONS.md, "The webmail boundary").
 * Provider-neutral: Gmail and Outlook adapters both use it.
 */

/** Attributes that describe structure, not content. Anything else is dropped. */
const defaultAllowedAttributes = [
  'role',
  'class',
  'name',
  'type',
  'contenteditable',
  'g_editable',
  'gh',
  'data-message-id',
  'data-legacy-message-id',
  'data-thread-perm-id',
  'data-legacy-thread-id',
  'data-app-section',
  'data-convid',
  'data-mailroom-signature',
  'aria-hidden',
  'aria-haspopup',
  'aria-expanded',
];

/** `name` is a structural attribute on form fields, but Gmail also puts display names in it (`span[email][name]`). */
const elementsWithStructuralName = new Set(['input', 'textarea', 'select', 'form', 'button', 'iframe']);

// Anything that looks like an address, however it is embedded.
const addressLike = /[^\s"'<>]*@[^\s"'<>]*/g;

export interface OutlineOptions {
  /** How deep below the root to go (root is depth 0). */
  maxDepth?: number;
  /** Stop after this many elements so a miss on a huge page yields a readable log line. */
  maxNodes?: number;
  allowedAttributes?: readonly string[];
}

function censorValue(value: string): string {
  const cleaned = value.replace(addressLike, '[address]');
  return cleaned.length > 80 ? `${cleaned.slice(0, 80)}…` : cleaned;
}

function describe(el: Element, allowed: ReadonlySet<string>): string {
  const tag = el.tagName.toLowerCase();
  const parts = [tag];
  for (const attr of Array.from(el.attributes)) {
    if (!allowed.has(attr.name)) continue;
    if (attr.name === 'name' && !elementsWithStructuralName.has(tag)) continue;
    parts.push(`[${attr.name}="${censorValue(attr.value)}"]`);
  }
  return parts.join('');
}

/**
 * One line per element, indented by depth. Text nodes, comments and attribute values outside the
 * allow-list never appear; address-like substrings in allowed values are replaced.
 */
export function censoredOutline(root: Element | Document | null | undefined, options: OutlineOptions = {}): string {
  if (!root) return '(no root)';
  const start = 'documentElement' in root ? root.documentElement : root;
  if (!start) return '(empty document)';
  const maxDepth = options.maxDepth ?? 6;
  const maxNodes = options.maxNodes ?? 200;
  const allowed = new Set(options.allowedAttributes ?? defaultAllowedAttributes);
  const lines: string[] = [];
  let truncated = false;

  const walk = (el: Element, depth: number): void => {
    if (lines.length >= maxNodes) {
      truncated = true;
      return;
    }
    // Script and style contents are never walked; their tags still show the shape.
    lines.push(`${'  '.repeat(depth)}${describe(el, allowed)}`);
    if (depth >= maxDepth) {
      if (el.childElementCount > 0) lines.push(`${'  '.repeat(depth + 1)}… ${el.childElementCount} children`);
      return;
    }
    for (const child of Array.from(el.children)) walk(child, depth + 1);
  };
  walk(start, 0);
  if (truncated) lines.push(`… (truncated at ${maxNodes} elements)`);
  return lines.join('\n');
}
