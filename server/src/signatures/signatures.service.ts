/**
 * Signatures of a shared account: at most three, written by administrators, used by
 * everyone with access. HTML is sanitized on save with merge tags kept as `{{...}}`, and rendered
 * per user (merged, empty lines dropped, sanitized again) when a compose needs it.
 */
import { limits } from '../../../contract/common';
import { unknownMergeTags } from '../../../contract/merge-tags';
import type {
  CreateSignatureRequest,
  PreviewSignatureRequest,
  RenderedSignature,
  Signature,
  UpdateSignatureRequest,
} from '../../../contract/signatures';
import { findAccountForAdmin, findVisibleAccount } from '../accounts/accounts.access-rules';
import { recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import type { EmailAccountRow } from '../db/tables/accounts.table';
import type { SignatureRow } from '../db/tables/content.table';
import { newId, nowIso } from '../db/values';
import { ApiError, forbidden, notFound } from '../http/api-error';
import type { AuthContext } from '../http/request-context';
import { findOrganisation } from '../orgs/orgs.repository';
import { findUserInOrg } from '../users/users.repository';
import { mergeValuesFor } from './merge-values';
import type { SignatureHtml } from './signature-html';
import {
  clearDefaultSignature,
  deleteSignatureRow,
  findSignatureInOrg,
  insertSignature,
  listSignatureRows,
  lockAccountSignatures,
  updateSignatureRow,
} from './signatures.repository';

const SIGNATURE = 'The signature';

async function toSignature(row: SignatureRow, html: SignatureHtml): Promise<Signature> {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    html: row.html,
    position: row.position,
    warnings: await html.warnings(row.html),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** 422 `unknown_merge_tag` naming the first unknown tag (in the message and `fields.tag`). */
function checkMergeTags(html: string): void {
  const unknown = unknownMergeTags(html);
  const first = unknown[0];
  if (first === undefined) return;
  const list = unknown.map((n) => `{{${n}}}`).join(', ');
  const message =
    unknown.length === 1
      ? `{{${first}}} is not a merge tag. Pick one from the merge-tag menu or remove it.`
      : `${list} are not merge tags. Pick them from the merge-tag menu or remove them.`;
  throw new ApiError(422, 'unknown_merge_tag', message, { html: message, tag: first });
}

/** Admins see every signature of their organisation; others only those of accounts they use. */
async function visibleSignature(db: Db, auth: AuthContext, id: string): Promise<{ row: SignatureRow; account: EmailAccountRow }> {
  const row = await findSignatureInOrg(db, auth.orgId, id);
  if (!row) throw notFound(SIGNATURE);
  try {
    return { row, account: await findVisibleAccount(db, auth, row.account_id) };
  } catch (err) {
    // Same answer as a missing signature: ids of accounts one cannot use leak nothing.
    if (err instanceof ApiError && err.status === 404) throw notFound(SIGNATURE);
    throw err;
  }
}

export async function listSignatures(db: Db, html: SignatureHtml, auth: AuthContext, accountId: string): Promise<{ items: Signature[] }> {
  const account = await findVisibleAccount(db, auth, accountId);
  const rows = await listSignatureRows(db, account.id);
  return { items: await Promise.all(rows.map((row) => toSignature(row, html))) };
}

export async function getSignature(db: Db, html: SignatureHtml, auth: AuthContext, id: string): Promise<Signature> {
  return toSignature((await visibleSignature(db, auth, id)).row, html);
}

export async function createSignature(db: Db, html: SignatureHtml, auth: AuthContext, accountId: string, input: CreateSignatureRequest): Promise<Signature> {
  const account = await findAccountForAdmin(db, auth.orgId, accountId);
  checkMergeTags(input.html);
  await lockAccountSignatures(db, account.id);
  const existing = await listSignatureRows(db, account.id);
  if (existing.length >= limits.signaturesPerAccount) {
    throw new ApiError(
      409,
      'signature_limit',
      `An account has at most ${limits.signaturesPerAccount} signatures. Delete or edit one of the existing signatures instead.`,
    );
  }
  const now = nowIso();
  const row: SignatureRow = {
    id: newId(),
    account_id: account.id,
    name: input.name,
    html: (await html.clean(input.html)).html,
    position: existing.length + 1,
    created_at: now,
    updated_at: now,
  };
  await insertSignature(db, row);
  await recordAudit(db, { orgId: auth.orgId, actorId: auth.userId, action: 'signature.created', subjectType: 'signature', subjectId: row.id, detail: { accountId: account.id } });
  return toSignature(row, html);
}

export async function updateSignature(db: Db, html: SignatureHtml, auth: AuthContext, id: string, patch: UpdateSignatureRequest): Promise<Signature> {
  const row = await findSignatureInOrg(db, auth.orgId, id);
  if (!row) throw notFound(SIGNATURE);
  if (patch.html !== undefined) checkMergeTags(patch.html);
  const next: SignatureRow = {
    ...row,
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.html !== undefined ? { html: (await html.clean(patch.html)).html } : {}),
    updated_at: nowIso(),
  };
  await updateSignatureRow(db, id, { name: next.name, html: next.html, updated_at: next.updated_at });
  await recordAudit(db, { orgId: auth.orgId, actorId: auth.userId, action: 'signature.updated', subjectType: 'signature', subjectId: id, detail: { accountId: row.account_id } });
  return toSignature(next, html);
}

/** Deletes, clears it as anyone's default and closes the gap in positions (1..n stays dense). */
export async function deleteSignature(db: Db, auth: AuthContext, id: string): Promise<void> {
  const row = await findSignatureInOrg(db, auth.orgId, id);
  if (!row) throw notFound(SIGNATURE);
  await lockAccountSignatures(db, row.account_id);
  await clearDefaultSignature(db, id);
  await deleteSignatureRow(db, id);
  const rest = await listSignatureRows(db, row.account_id);
  for (const [i, sig] of rest.entries()) {
    if (sig.position !== i + 1) await updateSignatureRow(db, sig.id, { position: i + 1 });
  }
  await recordAudit(db, { orgId: auth.orgId, actorId: auth.userId, action: 'signature.deleted', subjectType: 'signature', subjectId: id, detail: { accountId: row.account_id, name: row.name } });
}

async function mergeValues(db: Db, orgId: string, userId: string, account: EmailAccountRow) {
  const [user, org] = await Promise.all([findUserInOrg(db, orgId, userId), findOrganisation(db, orgId)]);
  if (!user) throw notFound('The user');
  if (!org) throw notFound('The organisation');
  return mergeValuesFor({
    user: { firstName: user.first_name, lastName: user.last_name, jobTitle: user.job_title, email: user.email, phone: user.phone, mobile: user.mobile },
    account: { address: account.address, displayName: account.display_name },
    org: { name: org.name },
  });
}

/** The signature filled in for the caller, ready to insert into a compose. */
export async function renderSignature(db: Db, html: SignatureHtml, auth: AuthContext, id: string): Promise<RenderedSignature> {
  const { row, account } = await visibleSignature(db, auth, id);
  const rendered = await html.render(row.html, await mergeValues(db, auth.orgId, auth.userId, account));
  return { id: row.id, ...rendered };
}

/**
 * The editor's live preview: unsaved HTML rendered exactly as a save then a render would, for the
 * caller or — administrators only — another user of the organisation.
 */
export async function previewSignature(db: Db, html: SignatureHtml, auth: AuthContext, input: PreviewSignatureRequest): Promise<RenderedSignature> {
  const account = await findVisibleAccount(db, auth, input.accountId);
  const asUser = input.asUserId ?? auth.userId;
  if (asUser !== auth.userId && auth.role !== 'admin') throw forbidden('Only an administrator can preview a signature as someone else.');
  checkMergeTags(input.html);
  const stored = (await html.clean(input.html)).html;
  return { id: null, ...(await html.render(stored, await mergeValues(db, auth.orgId, asUser, account))) };
}
