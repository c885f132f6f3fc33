/**
 * The sanitizer of the in-page UI, loaded on first need: DOMPurify is a third of the UI chunk, and
 * most page loads never insert a signature. The background injects `mail-sanitizer.js`
 * (`entrypoints/mail-sanitizer.ts`: `utils/sanitize.ts`, the one configuration, nothing else) into
 * the tab's isolated world, where it leaves its `sanitizeHtml` for the UI chunk to take.
 */
import { send } from '@/messaging/client';

export type Sanitize = (html: string) => string;

/** The isolated world is shared by our scripts only: the page's own scripts never see it. */
const key = Symbol.for('mailroom.sanitizer');
type Scope = Record<symbol, Sanitize | undefined>;

/** What `mail-sanitizer.js` does when injected. */
export function publishSanitizer(sanitize: Sanitize, scope: object = globalThis): void {
  (scope as Scope)[key] = sanitize;
}

export type InjectSanitizer = () => Promise<void>;
const injectSanitizer: InjectSanitizer = () => send('page.inject', { script: 'mail-sanitizer' });

let loading: Promise<Sanitize> | undefined;

/**
 * The page's sanitizer, injected on the first call; callers in between share one injection, and
 * a failed one is forgotten so the next need tries again.
 */
export function pageSanitizer(inject: InjectSanitizer = injectSanitizer, scope: object = globalThis): Promise<Sanitize> {
  const ready = (scope as Scope)[key];
  if (ready) return Promise.resolve(ready);
  loading ??= inject()
    .then(() => {
      const sanitize = (scope as Scope)[key];
      if (!sanitize) throw new Error('The Mailroom sanitizer was injected but not found.');
      return sanitize;
    })
    .finally(() => {
      loading = undefined;
    });
  return loading;
}
