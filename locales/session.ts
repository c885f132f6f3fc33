import { registerMessages } from '@/utils/i18n';
import { en } from './en/session';
import { fr } from './fr/session';

/** Sign-in form and "who is signed in". */
export const messages = { en, fr };

// The in-page UI bundles neither: it gets only the user's language (`locales/in-page.ts`).
// `?.`: plain Node (the benchmarks, tsx) has no `import.meta.env`.
if (import.meta.env?.ENTRYPOINT !== 'mail-ui') registerMessages('session', messages);
