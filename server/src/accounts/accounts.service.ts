import type { z } from 'zod';
import type { createAccountRequestSchema, EmailAccount, updateAccountRequestSchema } from '../../../contract/accounts';
import { recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { isUniqueViolation } from '../db/errors';
import type { EmailAccountRow, EmailAccountUpdate } from '../db/tables/accounts.table';
import { newId, nowIso, toFlag } from '../db/values';
import { ApiError, conflict, invalid } from '../http/api-error';
import type { AuthContext } from '../http/request-context';
import { findAccessOfUser } from './access.repository';
import { findAccountForAdmin, findVisibleAccount, isUnexpired } from './accounts.access-rules';
import { toEmailAccount } from './accounts.mapper';
import {
  countProcessedByAccount,
  countUsersByAccount,
  deleteAccountRow,
  findAccountByAddress,
  findAccountInOrg,
  insertAccount,
  listAccountsInOrg,
  listUsableAccounts,
  updateAccountRow,
} from './accounts.repository';
import { resetSyncBackoff, syncStatusByAccount } from '../sync/sync.repository';
import { assertQuotaAllowsOneMore } from './quota';
import type { SecretBox } from './secret-box';

type CreateInput = z.output<typeof createAccountRequestSchema>;
type UpdateInput = z.output<typeof updateAccountRequestSchema>;

/** Adds counts, sync status and the caller's access to rows, in five queries whatever the number of rows. */
export async function describeAccounts(db: Db, auth: AuthContext, rows: EmailAccountRow[]): Promise<EmailAccount[]> {
  const ids = rows.map((r) => r.id);
  const now = nowIso();
  const [users, processed, access, sync] = await Promise.all([
    countUsersByAccount(db, ids, now),
    countProcessedByAccount(db, ids),
    findAccessOfUser(db, auth.userId, ids),
    syncStatusByAccount(db, ids),
  ]);
  return rows.map((row) => {
    const mine = access.get(row.id);
    return toEmailAccount(row, {
      userCount: users.get(row.id) ?? 0,
      processedCount: processed.get(row.id) ?? 0,
      access: mine && isUnexpired(mine, now) ? mine : undefined,
      showSettings: auth.role === 'admin',
      sync: sync.get(row.id) ?? { state: undefined, messages: 0 },
    });
  });
}

export async function describeAccount(db: Db, auth: AuthContext, row: EmailAccountRow): Promise<EmailAccount> {
  const [view] = await describeAccounts(db, auth, [row]);
  return view!;
}

/** Admins: every account of the organisation. Members: active accounts with unexpired access. */
export async function listAccounts(db: Db, auth: AuthContext): Promise<EmailAccount[]> {
  const rows =
    auth.role === 'admin'
      ? await listAccountsInOrg(db, auth.orgId)
      : await listUsableAccounts(db, auth.orgId, auth.userId, nowIso());
  return describeAccounts(db, auth, rows);
}

/** Accounts the caller can use themselves (for admins too: only those they were given access to). */
export async function listMyAccounts(db: Db, auth: AuthContext): Promise<EmailAccount[]> {
  return describeAccounts(db, auth, await listUsableAccounts(db, auth.orgId, auth.userId, nowIso()));
}

export async function getAccount(db: Db, auth: AuthContext, id: string): Promise<EmailAccount> {
  return describeAccount(db, auth, await findVisibleAccount(db, auth, id));
}

async function assertAddressFree(trx: Db, orgId: string, address: string, exceptId?: string): Promise<void> {
  const other = await findAccountByAddress(trx, orgId, address);
  if (other && other.id !== exceptId) throw addressTaken(address);
}
const addressTaken = (address: string) => conflict(`Another email account already uses ${address}.`);

export async function createAccount(trx: Db, auth: AuthContext, box: SecretBox, input: CreateInput): Promise<EmailAccount> {
  await assertAddressFree(trx, auth.orgId, input.address);
  if (input.active) await assertQuotaAllowsOneMore(trx, auth.orgId);
  const now = nowIso();
  const id = newId();
  try {
    await insertAccount(trx, {
      id,
      org_id: auth.orgId,
      address: input.address,
      display_name: input.displayName,
      active: toFlag(input.active),
      in_protocol: input.incoming.protocol,
      in_host: input.incoming.host,
      in_port: input.incoming.port,
      in_security: input.incoming.security,
      in_username: input.incoming.username,
      in_password_enc: box.seal(input.incoming.password),
      out_host: input.outgoing?.host ?? null,
      out_port: input.outgoing?.port ?? null,
      out_security: input.outgoing?.security ?? null,
      out_username: input.outgoing?.username ?? null,
      out_password_enc: input.outgoing ? box.seal(input.outgoing.password) : null,
      last_sync_at: null,
      last_sync_error: null,
      created_at: now,
      updated_at: now,
    });
  } catch (err) {
    // Two admins creating the same address at once: the unique index decides.
    if (isUniqueViolation(err)) throw addressTaken(input.address);
    throw err;
  }
  await recordAudit(trx, {
    orgId: auth.orgId,
    actorId: auth.userId,
    action: 'account.created',
    subjectType: 'email_account',
    subjectId: id,
    detail: { address: input.address, active: input.active },
  });
  return describeAccount(trx, auth, (await findAccountInOrg(trx, auth.orgId, id))!);
}

export async function updateAccount(
  trx: Db,
  auth: AuthContext,
  box: SecretBox,
  id: string,
  input: UpdateInput,
): Promise<EmailAccount> {
  const row = await findAccountForAdmin(trx, auth.orgId, id);
  const patch: EmailAccountUpdate = {};

  if (input.address !== undefined && input.address !== row.address) {
    await assertAddressFree(trx, auth.orgId, input.address, row.id);
    patch.address = input.address;
  }
  if (input.displayName !== undefined) patch.display_name = input.displayName;
  if (input.incoming) {
    Object.assign(patch, {
      in_protocol: input.incoming.protocol,
      in_host: input.incoming.host,
      in_port: input.incoming.port,
      in_security: input.incoming.security,
      in_username: input.incoming.username,
    });
    // An omitted password keeps the stored one (the form never receives it back).
    if (input.incoming.password !== undefined) patch.in_password_enc = box.seal(input.incoming.password);
  }
  if (input.outgoing === null) {
    Object.assign(patch, { out_host: null, out_port: null, out_security: null, out_username: null, out_password_enc: null });
  } else if (input.outgoing) {
    if (input.outgoing.password === undefined && row.out_password_enc === null) {
      throw invalid('outgoing.password', 'Enter the password of the outgoing server.');
    }
    Object.assign(patch, {
      out_host: input.outgoing.host,
      out_port: input.outgoing.port,
      out_security: input.outgoing.security,
      out_username: input.outgoing.username,
    });
    if (input.outgoing.password !== undefined) patch.out_password_enc = box.seal(input.outgoing.password);
  }

  let action: 'account.deactivated' | 'account.reactivated' | null = null;
  if (input.active === true && row.active === 0) {
    await assertQuotaAllowsOneMore(trx, auth.orgId);
    patch.active = 1;
    action = 'account.reactivated';
  } else if (input.active === false && row.active === 1) {
    patch.active = 0;
    action = 'account.deactivated';
  }

  if (Object.keys(patch).length > 0) {
    patch.updated_at = nowIso();
    try {
      await updateAccountRow(trx, row.id, patch);
    } catch (err) {
      if (isUniqueViolation(err) && patch.address) throw addressTaken(patch.address);
      throw err;
    }
    // Whatever made the sync fail (a password, a port) may be fixed now: the next try is at once,
    // and a running session restarts with the new settings (it watches updated_at).
    await resetSyncBackoff(trx, row.id, patch.updated_at);
    const changed = Object.keys(patch).filter((k) => k !== 'updated_at' && !k.endsWith('_enc'));
    const passwordsChanged = Object.keys(patch).some((k) => k.endsWith('_enc'));
    await recordAudit(trx, {
      orgId: auth.orgId,
      actorId: auth.userId,
      action: action ?? 'account.updated',
      subjectType: 'email_account',
      subjectId: row.id,
      detail: { address: patch.address ?? row.address, changed, passwordsChanged },
    });
  }
  return describeAccount(trx, auth, (await findAccountInOrg(trx, auth.orgId, row.id))!);
}

/**
 * Deleting loses history, so it is allowed only for an account nobody uses and none of whose mail
 * was processed (filed, or handled in its shared inbox); otherwise 409 account_in_use naming the reasons and pointing to deactivation.
 */
export async function deleteAccount(trx: Db, auth: AuthContext, id: string): Promise<void> {
  const row = await findAccountForAdmin(trx, auth.orgId, id);
  const now = nowIso();
  const [users, processed] = await Promise.all([
    countUsersByAccount(trx, [row.id], now, { includeDeactivated: true }),
    countProcessedByAccount(trx, [row.id]),
  ]);
  const userCount = users.get(row.id) ?? 0;
  const processedCount = processed.get(row.id) ?? 0;
  const reasons: string[] = [];
  if (userCount > 0) reasons.push(`${userCount} ${userCount === 1 ? 'person has' : 'people have'} access to it`);
  if (processedCount > 0) {
    reasons.push(`${processedCount} ${processedCount === 1 ? 'message was' : 'messages were'} filed or handled from it`);
  }
  if (reasons.length > 0) {
    throw new ApiError(
      409,
      'account_in_use',
      `${row.address} cannot be deleted because ${reasons.join(' and ')}. Deactivate it instead: it stops counting against your quota and its history is kept.`,
    );
  }
  await deleteAccountRow(trx, row.id);
  await recordAudit(trx, {
    orgId: auth.orgId,
    actorId: auth.userId,
    action: 'account.deleted',
    subjectType: 'email_account',
    subjectId: row.id,
    detail: { address: row.address },
  });
}
