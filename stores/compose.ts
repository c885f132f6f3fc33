/**
 * Account and signature of every open compose (issue 5, compose half). One store per webmail
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
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { EmailAccount, Signature } from '@/contract';
import { send } from '@/messaging/client';
import { sanitizeHtml } from '@/utils/sanitize';
import { getNativeSignaturePolicy, setNativeSignaturePolicy, type NativeSignaturePolicy } from '@/utils/signature-prefs';
import type { ComposeHandle, ComposeKind } from '@/webmail/types';

export type ComposeStatus = 'loading' | 'ready' | 'unavailable' | 'error';

export interface ComposeState {
  id: string;
  kind: ComposeKind;
  status: ComposeStatus;
  /** Why the controls are unavailable: signed out, or no account to use. */
  unavailableReason?: 'signed-out' | 'no-accounts';
  accountId: string | null;
  /** Our signature the body holds now; null when none of ours is in it. */
  signatureId: string | null;
  /** The user chose "No signature": an account change then inserts none. */
  explicitNone: boolean;
  /** Gmail's own signature was left in place by the "keep" policy. */
  nativeKept: boolean;
  /** The last failure, as a message a person understands; cleared by the next success. */
  error: string | null;
  /**
   * The "From" Gmail shows, lower-cased, as last read; null when Gmail shows none (an account
   * without aliases). The toolbar warns when it is not the chosen account's address.
   */
  from: string | null;
}

/** What an open request carries ("Write to" from the side panel). */
export interface ComposeIntent {
  accountId?: string;
}

const lower = (s: string | undefined) => s?.trim().toLowerCase();

/** How long the account list (defaults, signatures menu) is trusted before a new compose reloads it. */
export const accountsMaxAgeMs = 60_000;

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export const useComposeStore = defineStore('compose', () => {
  /** The accounts the user can use (active, with access), loaded once per page; null = not yet. */
  const accounts = ref<EmailAccount[] | null>(null);
  /** Signatures by account id, in position order (the "Signature" menu). */
  const signaturesByAccount = ref<Record<string, Signature[]>>({});
  /** Per-compose state by compose id. */
  const composes = ref<Record<string, ComposeState>>({});
  /** Policy for Gmail's own signature (persisted in `utils/signature-prefs.ts`). */
  const nativePolicy = ref<NativeSignaturePolicy>('replace');
  /** The signed-in Mailroom user: rendered HTML depends on who renders it. */
  const userId = ref<string | null>(null);

  // Not reactive on purpose: DOM handles and promises have no place in Vue's proxies.
  const handles = new Map<string, ComposeHandle>();
  const seqs = new Map<string, number>();
  /** The set-up of each compose, so a caller can wait for it (see `attach`). */
  const attaching = new Map<string, Promise<void>>();
  /** Rendered + sanitized HTML per `${userId}:${signatureId}`, for the tab's life. */
  const renderedCache = new Map<string, Promise<string>>();
  let accountsLoad: Promise<EmailAccount[]> | null = null;
  let accountsLoadedAt = 0;
  let signaturesLoads = new Map<string, Promise<Signature[]>>();
  let pendingIntent: ComposeIntent | null = null;

  const accountById = (id: string | null) => accounts.value?.find((a) => a.id === id);
  const accountByAddress = (address: string | undefined) =>
    address ? accounts.value?.find((a) => lower(a.address) === lower(address)) : undefined;

  const defaultAccount = computed(
    () => accounts.value?.find((a) => a.myAccess?.isDefault) ?? accounts.value?.[0],
  );

  function nextSeq(composeId: string): number {
    const n = (seqs.get(composeId) ?? 0) + 1;
    seqs.set(composeId, n);
    return n;
  }
  const isCurrent = (composeId: string, seq: number) => seqs.get(composeId) === seq && handles.has(composeId);

  /**
   * The accounts, loaded again for a compose opened more than `accountsMaxAgeMs` after the last
   * load (an admin may have changed a default signature meanwhile); a failed load is retried by
   * the next compose. Composes opened in between share one load.
   */
  function loadAccounts(): Promise<EmailAccount[]> {
    if (accountsLoad && Date.now() - accountsLoadedAt > accountsMaxAgeMs) {
      accountsLoad = null;
      signaturesLoads = new Map();
    }
    accountsLoadedAt = accountsLoad ? accountsLoadedAt : Date.now();
    accountsLoad ??= send('accounts.mine').then(
      (list) => {
        accounts.value = list.filter((a) => a.active && a.myAccess !== null);
        return accounts.value;
      },
      (e: unknown) => {
        accountsLoad = null;
        throw e;
      },
    );
    return accountsLoad;
  }

  /** The account's signatures for the menu, once per page. */
  function loadSignatures(accountId: string): Promise<Signature[]> {
    let p = signaturesLoads.get(accountId);
    if (!p) {
      p = send('signatures.list', { accountId }).then(
        (list) => {
          const sorted = [...list].sort((a, b) => a.position - b.position);
          signaturesByAccount.value[accountId] = sorted;
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
    const key = `${userId.value ?? ''}:${signatureId}`;
    let p = renderedCache.get(key);
    if (!p) {
      p = send('signatures.rendered', { id: signatureId }).then(
        (r) => sanitizeHtml(r.html),
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
    const sig = accountById(accountId)?.myAccess?.defaultSignatureId;
    if (sig) renderedHtml(sig).catch(() => {});
  }

  /**
   * Put `signatureId` (or none) in the compose. `explicit` is a choice made in the menu: it
   * removes Gmail's own signature whatever the policy. Resolves once done or superseded.
   */
  async function putSignature(composeId: string, signatureId: string | null, explicit: boolean, seq: number): Promise<void> {
    const state = composes.value[composeId];
    const handle = handles.get(composeId);
    if (!state || !handle) return;
    if (signatureId === null) {
      handle.setSignature(null);
      state.signatureId = null;
      return;
    }
    if (!explicit && state.signatureId === null && handle.hasNativeSignature() && nativePolicy.value === 'keep') {
      state.nativeKept = true;
      return;
    }
    let html: string;
    try {
      html = await renderedHtml(signatureId);
    } catch (e) {
      if (!isCurrent(composeId, seq)) return;
      // Never leave the previous account's signature in place of the one that failed.
      handle.setSignature(null);
      state.signatureId = null;
      state.error = messageOf(e);
      return;
    }
    if (!isCurrent(composeId, seq)) return;
    if (handle.hasNativeSignature()) handle.removeNativeSignature();
    handle.setSignature({ id: signatureId, html });
    state.signatureId = signatureId;
    state.nativeKept = false;
    state.error = null;
  }

  /** The account to preselect for a compose that has just been found. */
  function initialAccount(handle: ComposeHandle, intent: ComposeIntent | null): EmailAccount | undefined {
    const explicit = intent?.accountId ? accountById(intent.accountId) : undefined;
    if (explicit) return explicit;
    const fromMatch = accountByAddress(handle.getFrom());
    if (handle.kind !== 'new') return fromMatch ?? defaultAccount.value;
    return defaultAccount.value ?? fromMatch;
  }

  /** Select the account's Gmail "From" alias when Gmail offers it and shows another one. */
  async function syncFrom(handle: ComposeHandle, account: EmailAccount): Promise<void> {
    const address = lower(account.address);
    if (!address || lower(handle.getFrom()) === address) return;
    if (!handle.listFromChoices().map(lower).includes(address)) return;
    await handle.setFrom(address);
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
    composes.value[handle.id] = {
      id: handle.id,
      kind: handle.kind,
      status: 'loading',
      accountId: null,
      signatureId: null,
      explicitNone: false,
      nativeKept: false,
      error: null,
      from: null,
    };
    const state = composes.value[handle.id]!;
    const seq = nextSeq(handle.id);
    try {
      // The session first (answered by the background from storage, no API call): signed out,
      // there is nothing to ask the API; signed in as someone else, nothing cached is theirs.
      const [session, policy] = await Promise.all([send('session.get'), getNativeSignaturePolicy()]);
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
        ? (accountById(useIntent?.accountId ?? null) ?? accountByAddress(handle.getFrom()) ?? defaultAccount.value)
        : initialAccount(handle, useIntent);
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
      state.error = messageOf(e);
    }
  }

  /** The user picked an account in our picker: select its "From" and swap the signature. */
  async function chooseAccount(composeId: string, accountId: string): Promise<void> {
    const state = composes.value[composeId];
    const handle = handles.get(composeId);
    const account = accountById(accountId);
    if (!state || !handle || !account || state.accountId === accountId) return;
    state.accountId = accountId;
    const seq = nextSeq(composeId);
    prefetch(accountId);
    try {
      await syncFrom(handle, account);
    } catch (e) {
      state.error = messageOf(e);
    }
    if (!isCurrent(composeId, seq)) return;
    state.from = lower(handle.getFrom()) ?? null;
    await swapForAccount(composeId, account, seq);
  }

  /** Gmail's own "From" changed: follow it when one of the user's accounts has that address. */
  async function fromChanged(composeId: string, address: string): Promise<void> {
    const state = composes.value[composeId];
    if (state) state.from = lower(address) ?? null;
    const account = accountByAddress(address);
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
    await setNativeSignaturePolicy(policy);
    const state = composeId ? composes.value[composeId] : undefined;
    if (!state || policy !== 'replace' || !state.nativeKept || state.signatureId) return;
    const account = accountById(state.accountId);
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
    accounts.value = null;
    accountsLoad = null;
    signaturesLoads = new Map();
    signaturesByAccount.value = {};
    renderedCache.clear();
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
  };
});
