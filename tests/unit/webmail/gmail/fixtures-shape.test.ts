/**
 * Our dated Gmail fixtures are served as whole pages by the e2e harness at
 * https://mail.google.com/...: each must be a complete static page that says it is a
 * reconstruction and where it comes from, and must not run script beyond inert data.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadOwn, ownFixtures, readOwn } from './fixtures';

const files = readdirSync(ownFixtures).filter((f) => f.endsWith('.html'));

describe('tests/fixtures/gmail', () => {
  it('holds the pages the adapter is tested on', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const f of files) expect(f).toMatch(/^\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.html$/);
  });

  it.each(files)('%s is a complete page marked as a reconstruction with its sources', (file) => {
    const html = readOwn(file);
    expect(html.startsWith('<!DOCTYPE html>\n<!--')).toBe(true);
    const comment = html.slice(0, html.indexOf('-->'));
    expect(comment).toMatch(/RECONSTRUCTION, not a capture/);
    expect(comment).toMatch(/Built from:/);
    expect(html).toMatch(/<head>[\s\S]*<\/head>\s*<body[\s\S]*<\/body>\s*<\/html>\s*$/);
    // Only inline data scripts (GLOBALS and the like): nothing fetched, no handlers.
    expect(html).not.toMatch(/<script[^>]*\bsrc=/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    const { document } = loadOwn(file);
    expect(document.compatMode).toBe('CSS1Compat');
  });
});
