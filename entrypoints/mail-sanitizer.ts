import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { publishSanitizer } from '@/utils/page-sanitizer';
import { sanitizeHtml } from '@/utils/sanitize';

/**
 * DOMPurify and the one Mailroom configuration, injected into a webmail tab when the in-page UI
 * first sanitizes (`utils/page-sanitizer.ts`), bound to the page's window.
 */
export default defineUnlistedScript(() => publishSanitizer((html) => sanitizeHtml(html)));
