/**
 * The in-page UI's sanitizer, injected on first need (`utils/page-sanitizer.ts`): one injection
 * for every caller in between, a failed one tried again, and the one configuration doing the work.
 */
import { describe, expect, it, vi } from 'vitest';
import { pageSanitizer, publishSanitizer } from '@/utils/page-sanitizer';
import { sanitizeHtml } from '@/utils/sanitize';

/** What the background does: run `mail-sanitizer.js` in the page (here, in `scope`). */
const injectInto = (scope: object) => vi.fn(async () => publishSanitizer((html) => sanitizeHtml(html), scope));

describe('pageSanitizer', () => {
  it('injects the sanitizer once for every caller, then sanitizes with the one configuration', async () => {
    const scope = {};
    const inject = injectInto(scope);
    const [a, b] = await Promise.all([pageSanitizer(inject, scope), pageSanitizer(inject, scope)]);
    expect(a).toBe(b);
    expect(a('<p style="position: fixed; color: red">Ana</p><img src="https://x.test/a.png" onerror="alert(1)"><script>x()</script>')).toBe(
      '<p style="color: red">Ana</p><img src="https://x.test/a.png">',
    );
    await pageSanitizer(inject, scope);
    expect(inject).toHaveBeenCalledTimes(1);
  });

  it('tries again at the next need after a failed injection, or one that left nothing', async () => {
    const scope = {};
    await expect(pageSanitizer(() => Promise.reject(new Error('Could not establish connection.')), scope)).rejects.toThrow('Could not establish connection.');
    await expect(pageSanitizer(async () => {}, scope)).rejects.toThrow('injected but not found');
    const inject = injectInto(scope);
    await expect(pageSanitizer(inject, scope).then((s) => s('<b onclick="x()">ok</b>'))).resolves.toBe('<b>ok</b>');
    expect(inject).toHaveBeenCalledTimes(1);
  });
});
