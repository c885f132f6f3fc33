/**
 * What the compose store fetches through the background and keeps for the page's life: each
 * account's signatures (the "Signature" menu) and signatures rendered for the signed-in user; the
 * accounts themselves come from the one accounts store. Callers in between share one load; a
 * failed load is forgotten, so the next caller tries again.
 */
import type { Ref } from 'vue';
import type { EmailAccount, Signature } from '@/contract';
import { send } from '@/messaging/client';
import { pageSanitizer } from '@/utils/page-sanitizer';
import { accountById } from '../account-choice';
import type { useAccountsStore } from '../accounts';

/** How long the account list (defaults, signatures menu) is trusted before a new compose reloads it. */
export const accountsMaxAgeMs = 60_000;

/** The store's state the loaders fill in. */
export interface ComposeLoadTargets {
  accounts: ReturnType<typeof useAccountsStore>;
  signaturesByAccount: Ref<Record<string, Signature[]>>;
  /** Rendered HTML depends on who renders it: cached per user. */
  userId: Ref<string | null>;
}

export function createComposeLoaders(to: ComposeLoadTargets) {
  // Not reactive on purpose: promises have no place in Vue's proxies.
  /** Rendered + sanitized HTML per `${userId}:${signatureId}`, for the tab's life. */
  const renderedCache = new Map<string, Promise<string>>();
  let signaturesLoads = new Map<string, Promise<Signature[]>>();
  /** The accounts store's load the signatures menu was cached under. */
  let signaturesGeneration: number | null = null;

  /**
   * The accounts, loaded again for a compose opened more than `accountsMaxAgeMs` after the last
   * load (an admin may have changed a default signature meanwhile, and then the menus too); a
   * failed load is retried by the next compose. Composes opened in between share one load.
   */
  async function loadAccounts(): Promise<EmailAccount[]> {
    const list = await to.accounts.ensure(accountsMaxAgeMs);
    if (signaturesGeneration !== to.accounts.generation) {
      // Reloaded lists also mean fresh renderings: an admin may have edited the user's title
      // or phone meanwhile, which no broadcast reaches from another browser.
      if (signaturesGeneration !== null) {
        signaturesLoads = new Map();
        renderedCache.clear();
      }
      signaturesGeneration = to.accounts.generation;
    }
    return list;
  }

  /** The account's signatures for the menu, once per page. */
  function loadSignatures(accountId: string): Promise<Signature[]> {
    let p = signaturesLoads.get(accountId);
    if (!p) {
      p = send('signatures.list', { accountId }).then(
        (list) => {
          const sorted = [...list].sort((a, b) => a.position - b.position);
          to.signaturesByAccount.value[accountId] = sorted;
          return sorted;
        },
        (e: unknown) => {
          signaturesLoads.delete(accountId);
          throw e;
        },
      );
      signaturesLoads.set(accountId, p);
    }
    return p;
  }

  /**
   * The signature's HTML as the API renders it for the signed-in user, sanitized again with the
   * shared config (defence in depth: the extension never trusts HTML it inserts). Cached per
   * (user, signature) so that swapping back and forth needs no round trip.
   */
  function renderedHtml(signatureId: string): Promise<string> {
    const key = `${to.userId.value ?? ''}:${signatureId}`;
    let p = renderedCache.get(key);
    if (!p) {
      // The sanitizer is injected on first need (`utils/page-sanitizer.ts`): alongside the API.
      p = Promise.all([send('signatures.rendered', { id: signatureId }), pageSanitizer()]).then(
        ([r, sanitize]) => sanitize(r.html),
        (e: unknown) => {
          renderedCache.delete(key);
          throw e;
        },
      );
      renderedCache.set(key, p);
    }
    return p;
  }

  /** Fetch ahead what a swap to this account may need, so the swap itself is instant. */
  function prefetch(accountId: string): void {
    loadSignatures(accountId).catch(() => {});
    const sig = accountById(to.accounts.usable, accountId)?.myAccess?.defaultSignatureId;
    if (sig) renderedHtml(sig).catch(() => {});
  }

  /** The user's profile changed (names, title, phones): renderings made with the old one are stale. */
  function forgetRendered(): void {
    renderedCache.clear();
  }

  /** Forget everything loaded (signed in as someone else, or accounts changed). */
  function reset(): void {
    to.accounts.reset();
    signaturesLoads = new Map();
    signaturesGeneration = null;
    to.signaturesByAccount.value = {};
    renderedCache.clear();
  }

  return { loadAccounts, loadSignatures, renderedHtml, prefetch, reset, forgetRendered };
}
