/**
 * Stopping a server process on SIGTERM / SIGINT, shared by the API and the sync worker: the first
 * signal runs the process's own `close` (stop taking work, finish what is in flight, close the
 * database), then the process exits 0; a `close` that throws, or outlives its bound, exits 1 so an
 * orchestrator sees the stop was not clean. A second signal while closing changes nothing: the
 * bound already guarantees an end.
 */
export interface ShutdownOptions {
  /** How long `close` may take before the process exits anyway (exit 1). */
  hardLimitMs: number;
  log?: (message: string) => void;
}

export interface Shutdown {
  /** True once a signal arrived: start-up code checks it to stop early. */
  readonly requested: boolean;
}

export function exitOnSignals(close: (signal: NodeJS.Signals) => Promise<void>, options: ShutdownOptions): Shutdown {
  const state = { requested: false };
  const log = options.log ?? ((m: string) => console.log(m));
  const onSignal = (signal: NodeJS.Signals) => {
    if (state.requested) return;
    state.requested = true;
    log(`${signal}: closing`);
    const limit = setTimeout(() => {
      console.error(`Still closing after ${options.hardLimitMs} ms: exiting anyway.`);
      process.exit(1);
    }, options.hardLimitMs);
    limit.unref();
    close(signal).then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('Closing failed:', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return state;
}
