/**
 * Account and signature of every open compose (compose half). One store per webmail
 * page: it knows the user's accounts, their signatures and the rendered HTML, and keeps, for each
 * compose, which account is chosen and which of our signatures the body holds.
 *
 * The rules, in one place so that "never the wrong or a doubled signature" can be tested:
 * - A compose is set up once. Re-detection of the same compose (Gmail re-renders it, the feature
 *   restarts) or a draft reopened with our marker in it never inserts again: the adapter's
 *   `currentSignatureId()` (read from the marker in the body) wins over everything. A saved
 *   draft without the marker (reopened from Drafts, restored at page load) gets nothing by
 *   itself either — Gmail may have dropped the marker when saving — but the menu still works.
 * - Account on open: an explicit one ("Write to") first; for a reply/forward the account matching
 *   Gmail's "From" (Gmail picks the address the mail was sent to), else the default account; for a
 *   new compose the default account (`myAccess.isDefault`), else the one matching "From".
 *   Choosing an account selects the matching Gmail "From" alias when Gmail offers it; picking a
 *   "From" in Gmail selects the matching account (and leaves the account alone when none matches).
 * - Signature: the account's default (`myAccess.defaultSignatureId`), rendered by the API for the
 *   calling user and sanitized again here with the one shared config, then handed to the adapter,
 *   which puts it above the quote (reply/forward) or at the end, or replaces ours in place.
 *   Changing the account swaps it; an explicit "No signature" stays none across account changes.
 * - Gmail's own signature: policy "replace" (default) removes it before inserting ours; "keep"
 *   inserts nothing automatically. An explicit choice of one of ours always removes Gmail's.
 * - Every change is tagged with a per-compose sequence number: a slow answer for an account or
 *   signature the user has since left is dropped, so a late render never lands in the wrong place.
 * - When rendering the new account's signature fails, ours is removed rather than left in place:
 *   no signature is better than another account's signature.
 *
 * The store holds the state and the order of events; the pieces live in `stores/compose/`:
 * `state.ts` (per-compose state), `account-choice.ts` (which account, which "From"),
 * `loaders.ts` (accounts, signatures and renderings fetched and cached), `put-signature.ts`.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { EmailAccount, Signature } from '@/contract';
import { errorMessage } from '@/composables/useErrorMessage';
import { send } from '@/messaging/client';
import type { NativeSignaturePolicy } from '@/utils/signature-prefs';
import type { ComposeHandle } from '@/webmail/types';
import { accountByAddress, accountById, defaultAccountOf, initialAccount, keptAccount, lower, syncFrom } from './account-choice';
import { useAccountsStore } from './accounts';
import { createComposeLoaders } from './compose/loaders';
import { putSignature as putSignatureIn } from './compose/put-signature';
import { newComposeState, type ComposeIntent, type ComposeState } from './compose/state';

export type { ComposeIntent, ComposeState, ComposeStatus } from './compose/state';
export { accountsMaxAgeMs } from './compose/loaders';

export const useComposeStore = defineStore('compose', () => {
  const accountsStore = useAccountsStore();
  /** The accounts the user can use (active, with access), from the one accounts list; null = not yet. */
  const accounts = computed<EmailAccount[] | null>(() => (accountsStore.loaded ? accountsStore.usable : null));
  /** Signatures by account id, in position order (the "Signature" menu). */
  const signaturesByAccount = ref<Record<string, Signature[]>>({});
  /** Per-compose state by compose id. */
  const composes = ref<Record<string, ComposeState>>({});
  /** Policy for Gmail's own signature (persisted in `utils/signature-prefs.ts`). */
  const nativePolicy = ref<NativeSignaturePolicy>('replace');
  /** The signed-in Mailroom user: rendered HTML depends on who renders it. */
  const userId = ref<string | null>(null);

  const { loadAccounts, loadSignatures, renderedHtml, prefetch, reset, forgetRendered } = createComposeLoaders({
    accounts: accountsStore,
    signaturesByAccount,
    userId,
  });

  // Not reactive on purpose: DOM handles and promises have no place in Vue's proxies.
  const handles = new Map<string, ComposeHandle>();
  const seqs = new Map<string, number>();
  /** The set-up of each compose, so a caller can wait for it (see `attach`). */
  const attaching = new Map<string, Promise<void>>();
  let pendingIntent: ComposeIntent | null = null;

  const defaultAccount = computed(() => defaultAccountOf(accounts.value));

  function nextSeq(composeId: string): number {
    const n = (seqs.get(composeId) ?? 0) + 1;
    seqs.set(composeId, n);
    return n;
  }
  const isCurrent = (composeId: string, seq: number) => seqs.get(composeId) === seq && handles.has(composeId);

  /** `putSignature` on a compose still open; `seq` tags the change (see `isCurrent`). */
  async function putSignature(composeId: string, signatureId: string | null, explicit: boolean, seq: number): Promise<void> {
    const state = composes.value[composeId];
    const handle = handles.get(composeId);
    if (!state || !handle) return;
    const target = { handle, state, nativePolicy: nativePolicy.value, renderedHtml, isCurrent: () => isCurrent(composeId, seq) };
    await putSignatureIn(target, signatureId, explicit);
  }

  /**
   * A compose appeared (or appeared again). Sets it up once: account, "From", signature; the
   * promise settles when the set-up is done (also for a re-detected one). `intent` comes from
   * "Write to"; otherwise a pending intent set by `expectCompose` applies to the next new compose.
   */
  function attach(handle: ComposeHandle, intent?: ComposeIntent): Promise<void> {
    handles.set(handle.id, handle);
    // Re-detected: already set up (or being set up), never insert again.
    if (composes.value[handle.id]) return attaching.get(handle.id) ?? Promise.resolve();
    // Read now, before any await: Gmail gives a brand-new compose a draft id once it autosaves.
    const done = setUp(handle, intent, handle.isSavedDraft?.() ?? false);
    attaching.set(handle.id, done);
    return done;
  }

  async function setUp(handle: ComposeHandle, intent: ComposeIntent | undefined, savedDraft: boolean): Promise<void> {
    let useIntent = intent ?? null;
    if (!useIntent && pendingIntent && handle.kind === 'new') {
      useIntent = pendingIntent;
      pendingIntent = null;
    }
    composes.value[handle.id] = newComposeState(handle);
    const state = composes.value[handle.id]!;
    const seq = nextSeq(handle.id);
    try {
      // The session first (answered by the background from storage, no API call): signed out,
      // there is nothing to ask the API; signed in as someone else, nothing cached is theirs.
      const [session, policy] = await Promise.all([send('session.get'), send('prefs.nativeSignature.get')]);
      nativePolicy.value = policy;
      if (session.status !== 'signed-in') {
        state.status = 'unavailable';
        state.unavailableReason = 'signed-out';
        return;
      }
      if (userId.value !== null && userId.value !== session.me.user.id) resetCaches();
      userId.value = session.me.user.id;
      await loadAccounts();
      if (!handles.has(handle.id)) return;
      // Read our marker before anything else: a re-detected compose or a reopened draft already
      // holds a signature of ours and must not get a second one.
      const existing = handle.currentSignatureId();
      // A saved draft (reopened, or restored at page load) keeps the From and body it was saved
      // with: its HTML may hold our signature whose marker did not survive the save.
      const keepAsIs = !!existing || savedDraft;
      const account = keepAsIs
        ? keptAccount(accounts.value, handle, useIntent)
        : initialAccount(accounts.value, handle, useIntent);
      if (!account) {
        state.status = 'unavailable';
        state.unavailableReason = 'no-accounts';
        return;
      }
      state.accountId = account.id;
      state.status = 'ready';
      state.from = lower(handle.getFrom()) ?? null;
      prefetch(account.id);
      if (keepAsIs) {
        state.signatureId = existing ?? null;
        return;
      }
      await syncFrom(handle, account);
      if (!isCurrent(handle.id, seq)) return;
      state.from = lower(handle.getFrom()) ?? null;
      await putSignature(handle.id, account.myAccess?.defaultSignatureId ?? null, false, seq);
      // Once this compose is served, get the other accounts' defaults ready: even the first
      // account swap then needs no round trip.
      for (const other of accounts.value ?? []) if (other.id !== account.id) prefetch(other.id);
    } catch (e) {
      if (!handles.has(handle.id)) return;
      state.status = 'error';
      state.error = errorMessage(e);
    }
  }

  /** The user picked an account in our picker: select its "From" and swap the signature. */
  async function chooseAccount(composeId: string, accountId: string): Promise<void> {
    const state = composes.value[composeId];
    const handle = handles.get(composeId);
    const account = accountById(accounts.value, accountId);
    if (!state || !handle || !account || state.accountId === accountId) return;
    state.accountId = accountId;
    const seq = nextSeq(composeId);
    prefetch(accountId);
    try {
      await syncFrom(handle, account);
    } catch (e) {
      state.error = errorMessage(e);
    }
    if (!isCurrent(composeId, seq)) return;
    state.from = lower(handle.getFrom()) ?? null;
    await swapForAccount(composeId, account, seq);
  }

  /** Gmail's own "From" changed: follow it when one of the user's accounts has that address. */
  async function fromChanged(composeId: string, address: string): Promise<void> {
    const state = composes.value[composeId];
    if (state) state.from = lower(address) ?? null;
    const account = accountByAddress(accounts.value, address);
    if (!state || state.status !== 'ready' || !account || state.accountId === account.id) return;
    state.accountId = account.id;
    const seq = nextSeq(composeId);
    prefetch(account.id);
    await swapForAccount(composeId, account, seq);
  }

  async function swapForAccount(composeId: string, account: EmailAccount, seq: number): Promise<void> {
    const state = composes.value[composeId];
    if (!state || state.explicitNone) return;
    await putSignature(composeId, account.myAccess?.defaultSignatureId ?? null, false, seq);
  }

  /** The user picked a signature (or "No signature", `null`) in the menu. */
  async function chooseSignature(composeId: string, signatureId: string | null): Promise<void> {
    const state = composes.value[composeId];
    if (!state || !handles.has(composeId)) return;
    state.explicitNone = signatureId === null;
    const seq = nextSeq(composeId);
    await putSignature(composeId, signatureId, true, seq);
  }

  /**
   * Change the policy for Gmail's own signature. It is saved for future composes; on the compose
   * where it was changed, "replace" also swaps a kept Gmail signature for the account's one.
   */
  async function setNativePolicy(policy: NativeSignaturePolicy, composeId?: string): Promise<void> {
    nativePolicy.value = policy;
    await send('prefs.nativeSignature.set', { policy });
    const state = composeId ? composes.value[composeId] : undefined;
    if (!state || policy !== 'replace' || !state.nativeKept || state.signatureId) return;
    const account = accountById(accounts.value, state.accountId);
    const sig = account?.myAccess?.defaultSignatureId;
    if (sig) await putSignature(state.id, sig, true, nextSeq(state.id));
  }

  /** The next new compose is the one "Write to" asked for; it gets this account. */
  function expectCompose(intent: ComposeIntent | null): void {
    pendingIntent = intent;
  }

  /** The compose closed: forget it (late answers for it are dropped by `isCurrent`). */
  function detach(composeId: string): void {
    handles.delete(composeId);
    seqs.delete(composeId);
    attaching.delete(composeId);
    delete composes.value[composeId];
  }

  /** Signed in as someone else, or accounts changed: start again for the next composes. */
  function resetCaches(): void {
    reset();
  }

  return {
    accounts,
    signaturesByAccount,
    composes,
    nativePolicy,
    userId,
    defaultAccount,
    loadSignatures,
    renderedHtml,
    attach,
    chooseAccount,
    fromChanged,
    chooseSignature,
    setNativePolicy,
    expectCompose,
    detach,
    resetCaches,
    /** The `profile.changed` broadcast: the next signature put in a compose is rendered afresh. */
    profileChanged: forgetRendered,
  };
});
