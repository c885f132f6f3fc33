/**
 * What a person reads when something failed, by error code: the API's codes (contract/common.ts)
 * and the extension's own (messaging/protocol.ts). The page turns a code into one of these
 * (composables/useErrorMessage.ts); the API's English sentence is shown only for a code missing
 * here. `field.<path>` are the messages under form fields, by the API's field path.
 */
import { registerMessages } from '@/locales/catalog';
import { en } from './en/errors';
import { fr } from './fr/errors';
export const errorMessages = { en, fr };

// The in-page UI bundles neither: it gets only the user's language (`locales/in-page.ts`).
// `?.`: plain Node (the benchmarks, tsx) has no `import.meta.env`.
if (import.meta.env?.ENTRYPOINT !== 'mail-ui') registerMessages('errors', errorMessages);
