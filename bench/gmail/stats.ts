/** Small timing helpers shared by the webmail benchmarks (figures, not pass/fail), and their results file. */
import { performance } from 'node:perf_hooks';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../results');

/** Figures depend on the machine's load: print it with them (2 shared cores on the build machines). */
export function environment(): string {
  return `node ${process.version}, jsdom, ${os.cpus().length} cores, load average ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}`;
}

export function measure(runs: number, fn: (i: number) => void): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn(i);
    times.push(performance.now() - t0);
  }
  return times;
}

export function summary(label: string, times: number[], targetMs: number): string {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const fmt = (n: number) => n.toFixed(3).padStart(8);
  return `${label.padEnd(58)} median ${fmt(at(0.5))} ms  p95 ${fmt(at(0.95))} ms  max ${fmt(sorted.at(-1) ?? NaN)} ms  (n=${times.length}, target ≤ ${targetMs} ms)`;
}

export interface Stats {
  n: number;
  median: number;
  p95: number;
  max: number;
}

/** The figures of one series, with the same rank rule as summary(). */
export function stats(times: number[]): Stats {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return { n: times.length, median: round(at(0.5)), p95: round(at(0.95)), max: round(sorted.at(-1) ?? NaN) };
}

/** Saves a benchmark's figures as bench/results/<name>-<date>.json (with the machine's load) and says where. */
export function writeResults(name: string, figures: Record<string, unknown>): void {
  const date = new Date().toISOString();
  const out = path.join(resultsDir, `${name}-${date.replace(/:/g, '-').replace(/\.\d+Z$/, '')}.json`);
  mkdirSync(resultsDir, { recursive: true });
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100), node: process.version };
  writeFileSync(out, `${JSON.stringify({ name, date, machine, ...figures }, null, 2)}\n`);
  console.log(`Results: ${path.relative(process.cwd(), out)}`);
}
