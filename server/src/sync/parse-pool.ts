/**
 * Parsing synced mail (mailparser: MIME, charsets, addresses) on worker threads, so that the sync
 * thread only fetches and writes. mailparser costs about 0.5 ms and most of the garbage per
 * message: on the event loop it capped the sync below the fetch and write speed. Threads are
 * Piscina's, as the sanitizer's (sanitize-pool.ts), with their own worker file: parsing needs
 * neither jsdom nor DOMPurify, whose loading makes a sanitizer thread's cold start. Threads pay
 * off only with a core to spare: how many is config.ts's `parseThreads` (none on 2 cores).
 */
import { Piscina } from 'piscina';
import { parseRawMails, type ParseResult, type RawMailTask } from './parse-mail';

export interface MailParser {
  /** One result per mail, in order; never rejects for a bad message (it comes back not ok). */
  parse(mails: RawMailTask['mails']): Promise<ParseResult[]>;
  /**
   * `count` mails are coming: start the threads now if they will be used (until one answers, mail
   * is parsed in place). Resolves when a thread is ready (true), or false: not needed, or failed to start.
   */
  warm(count: number): Promise<boolean>;
  /** Ends the threads (after the tasks in hand); a later `parse` starts them again. */
  close(): Promise<void>;
}

/** Below this many mails a batch is parsed in place: one new message (IDLE) parses faster than a round trip to a thread. */
const minPooled = 8;
/** Mails per task: several tasks per batch spread it over the threads. */
const perTask = 50;
/** Threads end after this long without work and start again at the next backlog. */
const idleTimeoutMs = 60_000;

/** `threads` 0: everything is parsed in place (see config.ts, defaultParseThreads). */
export function createParsePool(threads: number, onFallback?: (err: unknown) => void): MailParser {
  let pool: Piscina | undefined;
  /** Whether a thread of `pool` has answered: until then mail is parsed in place. */
  let ready = false;
  let warming: Promise<boolean> = Promise.resolve(false);
  const warm = () => {
    if (pool) return pool;
    const started = new Piscina({ filename: new URL('./parse.worker.mjs', import.meta.url).href, minThreads: 0, maxThreads: threads, idleTimeout: idleTimeoutMs });
    pool = started;
    // Idle threads end (idleTimeout): the next backlog warms a new pool, parsing in place meanwhile.
    // (Checked a tick later: Piscina tells before it forgets the thread.)
    started.on('workerDestroy', () =>
      queueMicrotask(() => {
        if (pool !== started || started.threads.length > 0) return;
        pool = undefined;
        ready = false;
        void started.close().catch(() => undefined);
      }),
    );
    // Piscina starts a thread per queued task: an empty task per thread starts them all, and the
    // first answer says a thread is loaded. A cold start (tsx, mailparser) takes from half a second
    // to seconds on a busy machine: a small first sync never waits for it.
    const answers = Array.from({ length: threads }, () =>
      started.run({ mails: [] } satisfies RawMailTask).then(() => {
        if (pool === started) ready = true;
        return ready;
      }),
    );
    warming = Promise.any(answers).catch(() => false);
    return started;
  };
  return {
    warm(count) {
      if (threads === 0 || count < minPooled) return Promise.resolve(false);
      warm();
      return warming;
    },
    async parse(mails) {
      if (threads === 0 || mails.length < minPooled) return parseRawMails({ mails });
      const running = warm();
      if (!ready) return parseRawMails({ mails });
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
      ready = false;
      await running?.close();
    },
  };
}
