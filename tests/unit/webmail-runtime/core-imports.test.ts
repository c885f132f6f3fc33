// @vitest-environment node
/**
 * What every webmail page loads must stay small (≤ 40 KB gzip, ≤ 5 ms at page load): the
 * manifest's content scripts only ask for the page core, and the page cores may not reach Vue,
 * Pinia, DOMPurify, zod or the feature glob through any runtime import (webmail/README.md).
 * (`npm run bench -- size` prints the built sizes; this catches the import that would undo them.)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');

/** Runtime imports of a TS file: `import … from 'x'`, `import 'x'`, `export … from 'x'`; not `import type`. */
function runtimeImports(source: string): string[] {
  const found: string[] = [];
  const statement = /^\s*(import|export)\s+(type\s+)?([^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
  for (const m of source.matchAll(statement)) {
    if (m[2]) continue;
    // `import { type A, type B } from` is type-only too.
    // (A default import beside them is not: `import D, { type C } from` loads the module.)
    const names = m[3]?.match(/^\{([^}]*)\}\s+from\s+$/)?.[1];
    if (names && names.split(',').every((n) => n.trim() === '' || n.trim().startsWith('type '))) continue;
    if (m[1] === 'export' && !m[3]) continue;
    found.push(m[4]!);
  }
  // Vite's `import.meta.glob('@/dir/*.ts', { eager: true })` imports every match.
  for (const m of source.matchAll(/import\.meta\.glob\(\s*['"]([^'"]+)\/\*\.ts['"]/g)) {
    const dir = m[1]!.startsWith('@/') ? path.join(root, m[1]!.slice(2)) : m[1]!;
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts'))) found.push(`${m[1]}/${name.slice(0, -3)}`);
  }
  return found;
}

function resolveLocal(spec: string, from: string): string | undefined {
  const base = spec.startsWith('@/') ? path.join(root, spec.slice(2)) : spec.startsWith('.') ? path.resolve(path.dirname(from), spec) : undefined;
  if (!base) return undefined;
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && (candidate.endsWith('.ts') || candidate.endsWith('.vue'))) return candidate;
  }
  return undefined;
}

/** Every module reached from `entry`, local files and package names. */
function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    // A component's imports are those of its `<script>` blocks.
    const code = file.endsWith('.vue') ? [...source.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n') : source;
    for (const spec of runtimeImports(code)) {
      const local = resolveLocal(spec, file);
      if (local) visit(local);
      else if (!spec.startsWith('.') && !spec.startsWith('@/')) packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  };
  visit(path.join(root, entry));
  return { files, packages };
}

const rel = (f: string) => path.relative(root, f);

describe('the always-loaded content scripts', () => {
  it('reads imports the way the bundler does (the check itself)', () => {
    expect(runtimeImports(`import { a } from 'x';\nimport type { B } from 'y';\nimport { type C } from 'z';\nimport D, { type F } from 'w';\nimport 'side';\nexport { d } from './d';\nexport type { E } from './e';`)).toEqual([
      'x',
      'w',
      'side',
      './d',
    ]);
    // The UI chunk does reach Vue: the walk would see it there.
    const ui = importGraph('entrypoints/mail-ui.content/index.ts');
    expect(ui.packages.has('vue')).toBe(true);
    expect([...ui.files].some((f) => f.endsWith('.vue'))).toBe(true);
  });

  it.each(['entrypoints/gmail.content/index.ts', 'entrypoints/outlook.content/index.ts'])('%s (every page load) only asks for the page core', (entry) => {
    const { files, packages } = importGraph(entry);
    // `webmail/registry.ts`: the host list its `matches` come from, a few strings.
    expect([...files].map(rel).sort()).toEqual([entry, 'messaging/client.ts', 'webmail/idle.ts', 'webmail/page-loader.ts', 'webmail/registry.ts']);
    expect([...packages].sort()).toEqual(['wxt']);
  });

  it.each(['entrypoints/gmail-core.content/index.ts', 'entrypoints/outlook-core.content/index.ts'])('%s stays free of the UI stack', (entry) => {
    const { files, packages } = importGraph(entry);
    expect([...packages].filter((p) => ['vue', 'pinia', 'dompurify', 'zod', 'quill', 'ky'].includes(p))).toEqual([]);
    expect([...files].map(rel).filter((f) => f.endsWith('.vue') || f.startsWith('features/') || f.startsWith('stores/') || f === 'webmail/discover-features.ts')).toEqual([]);
  });

  it('the in-page UI chunk leaves zod out (the schemas are the background\'s; they weigh ~30 KB gzip)', () => {
    const { files, packages } = importGraph('entrypoints/mail-ui.content/index.ts');
    expect(packages.has('zod'), [...files].map(rel).filter((f) => f.startsWith('contract/')).join(', ')).toBe(false);
  });

  it('the in-page UI chunk reaches DOMPurify only by injecting the sanitizer on demand (utils/page-sanitizer.ts)', () => {
    const { files, packages } = importGraph('entrypoints/mail-ui.content/index.ts');
    expect(packages.has('dompurify')).toBe(false);
    expect([...files].map(rel)).not.toContain('utils/sanitize.ts');
    expect([...files].map(rel)).toContain('utils/page-sanitizer.ts');
    // …which holds the one configuration and nothing of the UI.
    const sanitizer = importGraph('entrypoints/mail-sanitizer.ts');
    expect([...sanitizer.packages].sort()).toEqual(['dompurify', 'wxt']);
  });

  it('the in-page UI chunk carries no storage library: its settings go through the background', () => {
    const { files, packages } = importGraph('entrypoints/mail-ui.content/index.ts');
    expect([...files].map(rel).filter((f) => f === 'utils/storage.ts' || f === 'utils/signature-prefs.ts')).toEqual([]);
    expect(packages.has('@wxt-dev/storage')).toBe(false);
  });

  it('Outlook\'s core does not carry Gmail\'s adapter', () => {
    const { files } = importGraph('entrypoints/outlook-core.content/index.ts');
    expect([...files].map(rel).filter((f) => f.startsWith('webmail/gmail/'))).toEqual([]);
  });
});
