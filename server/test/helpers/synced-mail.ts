import type { MessageInput } from '../../../contract/filings';
import type { Db } from '../../src/db/database';
import { newId, nowIso } from '../../src/db/values';
import { prepareMessage } from '../../src/filings/filings.service';
import { findMessageByKey, insertMessageIfAbsent } from '../../src/filings/filings.repository';

/**
 * Mail as the sync stores it — the message row (keyed like a filing would key it) and its link to
 * the account with source 'sync', folder and reception time — for tests of the shared inbox
 * until they can call the sync's ingest. Returns the stored message's id.
 */
export async function insertSyncedMessage(
  db: Db,
  orgId: string,
  accountId: string,
  message: MessageInput,
  receivedAt: string,
  folder = 'INBOX',
): Promise<string> {
  const prepared = prepareMessage({ to: [], cc: [], subject: '', snippet: '', attachments: [], ...message });
  await insertMessageIfAbsent(db, { ...prepared.row, id: newId(), org_id: orgId, created_at: nowIso() });
  const stored = await findMessageByKey(db, orgId, prepared.key);
  if (!stored) throw new Error('synced message not stored');
  await db
    .insertInto('message_accounts')
    .values({ message_id: stored.id, account_id: accountId, source: 'sync', folder, received_at: new Date(receivedAt).toISOString() })
    .onConflict((oc) => oc.columns(['message_id', 'account_id']).doNothing())
    .execute();
  return stored.id;
}
