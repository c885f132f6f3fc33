import type { z } from 'zod';
import type { AccessEntry, EmailAccount, patchMyAccessRequestSchema, putAccessRequestSchema } from '../../../contract/accounts';
import { recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import type { AccountAccessRow } from '../db/tables/accounts.table';
import { fromFlag, nowIso, toFlag } from '../db/values';
import { invalid, notFound } from '../http/api-error';
import type { AuthContext } from '../http/request-context';
import { findUserInOrg } from '../users/users.repository';
import { fullName } from '../users/users.mapper';
import {
  clearDefaultsOfUser,
  deleteAccess,
  findAccess,
  insertAccess,
  listAccessWithUsers,
  signatureBelongsToAccount,
  updateAccess,
} from './access.repository';
import { findAccountForAdmin, findUsableAccount } from './accounts.access-rules';
import { describeAccount } from './accounts.service';

type PutAccessInput = z.output<typeof putAccessRequestSchema>;
type PatchMyAccessInput = z.output<typeof patchMyAccessRequestSchema>;

/** Stored timestamps are `toISOString()` so text comparison orders them; offsets are normalised. */
const normaliseInstant = (iso: string): string => new Date(iso).toISOString();

async function assertSignatureOfAccount(db: Db, signatureId: string | null | undefined, account: { id: string; address: string }) {
  if (signatureId && !(await signatureBelongsToAccount(db, signatureId, account.id))) {
    throw invalid('defaultSignatureId', `This signature is not one of ${account.address}'s signatures.`);
  }
}

export async function listAccess(db: Db, auth: AuthContext, accountId: string): Promise<AccessEntry[]> {
  const account = await findAccountForAdmin(db, auth.orgId, accountId);
  const rows = await listAccessWithUsers(db, account.id);
  return rows.map((r) => ({
    accountId: r.account_id,
    user: { id: r.user_id, email: r.email, fullName: fullName(r) },
    isDefault: fromFlag(r.is_default),
    defaultSignatureId: r.default_signature_id,
    expiresAt: r.expires_at,
    grantedAt: r.granted_at,
  }));
}

/**
 * Grants or changes a user's access. Omitted fields keep their value (or the default for a new
 * grant: not default, no signature, permanent). `isDefault: true` clears the user's other default
 * in the same transaction.
 */
export async function putAccess(
  trx: Db,
  auth: AuthContext,
  accountId: string,
  userId: string,
  input: PutAccessInput,
): Promise<{ entry: AccessEntry; created: boolean }> {
  const account = await findAccountForAdmin(trx, auth.orgId, accountId);
  const user = await findUserInOrg(trx, auth.orgId, userId);
  if (!user) throw notFound('The user');
  await assertSignatureOfAccount(trx, input.defaultSignatureId, account);
  const expiresAt = input.expiresAt ? normaliseInstant(input.expiresAt) : input.expiresAt;
  if (expiresAt && expiresAt <= nowIso()) {
    throw invalid('expiresAt', 'Choose an end date in the future, or no end date for permanent access.');
  }

  if (input.isDefault === true) await clearDefaultsOfUser(trx, user.id);
  const existing = await findAccess(trx, account.id, user.id);
  const patch: Partial<Pick<AccountAccessRow, 'is_default' | 'default_signature_id' | 'expires_at'>> = {};
  if (input.isDefault !== undefined) patch.is_default = toFlag(input.isDefault);
  if (input.defaultSignatureId !== undefined) patch.default_signature_id = input.defaultSignatureId;
  if (expiresAt !== undefined) patch.expires_at = expiresAt;
  if (existing) {
    await updateAccess(trx, account.id, user.id, patch);
  } else {
    await insertAccess(trx, {
      account_id: account.id,
      user_id: user.id,
      is_default: patch.is_default ?? 0,
      default_signature_id: patch.default_signature_id ?? null,
      expires_at: patch.expires_at ?? null,
      granted_at: nowIso(),
    });
  }
  const after = (await findAccess(trx, account.id, user.id))!;
  await recordAudit(trx, {
    orgId: auth.orgId,
    actorId: auth.userId,
    action: existing ? 'access.changed' : 'access.granted',
    subjectType: 'email_account',
    subjectId: account.id,
    detail: { userId: user.id, email: user.email, isDefault: fromFlag(after.is_default), expiresAt: after.expires_at },
  });
  return {
    created: !existing,
    entry: {
      accountId: account.id,
      user: { id: user.id, email: user.email, fullName: fullName(user) },
      isDefault: fromFlag(after.is_default),
      defaultSignatureId: after.default_signature_id,
      expiresAt: after.expires_at,
      grantedAt: after.granted_at,
    },
  };
}

/** Removes access (and with it the account as the user's default). */
export async function removeAccess(trx: Db, auth: AuthContext, accountId: string, userId: string): Promise<void> {
  const account = await findAccountForAdmin(trx, auth.orgId, accountId);
  const user = await findUserInOrg(trx, auth.orgId, userId);
  if (!user) throw notFound('The user');
  if ((await deleteAccess(trx, account.id, user.id)) === 0) throw notFound(`Access of ${user.email} to ${account.address}`);
  await recordAudit(trx, {
    orgId: auth.orgId,
    actorId: auth.userId,
    action: 'access.removed',
    subjectType: 'email_account',
    subjectId: account.id,
    detail: { userId: user.id, email: user.email },
  });
}

/** A user switches their own default account and/or default signature (popup). */
export async function patchMyAccess(
  trx: Db,
  auth: AuthContext,
  accountId: string,
  input: PatchMyAccessInput,
): Promise<EmailAccount> {
  const { account } = await findUsableAccount(trx, auth, accountId);
  await assertSignatureOfAccount(trx, input.defaultSignatureId, account);
  const patch: Partial<Pick<AccountAccessRow, 'is_default' | 'default_signature_id'>> = {};
  if (input.isDefault) {
    await clearDefaultsOfUser(trx, auth.userId);
    patch.is_default = 1;
  }
  if (input.defaultSignatureId !== undefined) patch.default_signature_id = input.defaultSignatureId;
  await updateAccess(trx, account.id, auth.userId, patch);
  return describeAccount(trx, auth, account);
}
