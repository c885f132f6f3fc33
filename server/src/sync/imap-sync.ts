/**
 * One IMAP account's sync session: INBOX and the special-use `\Sent` folder read by UID from each
 * folder's checkpoint (UIDVALIDITY + last UID), in batches, then IDLE on INBOX until new mail (or
 * a poll without IDLE), over one connection until the session is stopped or fails.
 */
import { ImapFlow, type FetchMessageObject } from 'imapflow';
import { nowIso } from '../db/values';
import type { IngestInput } from './ingest.service';
import { ingestWithCheckpoint, parseInputs } from './sync-batch';
import { LeaseLostError, type AccountSyncContext } from './sync-context';
import { findCheckpoint, markSynced, markSyncing, saveCheckpoint } from './sync.repository';

interface Folder {
  path: string;
  direction: IngestInput['direction'];
}

interface FolderPlan {
  folder: Folder;
  uidValidity: number;
  /** UIDs to read, ascending. */
  uids: number[];
  /** The checkpoint once every UID is read: nothing at or below it is left to read. */
  through: number;
  /** The stored checkpoint differs from `{ uidValidity, through }` even with nothing to read. */
  checkpointStale: boolean;
  /** The first sync's window (ISO date), kept in the checkpoint until its last batch. */
  since: string | null;
}

const dayMs = 86_400_000;

/** `[1,2,3,7,9,10]` → `1:3,7,9:10`: a batch of UIDs as one short IMAP sequence set. */
export function uidSet(uids: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < uids.length; ) {
    let j = i;
    while (j + 1 < uids.length && uids[j + 1] === uids[j]! + 1) j++;
    parts.push(i === j ? `${uids[i]}` : `${uids[i]}:${uids[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/**
 * Sources held in memory per batch at most (a message larger than this is a batch of its own).
 * Up to `lookahead` + 1 batches are in memory at once, each with its parsed copy.
 */
const maxBatchBytes = 16 * 1024 * 1024;
/** Batches fetched or parsed ahead of the one being written (see readFolder). */
const lookahead = 2;

/** UIDs in batches of at most `count` messages and `maxBatchBytes` (sizes from the server). */
export function batchesOf(uids: number[], sizeOf: Map<number, number>, count: number, maxBytes = maxBatchBytes): number[][] {
  const out: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  for (const uid of uids) {
    const size = sizeOf.get(uid) ?? 0;
    if (current.length > 0 && (current.length >= count || bytes + size > maxBytes)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(uid);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

function clientFor(ctx: AccountSyncContext): ImapFlow {
  const { account } = ctx;
  return new ImapFlow({
    host: account.host,
    port: account.port,
    secure: account.security === 'tls',
    // 'starttls' insists on the upgrade; 'none' never tries it.
    doSTARTTLS: account.security === 'starttls' ? true : account.security === 'none' ? false : undefined,
    auth: { user: account.username, pass: account.password },
    // imapflow's own log would carry mailbox names and server text; ours says what matters.
    logger: false,
    // IDLE is started by waitForNews only, when the session has nothing else to do.
    disableAutoIdle: true,
    // Servers drop an IDLE after ~30 min: break and restart it well before.
    maxIdleTime: 5 * 60_000,
    connectionTimeout: 20_000,
    greetingTimeout: 16_000,
  });
}

async function planFolder(ctx: AccountSyncContext, client: ImapFlow, folder: Folder): Promise<FolderPlan> {
  const box = await client.mailboxOpen(folder.path, { readOnly: true });
  const uidValidity = Number(box.uidValidity);
  const top = Math.max(0, box.uidNext - 1);
  const cp = await findCheckpoint(ctx.db, ctx.account.id, folder.path);
  if (!cp || cp.uidValidity !== uidValidity) {
    // First sync, or the server renumbered the folder: read the recent window again. Mail
    // already stored comes back 'duplicate' (ingest keys it by Message-ID), so nothing doubles.
    const since = new Date(Date.now() - ctx.settings.sinceDays * dayMs);
    const found = box.exists === 0 ? [] : (await client.search({ since }, { uid: true })) || [];
    return { folder, uidValidity, uids: found.sort((a, b) => a - b), through: top, checkpointStale: true, since: since.toISOString() };
  }
  // A first sync stopped half-way goes on within its window.
  const window = cp.firstSyncSince ?? null;
  if (top <= cp.lastUid) return { folder, uidValidity, uids: [], through: cp.lastUid, checkpointStale: window !== null, since: window };
  // `n:*` always matches the newest message, even below n: keep only what is past the checkpoint.
  const query = window ? { uid: `${cp.lastUid + 1}:*`, since: new Date(window) } : { uid: `${cp.lastUid + 1}:*` };
  const found = ((await client.search(query, { uid: true })) || []).filter((u) => u > cp.lastUid);
  return {
    folder,
    uidValidity,
    uids: found.sort((a, b) => a - b),
    through: Math.max(top, cp.lastUid),
    checkpointStale: top !== cp.lastUid || window !== null,
    since: window,
  };
}

/** Reads one folder's planned UIDs, the next batches fetched and parsed while the current one is written. */
async function readFolder(ctx: AccountSyncContext, client: ImapFlow, plan: FolderPlan, progress: { done: number; more: boolean }): Promise<void> {
  const { account, db } = ctx;
  const box = await client.mailboxOpen(plan.folder.path, { readOnly: true });
  // Renumbered since planning, or mail arrived since (a fresh SELECT reports it without an
  // 'exists' event): the next pass, at once, plans it again.
  if (box.uidNext - 1 > plan.through) progress.more = true;
  if (Number(box.uidValidity) !== plan.uidValidity) {
    progress.more = true;
    return;
  }
  // Sizes first (one cheap FETCH), so a batch of big mail never holds gigabytes of sources.
  const sizeOf = new Map<number, number>();
  if (plan.uids.length > 0) {
    for (const m of await client.fetchAll(uidSet(plan.uids), { uid: true, size: true }, { uid: true })) sizeOf.set(m.uid, m.size ?? 0);
  }
  const batches = batchesOf(plan.uids, sizeOf, ctx.settings.batchSize);
  if (batches.length === 0) {
    if (plan.checkpointStale) await saveCheckpoint(db, account.id, plan.folder.path, { uidValidity: plan.uidValidity, lastUid: plan.through, firstSyncSince: null }, nowIso());
    return;
  }
  const toInputs = (fetched: FetchMessageObject[]): IngestInput[] =>
    // Expunged between SEARCH and FETCH: no source, nothing to read, and the checkpoint passes it.
    fetched.flatMap((m) =>
      m.source
        ? [{ orgId: account.orgId, accountId: account.id, folder: plan.folder.path, direction: plan.folder.direction, raw: m.source, receivedAt: m.internalDate ? new Date(m.internalDate) : undefined }]
        : [],
    );
  // A batch is fetched, then parsed on the parser's threads; imapflow queues the FETCH commands.
  const prepare = (uids: number[]): Promise<IngestInput[]> =>
    client.fetchAll(uidSet(uids), { uid: true, source: true, internalDate: true }, { uid: true }).then((fetched) => parseInputs(ctx, toInputs(fetched)));
  // Up to `lookahead` batches ahead of the one written: while it is, the next is parsed and the
  // one after fetched, so the connection, the parsing threads and the database all keep busy.
  const ahead: (Promise<IngestInput[]> | undefined)[] = [];
  const launch = (k: number) => {
    // A stop lets the batch in hand finish, but starts no other fetch.
    if (k >= batches.length || ahead[k] || ctx.signal.aborted) return;
    const prepared = prepare(batches[k]!);
    // Handled when awaited; a failure while an earlier batch is written must not go unhandled.
    prepared.catch(() => undefined);
    ahead[k] = prepared;
  };
  for (let i = 0; i < batches.length; i++) {
    for (let k = i; k <= i + lookahead; k++) launch(k);
    const mails = await ahead[i]!;
    ahead[i] = undefined;
    const batch = batches[i]!;
    const final = i === batches.length - 1;
    const last = final ? Math.max(plan.through, batch[batch.length - 1]!) : batch[batch.length - 1]!;
    progress.done += batch.length;
    await ingestWithCheckpoint(ctx, mails, progress.done, (trx, now) =>
      saveCheckpoint(trx, account.id, plan.folder.path, { uidValidity: plan.uidValidity, lastUid: last, firstSyncSince: final ? null : plan.since }, now),
    );
    if (ctx.signal.aborted) {
      // The fetches under way end before the session logs out; their mail is read again next time.
      await Promise.all(ahead.map((p) => p?.catch(() => undefined)));
      return;
    }
  }
}

/**
 * One pass over every folder: plan (how much to read, for the progress), then read. Answers
 * whether mail arrived during the pass, so the next one starts without waiting.
 */
async function syncPass(ctx: AccountSyncContext, client: ImapFlow, folders: Folder[]): Promise<boolean> {
  const plans: FolderPlan[] = [];
  for (const f of folders) plans.push(await planFolder(ctx, client, f));
  const total = plans.reduce((n, p) => n + p.uids.length, 0);
  if (total > 0) {
    void ctx.parser.warm(Math.min(total, ctx.settings.batchSize));
    await markSyncing(ctx.db, ctx.account.id, total, nowIso());
  }
  const progress = { done: 0, more: false };
  for (const plan of plans) {
    if (ctx.signal.aborted) return false;
    await readFolder(ctx, client, plan, progress);
  }
  return progress.more;
}

/** Resolves at new mail in the selected INBOX (IDLE), at the poll interval, or at a stop; rejects if the connection drops. */
function waitForNews(ctx: AccountSyncContext, client: ImapFlow): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      client.off('exists', onExists);
      client.off('close', onClose);
      ctx.signal.removeEventListener('abort', onAbort);
    };
    const done = () => {
      cleanup();
      resolve();
    };
    const onExists = () => done();
    const onAbort = () => done();
    const onClose = () => {
      cleanup();
      reject(Object.assign(new Error('The IMAP connection closed.'), { code: 'NoConnection' }));
    };
    const timer = setTimeout(done, ctx.settings.pollMs);
    client.on('exists', onExists);
    client.once('close', onClose);
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    // The next command (the following pass) breaks the IDLE; without IDLE the timer polls.
    if (client.capabilities.has('IDLE')) client.idle().catch(() => undefined);
  });
}

/** Runs until `ctx.signal` stops it (resolves) or the account cannot be synced (rejects). */
export async function runImapSession(ctx: AccountSyncContext): Promise<void> {
  const client = clientFor(ctx);
  let failure: unknown;
  // Without a listener an 'error' event would end the process; the failing command rejects too.
  client.on('error', (err: unknown) => {
    failure ??= err;
  });
  let syncing = false;
  // A stop while connecting or idle closes the connection at once; one while syncing waits for the batch.
  const onAbort = () => {
    if (!syncing) client.close();
  };
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  try {
    if (ctx.signal.aborted) return;
    await client.connect();
    const boxes = await client.list();
    const sent = boxes.find((b) => b.specialUse === '\\Sent');
    // INBOX last, so it is the folder selected (and IDLE watches) between passes.
    const folders: Folder[] = [...(sent ? [{ path: sent.path, direction: 'sent' as const }] : []), { path: 'INBOX', direction: 'received' }];
    // EXISTS can come with any command's answer, not only during IDLE: remember it for the wait.
    const news = { arrived: false };
    client.on('exists', () => {
      news.arrived = true;
    });
    for (;;) {
      syncing = true;
      news.arrived = false;
      const more = await syncPass(ctx, client, folders);
      syncing = false;
      if (ctx.signal.aborted) return;
      await markSynced(ctx.db, ctx.account.id, nowIso());
      if (!more && !news.arrived) await waitForNews(ctx, client);
      if (ctx.signal.aborted) return;
    }
  } catch (err) {
    if (err instanceof LeaseLostError) throw err;
    // Stopped: the closed connection's errors are no failure of the account.
    if (ctx.signal.aborted) return;
    throw failure ? pickCause(err, failure) : err;
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
    if (client.usable) await client.logout().catch(() => client.close());
    else client.close();
  }
}

/** A command's rejection often just says the connection is gone; the socket's error says why. */
function pickCause(commandError: unknown, socketError: unknown): unknown {
  const e = commandError as { authenticationFailed?: boolean; code?: string };
  return e.authenticationFailed || (e.code && e.code !== 'NoConnection') ? commandError : socketError;
}
