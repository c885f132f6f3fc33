import { registerMessages } from '@/utils/i18n';
import { en } from './en/popup';
import { fr } from './fr/popup';

/** Popup and the account picker it shares with the side panel. */
export const messages = { en, fr };

// The in-page UI bundles neither: it gets only the user's language (`locales/in-page.ts`).
// `?.`: plain Node (the benchmarks, tsx) has no `import.meta.env`.
if (import.meta.env?.ENTRYPOINT !== 'mail-ui') registerMessages('popup', messages);
