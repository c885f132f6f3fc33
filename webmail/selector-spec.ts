/**
 * A named selector with its fallbacks, the shape every `webmail/<provider>/selectors.ts` exports.
 * The lookups over it (`webmail/dom.ts`) are shared by every provider.
 */
export interface SelectorSpec {
  /** Reported in `SelectorError` and logs. */
  readonly name: string;
  /** CSS selectors, newest layout first. */
  readonly css: readonly string[];
}

export const spec = (name: string, css: readonly string[]): SelectorSpec => ({ name, css });
