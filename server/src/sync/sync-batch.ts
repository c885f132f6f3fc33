import type { Db } from '../db/database';
import { nowIso } from '../db/values';
import { ingestBatch, type IngestInput, type IngestResult } from './ingest.service';
import { LeaseLostError, type AccountSyncContext } from './sync-context';
import { holdsLease, saveProgress } from './sync.repository';


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
  const results = await ingestBatch({ db: ctx.db, pendingBodies: ctx.pendingBodies, log: ctx.log }, mails, {
    alsoInTransaction: async (trx) => {
      if (!(await holdsLease(trx, ctx.owner, ctx.account.id))) throw new LeaseLostError(ctx.account.id);
      const now = nowIso();
      await writeCheckpoint(trx, now);
      await saveProgress(trx, ctx.account.id, progressDone, now);
    },
  });
  return results;
}
