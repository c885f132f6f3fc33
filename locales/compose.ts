/** Strings of the in-compose controls (account picker, "Signature" menu) and of "Write to". */
import { registerMessages } from '@/utils/i18n';
import { en } from './en/compose';
import { fr } from './fr/compose';

export const composeMessages = { en, fr };

// The in-page UI bundles neither: it gets only the user's language (`locales/in-page.ts`).
// `?.`: plain Node (the benchmarks, tsx) has no `import.meta.env`.
if (import.meta.env?.ENTRYPOINT !== 'mail-ui') registerMessages('compose', composeMessages);
