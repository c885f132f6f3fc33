import type { SelectorSpec } from '../selector-spec';
import { queryOptional } from '../dom';
import { gmailValue } from './ids';

type Root = Element | Document;

/**
 * The value of a hidden input of Gmail's compose form (`draft`, `rm`, `composeid`, `from`…), or
 * undefined when the input is missing or holds none (Gmail's "undefined"/"null": see `gmailValue`).
 */
export function hiddenInputValue(root: Root, s: SelectorSpec): string | undefined {
  return gmailValue(queryOptional<HTMLInputElement>(root, s)?.value);
}
