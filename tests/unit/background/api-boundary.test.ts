// @vitest-environment node
/**
 * House rule (CONVENTIONS.md, "Extension internals"): the API client lives in the background only.
 * Pages, content scripts and features reach the server through the message protocol, so no file
 * outside the background may import the client (`api/client`, `api/mailroom`) or `ky`. The error
 * class in `api/errors` makes no request and may be shared.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');
const frontDirs = ['components', 'stores', 'composables', 'features', 'webmail', 'messaging', 'locales', 'utils'];
const frontEntrypoints = ['popup', 'sidepanel', 'options', 'gmail.content', 'outlook.content'];

function sources(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(ts|vue)$/.test(name) ? [full] : [];
  });
}

describe('API boundary', () => {
  const files = [
    ...frontDirs.flatMap((d) => sources(path.join(root, d))),
    ...frontEntrypoints.flatMap((d) => sources(path.join(root, 'entrypoints', d))),
  ];

  it('finds the front-end files to check', () => {
    expect(files.some((f) => f.endsWith(path.join('components', 'popup', 'PopupApp.vue')))).toBe(true);
  });

  it('no page, content script or feature imports the API client or ky', () => {
    const clientImport = /from\s+['"](?:@\/api\/(?:client|mailroom)|(?:\.\.?\/)+api\/(?:client|mailroom)|ky)['"]/;
    const offenders = files.filter((f) => clientImport.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });
});
