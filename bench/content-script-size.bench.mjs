// Size of what the webmail pages load: the content scripts of the Chrome build, raw and gzip -9
// (what a store review and a slow laptop care about), by when they load (webmail/README.md): the
// loader every page loads from the manifest, the page core injected at the first idle moment, the
// in-page Vue UI injected on first need. Target: Gmail content script ≤ 40 KB gzip.
// Builds the extension first when there is no build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const out = '.output/chrome-mv3';
const dir = path.join(out, 'content-scripts');
if (!existsSync(dir)) spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
const fromManifest = new Set((manifest.content_scripts ?? []).flatMap((c) => c.js ?? []).map((f) => path.basename(f)));
const when = (name) =>
  fromManifest.has(name) ? 'every page load (manifest)' : name.endsWith('-core.js') ? 'page core, at first idle' : 'UI, on first need or idle 3 s after the core';
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const name of readdirSync(dir).sort()) {
  const bytes = readFileSync(path.join(dir, name));
  const gz = gzipSync(bytes, { level: 9 }).length;
  const target = name === 'gmail.js' ? `  (target ≤ 40 KB gzip: ${gz <= 40 * 1024 ? 'met' : 'NOT met'})` : '';
  console.log(`${name.padEnd(16)} ${kb(bytes.length).padStart(9)} raw  ${kb(gz).padStart(8)} gzip  ${when(name)}${target}`);
}
