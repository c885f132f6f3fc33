/**
 * Runs `fn` when the page's main thread is idle (at the latest after `timeoutMs`), unless `signal`
 * aborted meanwhile. The page core starts its watchers, tab report and pill this way, so a Gmail
 * page that is still starting never waits for us.
 */
export function whenIdle(win: Window, fn: () => void, signal: AbortSignal, timeoutMs = 1_000): void {
  const run = () => {
    if (!signal.aborted) fn();
  };
  if (typeof win.requestIdleCallback === 'function') win.requestIdleCallback(run, { timeout: timeoutMs });
  else win.setTimeout(run, 0);
}
