/** The in-page UI's English (`locales/in-page.ts`), injected as `mail-ui-en.js`. */
import type { InPageMessages } from '../in-page';
import { en as compose } from './compose';
import { en as errors } from './errors';
import { en as filing } from './filing';
import { en as popup } from './popup';
import { en as session } from './session';

export const inPageEn: InPageMessages = { compose, errors, filing, popup, session };
