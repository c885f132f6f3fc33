/**
 * What every webmail's compose detection shares: an id of ours for a compose the webmail gives no
 * id, and the subject prefixes that tell a reply or a forward.
 */

const generatedIds = new WeakMap<Element, string>();
let generatedCounter = 0;

/** An id held for the element's life, for a compose whose webmail id cannot be read. */
export function generatedComposeId(root: Element): string {
  let id = generatedIds.get(root);
  if (!id) {
    id = `mailroom:${++generatedCounter}`;
    generatedIds.set(root, id);
  }
  return id;
}

// Prefixes webmails and the mail our users get write: English, French, German, Spanish, Nordic, Dutch.
export const forwardSubjectPrefix = /^\s*(fwd?|tr|wg|rv|enc|vs|doorst)\s*:/i;
export const replySubjectPrefix = /^\s*(re|r[ée]f|aw|sv|antw|odp)\s*:/i;
