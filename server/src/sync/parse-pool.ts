/**
 * Parsing synced mail (mailparser: MIME, charsets, addresses) on worker threads, so that the sync
 * thread only fetches and writes. mailparser costs about 0.5 ms and most of the garbage per
 * message: on the event loop it capped the sync below the fetch and write speed. Threads are
 * Piscina's, as the sanitizer's (sanitize-pool.ts), with their own worker file: parsing needs
 * neither jsdom nor DOMPurify, whose loading makes a sanitizer thread's cold start.
 */
import { Piscina } from 'piscina';
import { defaultSanitizeThreads } from '../sanitize/sanitize-pool';
import { parseRawMails, type ParseResult, type RawMailTask } from './parse-mail';

export interface MailParser {
  /** One result per mail, in order; never rejects for a bad message (it comes back not ok). */
  parse(mails: RawMailTask['mails']): Promise<ParseResult[]>;
  /** `count` mails are coming: start the threads now if they will be used, so their start overlaps the first fetch. */
  warm(count: number): void;
  /** Ends the threads (after the tasks in hand); a later `parse` starts them again. */
  close(): Promise<void>;
}

/**
 * Below this many mails a batch is parsed in place: one new message (IDLE) parses in less time
 * than a round trip to a thread, let alone a cold thread's start (tsx + mailparser, ~0.5 s).
 */
const minPooled = 8;
/** Mails per task: several tasks per batch spread it over the threads. */
const perTask = 50;
/** Threads end after this long without work and start again at the next backlog. */
const idleTimeoutMs = 60_000;

/** Same sizing as the sanitizer: one thread per core but one, for the fetches and the database. */
export function createParsePool(threads = defaultSanitizeThreads(), onFallback?: (err: unknown) => void): MailParser {
  let pool: Piscina | undefined;
  // minThreads 0: threads start at the first task (or `warm`) and end when idle.
  const start = () =>
    new Piscina({ filename: new URL('./parse.worker.mjs', import.meta.url).href, minThreads: 0, maxThreads: threads, idleTimeout: idleTimeoutMs });
  const started = () => (pool ??= start());
  return {
    warm(count) {
      if (count < minPooled) return;
      const running = started();
      // Piscina starts a thread per queued task: an empty one per thread starts them all.
      for (let i = 0; i < threads; i++) void running.run({ mails: [] } satisfies RawMailTask).catch(() => undefined);
    },
    async parse(mails) {
      if (mails.length < minPooled) return parseRawMails({ mails });
      const running = started();
      const tasks: Promise<ParseResult[]>[] = [];
      for (let i = 0; i < mails.length; i += perTask) {
        const part = mails.slice(i, i + perTask);
        tasks.push(
          (running.run({ mails: part } satisfies RawMailTask) as Promise<ParseResult[]>).catch((err: unknown) => {
            // A thread that died (out of memory on an absurd message, or closed by a stop while
            // this task waited): the mails are parsed here, as they were before the pool, and
            // never lost nor skipped for it.
            onFallback?.(err);
            return parseRawMails({ mails: part });
          }),
        );
      }
      return (await Promise.all(tasks)).flat();
    },
    async close() {
      const running = pool;
      pool = undefined;
      await running?.close();
    },
  };
}
