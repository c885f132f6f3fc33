/**
 * The built extension a browser benchmark loads, and a line saying which build it is. The working
 * tree is shared: another engineer's `wxt build` empties .output/ mid-run and may hold uncommitted
 * sources, so the benchmark always loads a private copy, and MAILROOM_BENCH_COMMIT=<rev> builds an
 * exact commit from a clean `git archive` (the figures then belong to that commit).
 * Order: MAILROOM_BENCH_COMMIT, else MAILROOM_EXTENSION_DIR, else .output/chrome-mv3 (built with
 * `npx wxt build` when missing). Same rules for every browser benchmark.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PreparedExtension {
  /** A private copy, removed by `dispose`. */
  dir: string;
  /** Which build, for the printed figures. */
  origin: string;
  dispose(): void;
}

export function prepareExtension(root: string): PreparedExtension {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  let source: string;
  let origin: string;
  let built: string | undefined;
  const commit = process.env.MAILROOM_BENCH_COMMIT;
  if (commit) {
    const hash = git('rev-parse', '--verify', `${commit}^{commit}`);
    built = mkdtempSync(path.join(tmpdir(), 'mailroom-bench-src-'));
    execFileSync('sh', ['-c', `git archive ${hash} | tar -x -C "${built}"`], { cwd: root });
    symlinkSync(path.join(root, 'node_modules'), path.join(built, 'node_modules'));
    const r = spawnSync('npx', ['wxt', 'build'], { cwd: built, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`wxt build of ${hash} failed:\n${r.stdout}\n${r.stderr}`);
    source = path.join(built, '.output/chrome-mv3');
    origin = `commit ${hash} (clean git archive, built now)`;
  } else if (process.env.MAILROOM_EXTENSION_DIR) {
    source = path.resolve(root, process.env.MAILROOM_EXTENSION_DIR);
    origin = `MAILROOM_EXTENSION_DIR=${source}`;
  } else {
    source = path.join(root, '.output/chrome-mv3');
    if (!existsSync(path.join(source, 'manifest.json'))) {
      console.log('no build in .output/chrome-mv3: npx wxt build');
      if (spawnSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'inherit' }).status !== 0) throw new Error('wxt build failed');
    }
    // Say whether the build may hold someone's uncommitted source.
    const dirty = git('status', '--porcelain', '--', 'entrypoints', 'webmail', 'features', 'components', 'stores', 'composables', 'utils', 'messaging', 'contract', 'locales', 'api', 'background', 'wxt.config.ts', 'package.json');
    const made = statSync(path.join(source, 'manifest.json')).mtime.toISOString();
    origin = `.output/chrome-mv3 built ${made}; HEAD ${git('rev-parse', '--short', 'HEAD')}${dirty ? ', with UNCOMMITTED changes in the extension sources (MAILROOM_BENCH_COMMIT=HEAD measures the commit exactly)' : ', clean extension sources'}`;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'mailroom-bench-extension-'));
  cpSync(source, dir, { recursive: true });
  if (built) rmSync(built, { recursive: true, force: true });
  return { dir, origin, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
