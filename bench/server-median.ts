/** The server benchmarks' one figure: the median time of `fn` over `runs` runs, after a warm-up. */
export async function median(label: string, runs: number, fn: () => unknown | Promise<unknown>, target?: string): Promise<void> {
  for (let i = 0; i < Math.min(3, runs); i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Yield like a server between requests: jsdom (the sanitizer) frees parsed documents through a
    // FinalizationRegistry whose cleanup only runs when the event loop turns.
    await new Promise((r) => setTimeout(r, 1));
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const m = times[Math.floor(times.length / 2)]!;
  console.log(`${label.padEnd(56)} median ${m.toFixed(2).padStart(9)} ms  (n=${runs}${target ? `, target ${target}` : ''})`);
}
