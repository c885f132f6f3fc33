import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { inPageFr } from '@/locales/fr/in-page';
import { publishInPageMessages } from '@/locales/in-page';

/** The in-page UI's French texts, injected before the UI chunk or when it switches language (`locales/in-page.ts`). */
export default defineUnlistedScript(() => publishInPageMessages('fr', inPageFr));
