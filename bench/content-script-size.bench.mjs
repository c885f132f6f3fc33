// Size of what the webmail pages load: the content scripts of the Chrome build, raw and gzip -9
// (what a store review and a slow laptop care about), by when they load (webmail/README.md): the
// loader every page loads from the manifest, the page core injected at the first idle moment, the
// in-page Vue UI injected on first need with its texts in the page's language (mail-ui-<lang>.js),
// and the sanitizer the UI injects when it first sanitizes (mail-sanitizer.js).
// Targets: per webmail (Gmail, Outlook), what its pages load before any need — the loader and the
// page core — ≤ 40 KB gzip, floor the loader alone (the least a page can load and still start
// Mailroom); the in-page UI chunk ≤ 50 KB gzip, shown alone and with its texts in each language
// (what must arrive before the UI shows anything); no floor is measured for it.
// Builds the extension first when there is no build. Results: bench/results/content-script-size.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const out = '.output/chrome-mv3';
const dir = path.join(out, 'content-scripts');
if (!existsSync(dir)) spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
const fromManifest = new Set((manifest.content_scripts ?? []).flatMap((c) => c.js ?? []).map((f) => path.basename(f)));
// The scripts the UI brings in beside it (background/inject-page-script.ts): at the build's root.
const onDemand = readdirSync(out).filter((n) => /^mail-.*\.js$/.test(n));
const when = (name) =>
  fromManifest.has(name)
    ? 'every page load (manifest)'
    : name.endsWith('-core.js')
      ? 'page core, at first idle'
      : name === 'mail-sanitizer.js'
        ? 'UI, when it first sanitizes (a signature)'
        : /^mail-ui-\w+\.js$/.test(name)
          ? 'UI texts, just before the UI in its language'
          : 'UI, on first need or idle 3 s after the core';
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const sizes = {};
for (const name of [...readdirSync(dir).sort(), ...onDemand.sort()]) {
  const bytes = readFileSync(path.join(onDemand.includes(name) ? out : dir, name));
  const gz = gzipSync(bytes, { level: 9 }).length;
  sizes[name] = { raw: bytes.length, gzip: gz };
  console.log(`${name.padEnd(18)} ${kb(bytes.length).padStart(9)} raw  ${kb(gz).padStart(8)} gzip  ${when(name)}`);
}

const goal = 40 * 1024;
const rows = ['gmail', 'outlook'].flatMap((provider) => {
  const loader = sizes[`${provider}.js`];
  const core = sizes[`${provider}-core.js`];
  if (!loader || !core) return [];
  const measured = loader.gzip + core.gzip;
  return [{ figure: `${provider}: loader + page core (gzip)`, measured, goal, floor: loader.gzip, met: measured <= goal }];
});
const uiGoal = 50 * 1024;
const ui = sizes['mail-ui.js'];
if (ui) {
  rows.push({ figure: 'in-page UI chunk (gzip)', measured: ui.gzip, goal: uiGoal, floor: null, met: ui.gzip <= uiGoal });
  for (const lang of ['en', 'fr']) {
    const texts = sizes[`mail-ui-${lang}.js`];
    if (!texts) continue;
    const measured = ui.gzip + texts.gzip;
    rows.push({ figure: `in-page UI + its ${lang} texts (gzip)`, measured, goal: uiGoal, floor: null, met: measured <= uiGoal });
  }
}
console.log('\nfigure                              measured     goal    floor  met?');
for (const r of rows) {
  const floor = r.floor === null ? '–' : kb(r.floor);
  console.log(`${r.figure.padEnd(34)} ${kb(r.measured).padStart(9)} ${kb(r.goal).padStart(8)} ${floor.padStart(8)}  ${r.met ? 'met' : 'NOT met'}`);
}
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/content-script-size.json', `${JSON.stringify({ at: new Date().toISOString(), sizes, rows }, null, 2)}\n`);
