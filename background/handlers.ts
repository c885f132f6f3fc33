/**
 * One handler per protocol message (the mapped type makes a missing one a compile error). Most are
 * thin pass-throughs to the API so the feature engineers only build UI.
 */
import type { Browser } from 'wxt/browser';
import type { MessageName, RequestOf, ResponseOf } from '@/messaging/protocol';
import type { Session } from './session';
import { ApiError } from '@/api/errors';
import { injectPageScript } from './inject-page-script';
import { getNativeSignaturePolicy, setNativeSignaturePolicy } from '@/utils/signature-prefs';
import { openSidePanel } from './side-panel';
import { activeTabState, reportTab } from './tabs';
import { createFilingBackground } from '@/background/filing-handlers';
import { forwardOpenTo } from '@/background/forward-open-to';
import { createPeopleHandlers } from '@/background/people-handlers';
import { createRecordsHandlers } from '@/background/records-handlers';
import { createInboxHandlers } from '@/background/inbox-handlers';

export type Handler<N extends MessageName> = (
  req: RequestOf<N>,
  sender: Browser.runtime.MessageSender,
) => Promise<ResponseOf<N>>;
export type Handlers = { [N in MessageName]: Handler<N> };

export function createHandlers(session: Session): Handlers {
  const api = () => session.api();
  // Filing queue (persisted before any network call), presence, attachment uploads.
  const filing = createFilingBackground(session);
  return {
    ...filing.handlers,
    ...createPeopleHandlers(session),
    ...createRecordsHandlers(session),
    ...createInboxHandlers(session),
    'session.get': () => session.get(),
    'prefs.nativeSignature.get': () => getNativeSignaturePolicy(),
    'prefs.nativeSignature.set': async ({ policy }) => {
      // Anything but a known choice (a message from an older UI, say) is refused, never stored.
      if (policy !== 'keep' && policy !== 'replace') throw new ApiError({ code: 'validation_failed', message: `"${String(policy)}" is not a signature choice.` });
      await setNativeSignaturePolicy(policy);
    },
    'session.signIn': (req) => session.signIn(req),
    'session.signOut': () => session.signOut(),

    'accounts.mine': async () => (await api()).myAccounts(),
    'accounts.patchMine': async ({ accountId, patch }) => {
      const a = await api();
      await a.patchMyAccount(accountId, patch);
      return a.myAccounts();
    },

    'admin.accounts.list': async () => (await api()).listAccounts(),
    'admin.accounts.create': async (req) => (await api()).createAccount(req),
    'admin.accounts.update': async ({ id, patch }) => (await api()).updateAccount(id, patch),
    'admin.accounts.delete': async ({ id }) => (await api()).deleteAccount(id),
    'admin.accounts.testConnection': async (req) => (await api()).testConnection(req),
    'admin.accounts.deliverability': async ({ accountId, selector }) => (await api()).deliverability(accountId, selector),
    'admin.access.list': async ({ accountId }) => (await api()).listAccess(accountId),
    'admin.access.put': async ({ accountId, userId, access }) => (await api()).putAccess(accountId, userId, access),
    'admin.access.delete': async ({ accountId, userId }) => (await api()).deleteAccess(accountId, userId),
    'admin.users.search': async ({ q }) => (await api()).searchUsers(q),

    'signatures.list': async ({ accountId }) => (await api()).listSignatures(accountId),
    'signatures.create': async ({ accountId, signature }) => (await api()).createSignature(accountId, signature),
    'signatures.update': async ({ id, patch }) => (await api()).updateSignature(id, patch),
    'signatures.delete': async ({ id }) => (await api()).deleteSignature(id),
    'signatures.rendered': async ({ id }) => (await api()).renderedSignature(id),
    'signatures.preview': async (req) => (await api()).previewSignature(req),

    'records.search': async (req) => (await api()).searchRecords(req),
    'records.suggest': async ({ emails, messageKeys }) => (await api()).suggestRecords(emails, messageKeys),
    'records.create': async (req) => (await api()).createRecord(req),
    'records.get': async ({ id }) => (await api()).getRecord(id),
    'records.lookup': async (req) => (await api()).lookupRecords(req),
    'records.messages': async ({ id, limit }) => (await api()).recordMessages(id, limit),

    'filings.get': async ({ messageId }) => (await api()).filingState(messageId),
    'filings.lookup': async ({ messageIds }) => (await api()).filingStates(messageIds),
    // 'filings.file' and 'filings.unfile' go through the filing background: see `...filing.handlers`.

    'tab.report': (req, sender) => reportTab(sender, req),
    'tab.active': () => activeTabState(),
    // Not async: the side panel must be opened before the click's user gesture expires.
    'ui.openSidePanel': (_req, sender) => openSidePanel(sender),
    'page.inject': ({ script, locale }, sender) => injectPageScript(script, sender, locale),
    // "Write to": forwarded to the webmail tab the side panel follows.
    'compose.openTo': (req) => forwardOpenTo(req, activeTabState),
  };
}
