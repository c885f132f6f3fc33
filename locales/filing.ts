import { registerMessages } from '@/utils/i18n';
import { en } from './en/filing';
import { fr } from './fr/filing';

/** Filing in the webmail: the "File to record" popover and the side panel view. */
export const messages = { en, fr };

// The in-page UI bundles neither: it gets only the user's language (`locales/in-page.ts`).
// `?.`: plain Node (the benchmarks, tsx) has no `import.meta.env`.
if (import.meta.env?.ENTRYPOINT !== 'mail-ui') registerMessages('filing', messages);
