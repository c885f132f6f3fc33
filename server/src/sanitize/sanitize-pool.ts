/**
 * A pool of worker threads running the one sanitizer (sanitize.task.ts), so that DOMPurify on
 * jsdom — tens of milliseconds for a styled mail body, hundreds for a newsletter — never runs on
 * the event loop that serves every other request.
 */
import os from 'node:os';
import { Piscina } from 'piscina';
import type { SanitizeTask } from './sanitize.task';

export interface SanitizePool {
  /** `runSanitizeTask(task)` on a worker thread. */
  run(task: SanitizeTask): Promise<string | null>;
  /** Ends the threads (waits for tasks already running); later `run` calls fail. */
  close(): Promise<void>;
}

/**
 * One thread per core but one: the main thread keeps a core for HTTP and the database (on the
 * 2-core servers we run on, that is one worker). Threads start on first use, so an app that never
 * sanitizes (most tests) never pays a worker's start-up (tsx + jsdom, about a second).
 */
export function defaultSanitizeThreads(): number {
  return Math.max(1, os.availableParallelism() - 1);
}

export function createSanitizePool(threads = defaultSanitizeThreads()): SanitizePool {
  let pool: Piscina | undefined;
  let closed = false;
  return {
    run(task) {
      if (closed) return Promise.reject(new Error('The sanitizer pool is closed.'));
      pool ??= new Piscina({
        filename: new URL('./sanitize.worker.mjs', import.meta.url).href,
        minThreads: threads,
        maxThreads: threads,
        // Keep the threads: a cold one costs a second before its first body.
        idleTimeout: Number.POSITIVE_INFINITY,
      });
      return pool.run(task) as Promise<string | null>;
    },
    async close() {
      closed = true;
      await pool?.close();
    },
  };
}
