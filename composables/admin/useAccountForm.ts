/**
 * The account form's state and the defaults it fills in as the admin types: ports follow
 * protocol and security, hosts follow the address's domain, the login follows the address, but
 * only while the field still holds what we would have suggested: once the admin types their own
 * value we never overwrite it. Comparing with the previous suggestion (instead of a "touched" flag)
 * makes the same rule work when editing an existing account.
 */
import { reactive, watch } from 'vue';
import type {
  CreateAccountRequest,
  EmailAccount,
  IncomingProtocol,
  Security,
  UpdateAccountRequest,
} from '@/contract';

export interface ServerForm {
  host: string;
  port: number | null;
  security: Security;
  username: string;
  /** Write-only: empty means "keep the stored one" when editing. */
  password: string;
}

export interface AccountForm {
  address: string;
  displayName: string;
  incoming: ServerForm & { protocol: IncomingProtocol };
  /** False when the account only receives (replies go out through the webmail itself). */
  hasOutgoing: boolean;
  /** Outgoing login and password copied from the incoming server (the usual case). */
  outgoingSameLogin: boolean;
  outgoing: ServerForm;
}

/** Ports per RFC 8314 (implicit TLS) and the historical plain/STARTTLS ports. */
export function defaultIncomingPort(protocol: IncomingProtocol, security: Security): number {
  if (protocol === 'imap') return security === 'tls' ? 993 : 143;
  return security === 'tls' ? 995 : 110;
}

/** 465 implicit TLS, 587 submission (STARTTLS, and also the plain case: port 25 is for relays). */
export function defaultSmtpPort(security: Security): number {
  return security === 'tls' ? 465 : 587;
}

/** `Name@Example.com` → `example.com`, or '' while the address has no domain yet. */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 0) return '';
  const domain = address.slice(at + 1).trim().toLowerCase();
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain) ? domain : '';
}

export function suggestedIncomingHost(protocol: IncomingProtocol, address: string): string {
  const d = domainOf(address);
  return d ? `${protocol === 'imap' ? 'imap' : 'pop'}.${d}` : '';
}

export function suggestedSmtpHost(address: string): string {
  const d = domainOf(address);
  return d ? `smtp.${d}` : '';
}

export function emptyAccountForm(): AccountForm {
  return {
    address: '',
    displayName: '',
    incoming: { protocol: 'imap', host: '', port: 993, security: 'tls', username: '', password: '' },
    hasOutgoing: true,
    outgoingSameLogin: true,
    outgoing: { host: '', port: 465, security: 'tls', username: '', password: '' },
  };
}

/** The form for an existing account; passwords start empty (they never come back from the API). */
export function accountToForm(account: EmailAccount): AccountForm {
  const form = emptyAccountForm();
  form.address = account.address;
  form.displayName = account.displayName;
  if (account.incoming) {
    const { protocol, host, port, security, username } = account.incoming;
    form.incoming = { protocol, host, port, security, username, password: '' };
  }
  form.hasOutgoing = account.outgoing !== null;
  if (account.outgoing) {
    const { host, port, security, username } = account.outgoing;
    form.outgoing = { host, port, security, username, password: '' };
    form.outgoingSameLogin = account.incoming !== null && username === account.incoming.username;
  }
  return form;
}

/** Snapshot of what drives the suggestions, to compare before and after a change. */
export interface DefaultsInput {
  address: string;
  protocol: IncomingProtocol;
  inSecurity: Security;
  outSecurity: Security;
}

export function defaultsInput(form: AccountForm): DefaultsInput {
  return {
    address: form.address,
    protocol: form.incoming.protocol,
    inSecurity: form.incoming.security,
    outSecurity: form.outgoing.security,
  };
}

/**
 * Moves every field that still holds the suggestion for `prev` (or is empty) to the suggestion
 * for the form's current values. Mutates `form`.
 */
export function applyDefaults(form: AccountForm, prev: DefaultsInput): void {
  const follow = <T>(current: T, oldSuggestion: T, next: T): T =>
    current === oldSuggestion || current === '' || current === null ? next : current;

  form.incoming.port = follow(
    form.incoming.port,
    defaultIncomingPort(prev.protocol, prev.inSecurity),
    defaultIncomingPort(form.incoming.protocol, form.incoming.security),
  );
  form.outgoing.port = follow(form.outgoing.port, defaultSmtpPort(prev.outSecurity), defaultSmtpPort(form.outgoing.security));
  form.incoming.host = follow(
    form.incoming.host,
    suggestedIncomingHost(prev.protocol, prev.address),
    suggestedIncomingHost(form.incoming.protocol, form.address),
  );
  form.outgoing.host = follow(form.outgoing.host, suggestedSmtpHost(prev.address), suggestedSmtpHost(form.address));
  form.incoming.username = follow(form.incoming.username, prev.address.trim(), form.address.trim());
  // The outgoing login follows the address too when it is entered separately.
  form.outgoing.username = follow(form.outgoing.username, prev.address.trim(), form.address.trim());
}

function server(s: ServerForm) {
  // An emptied number input gives '' or null: send 0 and let the API's field message explain.
  const port = Number(s.port) || 0;
  return { host: s.host.trim(), port, security: s.security, username: s.username.trim() };
}

function outgoingLogin(form: AccountForm): { username: string; password: string } {
  return form.outgoingSameLogin
    ? { username: form.incoming.username.trim(), password: form.incoming.password }
    : { username: form.outgoing.username.trim(), password: form.outgoing.password };
}

export function formToCreateRequest(form: AccountForm): CreateAccountRequest {
  return {
    address: form.address.trim(),
    displayName: form.displayName.trim(),
    incoming: { ...server(form.incoming), protocol: form.incoming.protocol, password: form.incoming.password },
    outgoing: form.hasOutgoing ? { ...server(form.outgoing), ...outgoingLogin(form) } : null,
  };
}

/** PATCH body: an empty password field is left out so the stored password is kept. */
export function formToUpdateRequest(form: AccountForm): UpdateAccountRequest {
  const withPassword = <T extends object>(base: T, password: string) => (password ? { ...base, password } : base);
  const login = outgoingLogin(form);
  return {
    address: form.address.trim(),
    displayName: form.displayName.trim(),
    incoming: withPassword({ ...server(form.incoming), protocol: form.incoming.protocol }, form.incoming.password),
    outgoing: form.hasOutgoing
      ? withPassword({ ...server(form.outgoing), username: login.username }, login.password)
      : null,
  };
}

/** Reactive form that keeps its suggestions up to date while the admin types. */
export function useAccountForm(account?: EmailAccount) {
  const form = reactive<AccountForm>(account ? accountToForm(account) : emptyAccountForm());
  watch(
    () => defaultsInput(form),
    (_next, prev) => applyDefaults(form, prev),
  );
  return { form };
}
