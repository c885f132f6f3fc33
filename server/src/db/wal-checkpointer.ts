/**
 * WAL checkpoints off the event loop. By default SQLite checkpoints inside the commit that takes
 * the WAL past 1,000 pages: that commit copies the pages into the database and fsyncs it, tens of
 * milliseconds during which the one connection (and so the event loop) waits. Here a worker
 * thread with its own connection runs a PASSIVE checkpoint every `everyMs` (it never blocks the
 * writer, and skips frames it cannot copy yet); the app's connection only checkpoints itself as a
 * safety net, should the WAL ever reach `fallbackPages` (the worker gone, a reader holding frames).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

const everyMs = 500;
export const fallbackPages = 20_000;

const workerCode = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy: the next turn will do */ }
}, workerData.everyMs);
parentPort.once('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

export interface WalCheckpointer {
  stop(): Promise<void>;
}

/** Starts checkpointing `file` (a WAL database) in a worker thread; the app's own connection checkpoints only past `fallbackPages`. */
export function startWalCheckpointer(sqlite: SQLite.Database, file: string): WalCheckpointer {
  sqlite.pragma(`wal_autocheckpoint = ${fallbackPages}`);
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(workerCode, { eval: true, workerData: { driver, file, everyMs } });
  worker.unref();
  // Checkpoints are an optimisation: a worker that fails leaves the fallback to the connection.
  worker.on('error', () => undefined);
  return {
    async stop() {
      // Held again while it stops: an unreferenced worker would let the process end mid-await.
      worker.ref();
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage('stop');
      await Promise.race([exited, new Promise<void>((resolve) => setTimeout(resolve, 2000))]);
      await worker.terminate();
    },
  };
}
