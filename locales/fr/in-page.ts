/** The in-page UI's French (`locales/in-page.ts`), injected as `mail-ui-fr.js`. */
import type { InPageMessages } from '../in-page';
import { fr as compose } from './compose';
import { fr as errors } from './errors';
import { fr as filing } from './filing';
import { fr as popup } from './popup';
import { fr as session } from './session';

export const inPageFr: InPageMessages = { compose, errors, filing, popup, session };
