/**
 * Signatures per shared account (at most three): the admin console edits them; the
 * compose features read them. Previews are rendered by the API, the same way a compose gets them.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { limits, type CreateSignatureRequest, type RenderedSignature, type Signature, type UpdateSignatureRequest } from '@/contract';
import { send } from '@/messaging/client';

export const useSignaturesStore = defineStore('signatures', () => {
  /** Signatures by account id, in position order. */
  const byAccount = ref<Record<string, Signature[]>>({});

  const sorted = (list: Signature[]) => [...list].sort((a, b) => a.position - b.position);

  async function load(accountId: string): Promise<Signature[]> {
    const items = sorted(await send('signatures.list', { accountId }));
    byAccount.value[accountId] = items;
    return items;
  }

  /** True when the account already has the most signatures the API accepts. */
  function isFull(accountId: string): boolean {
    return (byAccount.value[accountId]?.length ?? 0) >= limits.signaturesPerAccount;
  }

  async function create(accountId: string, signature: CreateSignatureRequest): Promise<Signature> {
    const created = await send('signatures.create', { accountId, signature });
    byAccount.value[accountId] = sorted([...(byAccount.value[accountId] ?? []), created]);
    return created;
  }

  async function update(id: string, patch: UpdateSignatureRequest): Promise<Signature> {
    const updated = await send('signatures.update', { id, patch });
    const list = byAccount.value[updated.accountId] ?? [];
    byAccount.value[updated.accountId] = sorted([...list.filter((s) => s.id !== id), updated]);
    return updated;
  }

  async function remove(accountId: string, id: string): Promise<void> {
    await send('signatures.delete', { id });
    byAccount.value[accountId] = (byAccount.value[accountId] ?? []).filter((s) => s.id !== id);
  }

  /** Unsaved HTML rendered for the caller or, for admins, as another user. */
  async function preview(accountId: string, html: string, asUserId?: string): Promise<RenderedSignature> {
    return send('signatures.preview', asUserId ? { accountId, html, asUserId } : { accountId, html });
  }

  return { byAccount, load, isFull, create, update, remove, preview };
});
