/**
 * Latency percentiles for the server benchmarks that measure over HTTP (records search and
 * suggest): time sequential calls, report p50/p95/p99/max, print a figure | goal | floor | met?
 * table and save the run as JSON under bench/results/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentiles(samples: number[]): Percentiles {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
  return { n: s.length, p50: at(50), p95: at(95), p99: at(99), max: s[s.length - 1] ?? NaN };
}

/** CPU time of this process (user + system) per call, ms: what a call costs when the machine is
 * shared and wall-clock time includes waiting for a core (server and client run in this process). */
export const cpuSamples: number[] = [];

/**
 * Times `runs` sequential calls of `fn` after `warmup` untimed ones, yielding to the event loop
 * between calls as a server between requests would. Returns the wall-clock samples (ms); the CPU
 * time of the same calls is appended to `cpuSamples`.
 */
export async function timeCalls(runs: number, fn: () => Promise<unknown> | unknown, warmup = 5): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    await new Promise((r) => setImmediate(r));
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpuSamples.push((c.user + c.system) / 1000);
  }
  return samples;
}

/** The CPU samples taken since `mark` (an index into `cpuSamples`). */
export const cpuSince = (mark: number): number[] => cpuSamples.slice(mark);

/** A keep-alive HTTP GET that fails loudly on a non-2xx answer; resolves once the body is read. */
export async function getJson(url: string, token: string): Promise<unknown> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = await res.text();
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${body.slice(0, 300)}`);
  return JSON.parse(body);
}

export interface GoalRow {
  figure: string;
  goal: string;
  floor: string;
  met: boolean | null;
}

export const ms = (v: number) => (Number.isFinite(v) ? `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms` : '—');

export function printTable(rows: GoalRow[]): void {
  const widths = [
    Math.max(6, ...rows.map((r) => r.figure.length)),
    Math.max(4, ...rows.map((r) => r.goal.length)),
    Math.max(5, ...rows.map((r) => r.floor.length)),
  ];
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 4)).join(' | ')} |`;
  console.log(line(['figure', 'goal', 'floor', 'met?']));
  console.log(line(widths.map((w) => '-'.repeat(w)).concat('----')));
  for (const r of rows) console.log(line([r.figure, r.goal, r.floor, r.met === null ? '—' : r.met ? 'yes' : 'NO']));
}

/** Writes bench/results/<name>-<date>.json with the machine's description; returns the path. */
export function saveResults(name: string, data: unknown): string {
  const dir = path.resolve(path.dirname(new URL(import.meta.url).pathname), 'results');
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:]/g, '-').replace(/\..*/, '');
  const file = path.join(dir, `${name}-${stamp}.json`);
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, loadAverage: os.loadavg(), node: process.version };
  fs.writeFileSync(file, `${JSON.stringify({ name, date: new Date().toISOString(), machine, ...(data as object) }, null, 2)}\n`);
  return file;
}
