import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { inPageEn } from '@/locales/en/in-page';
import { publishInPageMessages } from '@/locales/in-page';

/** The in-page UI's English texts, injected before the UI chunk or when it switches language (`locales/in-page.ts`). */
export default defineUnlistedScript(() => publishInPageMessages('en', inPageEn));
