/** Small timing helpers shared by the Gmail benchmarks (figures, not pass/fail). */
import { performance } from 'node:perf_hooks';
import os from 'node:os';

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
