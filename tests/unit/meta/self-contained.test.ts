/**
 * The repository stands on its own: no tracked code, test, script, benchmark or JSON config reads
 * a path outside it (a clone has no `../shared`), and the third-party fixtures the tests read are
 * tracked, each listed with its source and licence in tests/fixtures/SOURCES.tsv.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { outsideReads, scannedFile } from './outside-paths';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const thisFile = path.relative(repoRoot, fileURLToPath(import.meta.url)).split(path.sep).join('/');

function trackedFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z'], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  // A file deleted in the work tree but not yet from the index has nothing left to read.
  return out.split('\0').filter((f) => f && existsSync(path.join(repoRoot, f)));
}

/** Third-party files copied unmodified (data, not our code): tests/fixtures/SOURCES.tsv, first column. */
function copiedFixtures(): string[] {
  const tsv = readFileSync(path.join(repoRoot, 'tests/fixtures/SOURCES.tsv'), 'utf8');
  return tsv.split('\n').slice(1).filter(Boolean).map((row) => `tests/fixtures/${row.split('\t')[0]}`);
}

describe('the detector', () => {
  it.each([
    // The reads this repository had before its fixtures were copied in.
    ['server/test/xss-check.ts', "export const fixturesDir = path.resolve(__dirname, '../../../shared/fixtures');"],
    ['server/test/accounts-bad-input.test.ts', "const isemailDir = path.resolve(__dirname, '../../../shared/fixtures/eml/isemail');"],
    ['tests/e2e/fixtures.ts', "export const sharedFixtures = path.resolve(repoRoot, '../shared/fixtures');"],
    ['tests/unit/webmail/gmail/fixtures.ts', "export const sharedWebmail = path.resolve(repoRoot, '../shared/fixtures/webmail');"],
    // Other ways of climbing out.
    ['tests/unit/a.test.ts', "const dir = path.join(__dirname, '..', '..', '..', 'shared');"],
    ['tests/unit/a.test.ts', "const dir = path.join(__dirname, '..', '..', '..', 'elsewhere');"],
    ['bench/a.bench.ts', "const eml = readFileSync('/work/shared/fixtures/eml/a.eml');"],
    ['tests/unit/a/b.test.ts', "import data from '../../../../outside.json';"],
    ['scripts/a.mjs', "const u = new URL('../../elsewhere/', import.meta.url);"],
    ['scripts/a.mjs', "const d = path.resolve(process.cwd(), '..', 'shared');"],
    ['scripts/a.mjs', "const d = path.resolve('../sibling-repo/data');"],
    ['tests/e2e/a.ts', 'const f = `${repoRoot}/../sibling/x.html`;'],
    ['tests/e2e/a.ts', 'const f = `${__dirname}/../../../shared/x.html`;'],
    ['tests/e2e/a.ts', "const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');"],
    ['package.json', '{ "scripts": { "fixtures": "cp -r ../shared/fixtures tests/" } }'],
    ['server/tsconfig.json', '{ "extends": "../../tsconfig.base.json" }'],
    ['components/a/Box.vue', '<template><p>x</p></template>\n<script setup lang="ts">\nconst x = "../../../y";\n</script>'],
  ])('flags %s: %s', (file, source) => {
    expect(outsideReads(file, source)).not.toEqual([]);
  });

  it.each([
    ['tests/unit/webmail/gmail/fixtures.ts', "export const repoRoot = path.resolve(here, '../../../..');"],
    ['tests/e2e/a.ts', "const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');"],
    ['tests/unit/sanitize.test.ts', "import { executableParts } from '../../server/test/xss-check';"],
    ['server/test/xss-check.ts', "export const fixturesDir = path.resolve(__dirname, '../../tests/fixtures');"],
    ['tests/e2e/a.ts', "const f = path.join(ownFixtures, 'webmail/inboxsdk/x.html');"],
    ['tests/e2e/chromium-args.ts', "const chromium = '/usr/bin/chromium';"],
    // Prose is not a read: comments, and a regex literal.
    ['tests/unit/a.test.ts', '// these used to come from ../shared/fixtures/eml\nconst a = 1;'],
    ['tests/unit/a.test.ts', "/* path.resolve(__dirname, '../../../shared') */\nconst a = 1;"],
    ['tests/unit/a.test.ts', "const re = /'..\\/..\\/..\\/shared'/;"],
    ['tests/unit/a.test.ts', "const top = spec.split('/').slice(0, 2).join('..');"],
    ['components/a/Box.vue', '<template><p>../../../shared/</p></template>\n<script setup lang="ts">\nconst x = 1;\n</script>'],
    ['tsconfig.json', '{ "extends": "./.wxt/tsconfig.json", // comment\n "exclude": ["server",] }'],
    ['server/tsconfig.json', '{ "include": ["src/**/*.ts", "../contract/**/*.ts"] }'],
  ])('lets %s pass: %s', (file, source) => {
    expect(outsideReads(file, source)).toEqual([]);
  });

  it('says where: file, line and the literal', () => {
    const [found] = outsideReads('server/test/xss-check.ts', "import path from 'node:path';\n\nconst d = path.resolve(__dirname, '../../../shared/fixtures');");
    expect(found).toMatchObject({ file: 'server/test/xss-check.ts', line: 3, literal: expect.stringContaining("'../../../shared/fixtures'") });
  });

  it('checks code of every kind and leaves prose and markup alone', () => {
    for (const f of ['a.ts', 'a.mjs', 'a.js', 'a.vue', 'package.json', 'tsconfig.json']) expect(f).toMatch(scannedFile);
    for (const f of ['README.md', 'tests/fixtures/gmail/2026-12-02-compose-new.html', 'tests/fixtures/SOURCES.tsv']) expect(f).not.toMatch(scannedFile);
  });
});

describe('this repository', () => {
  const tracked = trackedFiles();
  const copied = new Set(copiedFixtures());

  it('reads nothing outside itself', () => {
    // This file is left out: its samples above are the detector's inputs, not reads.
    const files = tracked.filter((f) => scannedFile.test(f) && !copied.has(f) && f !== thisFile);
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((f) => outsideReads(f, readFileSync(path.join(repoRoot, f), 'utf8')));
    expect(found.map((r) => `${r.file}:${r.line} ${r.literal} — ${r.reason}`)).toEqual([]);
    // Parses every tracked source file: seconds on a busy 2-core machine, beyond the 5 s default.
  }, 60_000);

  it('tracks every copied fixture (a clone gets them), and lists every file of the copied folders with its licence', () => {
    const trackedSet = new Set(tracked);
    expect(copied.size).toBeGreaterThan(0);
    expect([...copied].filter((f) => !trackedSet.has(f))).toEqual([]);
    const copiedFolders = /^tests\/fixtures\/(?:eml|xss|webmail)\//;
    expect(tracked.filter((f) => copiedFolders.test(f) && !copied.has(f))).toEqual([]);
    const rows = readFileSync(path.join(repoRoot, 'tests/fixtures/SOURCES.tsv'), 'utf8').split('\n').slice(1).filter(Boolean);
    for (const row of rows) expect(row.split('\t')[4], row).toMatch(/\S/);
  });
});
