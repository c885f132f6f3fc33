#!/usr/bin/env node
// `npm run bench`: runs every benchmark in bench/ (files ending in .bench.ts or .bench.mjs), each in
// its own process so one cannot warm up or slow down another, and lets each print its figures.
// Benchmarks measure; they do not pass or fail (targets are printed next to the figures).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function find(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return find(p);
    return /\.bench\.(ts|mjs)$/.test(name) ? [p] : [];
  });
}

const only = process.argv.slice(2);
const files = find('bench').filter((f) => only.length === 0 || only.some((o) => f.includes(o))).sort();
let failures = 0;
for (const file of files) {
  console.log(`\n=== ${file}`);
  const r = spawnSync('npx', ['tsx', file], { stdio: 'inherit' });
  if (r.status !== 0) failures++;
}
if (failures) {
  console.error(`\n${failures} benchmark(s) could not run`);
  process.exit(1);
}
