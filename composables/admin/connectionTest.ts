/**
 * What the account form's "Test connection" sends and how its answer reads. The server reports
 * steps with codes; the texts come from the locales here, with ports and hosts passed as strings
 * so a port is never shown with a thousands separator ("37,005").
 */
import type {
  ConnectionStep,
  ConnectionStepName,
  DnsCheck,
  Security,
  TestConnectionRequest,
} from '@/contract';
import { t } from '@/utils/i18n';
import type { AccountForm } from './useAccountForm';
import '@/locales/mail-check';

/** The form's servers; an empty password means "the stored one" (the server decides if it may). */
export function formToTestRequest(form: AccountForm, accountId?: string): TestConnectionRequest {
  const withPassword = <T extends object>(base: T, password: string) => (password ? { ...base, password } : base);
  const server = (s: AccountForm['outgoing']) => ({ host: s.host.trim(), port: Number(s.port) || 0, security: s.security });
  const outUser = form.outgoingSameLogin ? form.incoming.username : form.outgoing.username;
  const outPassword = form.outgoingSameLogin ? form.incoming.password : form.outgoing.password;
  return {
    ...(accountId ? { accountId } : {}),
    incoming: withPassword(
      { ...server(form.incoming), protocol: form.incoming.protocol, username: form.incoming.username.trim() },
      form.incoming.password,
    ),
    outgoing: form.hasOutgoing ? withPassword({ ...server(form.outgoing), username: outUser.trim() }, outPassword) : null,
  };
}

/** The steps a test of this server runs, in order (for the list shown while it runs). */
export function plannedSteps(security: Security, incoming: boolean): ConnectionStepName[] {
  return [
    'dns',
    'tcp',
    ...(security === 'none' ? [] : (['tls'] as const)),
    'login',
    ...(incoming ? (['inbox'] as const) : []),
  ];
}

export interface ServerPlace {
  host: string;
  port: number;
}

const params = (server: ServerPlace, step: ConnectionStep) => ({
  host: server.host,
  // A string: numbers are formatted for reading (1,234), a port is an identifier.
  port: String(server.port),
  address: step.detail ?? '',
});

export const stepLabel = (step: ConnectionStepName): string => t(`mailCheck.step.${step}`);

/** What the admin reads for a step that ran: how it went, in their language. */
export function stepText(step: ConnectionStep, server: ServerPlace): string {
  const p = params(server, step);
  if (!step.ok) return step.code ? t(`mailCheck.failure.${step.code}`, p) : step.message;
  if (step.step === 'dns') return t(step.detail === server.host.replace(/^\[|\]$/g, '') ? 'mailCheck.ok.dnsLiteral' : 'mailCheck.ok.dns', p);
  if (step.step === 'inbox') return t('mailCheck.ok.inbox', { n: Number(step.detail ?? 0) });
  return t(`mailCheck.ok.${step.step}`, p);
}

export type DnsCheckName = 'spf' | 'dmarc' | 'mx' | 'dkim';

/** Problem and fix of one DNS check, in the UI language (the server's English when no code). */
export function dnsCheckTexts(name: DnsCheckName, check: DnsCheck, domain: string): { problem?: string; fix?: string } {
  if (!check.code) return {};
  const key = check.code === 'lookup_failed' ? 'mailCheck.dns.lookup_failed' : `mailCheck.dns.${name}.${check.code}`;
  return { problem: t(`${key}.problem`, { domain }), fix: t(`${key}.fix`, { domain }) };
}
