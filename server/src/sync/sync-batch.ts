import type { Db } from '../db/database';
import { nowIso } from '../db/values';
import { ingestBatch, type IngestInput, type IngestResult } from './ingest.service';
import { LeaseLostError, type AccountSyncContext } from './sync-context';
import { holdsLease, saveProgress } from './sync.repository';

/** The mails with their `parsed` filled in by the context's parser (worker threads), in order. */
export async function parseInputs(ctx: Pick<AccountSyncContext, 'parser'>, mails: IngestInput[]): Promise<IngestInput[]> {
  const todo = mails.filter((m) => !m.parsed);
  if (todo.length === 0) return mails;
  const results = await ctx.parser.parse(todo.map((m) => ({ raw: m.raw, receivedAt: (m.receivedAt ??= new Date()) })));
  todo.forEach((m, i) => {
    m.parsed = results[i];
  });
  return mails;
}

/**
 * Ingests one batch and moves the checkpoint in the same transaction (`writeCheckpoint`), so a
 * crash between the two is impossible: either the mail and its checkpoint are written, or neither
 * and the batch is read again. A worker that lost its lease writes nothing (the new holder reads
 * the batch itself).
 */
export async function ingestWithCheckpoint(
  ctx: AccountSyncContext,
  mails: IngestInput[],
  progressDone: number,
  writeCheckpoint: (trx: Db, now: string) => Promise<void>,
): Promise<IngestResult[]> {
  const results = await ingestBatch({ db: ctx.db, pendingBodies: ctx.pendingBodies, log: ctx.log }, await parseInputs(ctx, mails), {
    alsoInTransaction: async (trx) => {
      if (!(await holdsLease(trx, ctx.owner, ctx.account.id))) throw new LeaseLostError(ctx.account.id);
      const now = nowIso();
      await writeCheckpoint(trx, now);
      await saveProgress(trx, ctx.account.id, progressDone, now);
    },
  });
  return results;
}
