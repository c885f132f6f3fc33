/**
 * One POP3 account's sync: POP3 has one folder and no UIDs that survive, so each pass lists the
 * UIDLs, reads the ones not taken yet (kept in sync_pop3_seen, written in the batch's transaction)
 * and quits — a POP3 server locks the maildrop while a session is open, so none stays open.
 */
import Pop3Command from 'node-pop3';
import type { Readable } from 'node:stream';
import { nowIso } from '../db/values';
import type { IngestInput } from './ingest.service';
import { ingestWithCheckpoint } from './sync-batch';
import { LeaseLostError, type AccountSyncContext } from './sync-context';
import { markSynced, markSyncing, markUidlsSeen, seenUidls } from './sync.repository';

const dayMs = 86_400_000;

/** POP3 byte-stuffs lines starting with a dot (RFC 1939 §3); node-pop3 hands them over as sent. */
export function unstuff(raw: Buffer): Buffer {
  return Buffer.from(raw.toString('latin1').replace(/(^|\r\n)\.\./g, '$1.'), 'latin1');
}

async function readAll(stream: Readable | null): Promise<Buffer> {
  if (!stream) return Buffer.alloc(0);
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

/** The Date header of a message's head, or null when absent or unreadable. */
export function headerDate(head: Buffer): Date | null {
  const text = head.toString('latin1').replace(/\r?\n[ \t]+/g, ' ');
  const m = /^date:[ \t]*(.+)$/im.exec(text);
  if (!m) return null;
  const t = Date.parse(m[1]!.trim());
  return Number.isNaN(t) ? null : new Date(t);
}

async function pass(ctx: AccountSyncContext): Promise<void> {
  const { account, db } = ctx;
  if (account.security === 'starttls') {
    throw Object.assign(new Error('POP3 with STARTTLS is not supported: choose TLS (usually port 995) for this server.'), { code: 'POP3_STLS' });
  }
  const pop = new Pop3Command({ user: account.username, password: account.password, host: account.host, port: account.port, tls: account.security === 'tls', timeout: 30_000 });
  // A socket error while a reply streams is emitted as 'error': without a listener it would end the process.
  pop.on('error', () => undefined);
  try {
    await pop._connect();
    const listing = (await pop.UIDL()) as string[][];
    const seen = await seenUidls(db, account.id);
    // Nothing taken yet: the first sync, bounded to the recent window like IMAP's.
    const first = seen.size === 0;
    const todo = listing.filter(([num, uidl]) => num && uidl && !seen.has(uidl)) as [string, string][];
    if (todo.length === 0) return;
    await markSyncing(db, account.id, todo.length, nowIso());
    void ctx.parser.warm(Math.min(todo.length, ctx.settings.batchSize));
    const since = Date.now() - ctx.settings.sinceDays * dayMs;
    let done = 0;
    // A stop lets the batch in hand finish (each batch is one transaction with its UIDLs).
    for (let i = 0; i < todo.length; i += ctx.settings.batchSize) {
      if (ctx.signal.aborted) return;
      const batch = todo.slice(i, i + ctx.settings.batchSize);
      const mails: IngestInput[] = [];
      for (const [num] of batch) {
        if (first) {
          const [, head] = await pop.command('TOP', num, 0);
          const date = headerDate(await readAll(head as Readable | null));
          if (date && date.getTime() < since) continue;
        }
        const [, body] = await pop.command('RETR', num);
        mails.push({ orgId: account.orgId, accountId: account.id, folder: 'INBOX', direction: 'received', raw: unstuff(await readAll(body as Readable | null)) });
      }
      done += batch.length;
      await ingestWithCheckpoint(ctx, mails, done, (trx, now) => markUidlsSeen(trx, account.id, batch.map(([, u]) => u), now));
    }
  } finally {
    await pop.QUIT().catch(() => undefined);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(finish, ms);
    function finish() {
      clearTimeout(timer);
      signal.removeEventListener('abort', finish);
      resolve();
    }
    signal.addEventListener('abort', finish, { once: true });
  });
}

/** Runs until `ctx.signal` stops it (resolves) or the account cannot be synced (rejects). */
export async function runPop3Session(ctx: AccountSyncContext): Promise<void> {
  for (;;) {
    if (ctx.signal.aborted) return;
    try {
      await pass(ctx);
    } catch (err) {
      if (ctx.signal.aborted && !(err instanceof LeaseLostError)) return;
      throw err;
    }
    if (ctx.signal.aborted) return;
    await markSynced(ctx.db, ctx.account.id, nowIso());
    await sleep(ctx.settings.pollMs, ctx.signal);
  }
}
