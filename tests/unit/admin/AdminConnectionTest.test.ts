/**
 * The account form's "Test connection": what it sends (saved passwords left out when editing),
 * the steps it shows while waiting and after the answer (✓/✗ with the locale's text, in English
 * and French), ports written as typed (never "37,005"), and a missing password under its field.
 */
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import AdminAccountForm from '@/components/admin/AdminAccountForm.vue';
import AdminAccountDetails from '@/components/admin/AdminAccountDetails.vue';
import type { ConnectionStep, Deliverability, EmailAccount, TestConnectionResponse } from '@/contract';
import { locale } from '@/utils/i18n';
import { useAdminMount } from './adminMount';
import { apiError, callsOf, makeAccount, on } from './mockApi';

vi.mock('@/messaging/client', () => import('./mockApi'));

const mountAdmin = useAdminMount();
const mountForm = (account?: EmailAccount) => mountAdmin(AdminAccountForm, account ? { account } : {});
const input = (w: VueWrapper, id: string) => w.get<HTMLInputElement>(`[data-testid="${id}"]`);
const step = (w: VueWrapper, side: string, name: string) => w.get(`[data-testid="connection-step-${side}-${name}"]`);

const ok = (s: ConnectionStep['step'], detail?: string): ConnectionStep => ({ step: s, ok: true, message: 'ok', ...(detail ? { detail } : {}) });
const allPassed: TestConnectionResponse = {
  incoming: { ok: true, steps: [ok('dns', '192.0.2.10'), ok('tcp'), ok('tls'), ok('login'), ok('inbox', '1234')] },
  outgoing: { ok: true, steps: [ok('dns', '192.0.2.11'), ok('tcp'), ok('tls'), ok('login')] },
};

async function fillNewAccount(w: VueWrapper) {
  await input(w, 'account-address').setValue('contact@acme.fr');
  await input(w, 'incoming-port').setValue('37005');
  await input(w, 'incoming-password').setValue('pw');
}

describe('AdminConnectionTest in the account form', () => {
  it('sends the servers as typed, lists the steps while waiting, then ✓ each with its text', async () => {
    const w = mountForm();
    await fillNewAccount(w);
    let answer!: (r: TestConnectionResponse) => void;
    on('admin.accounts.testConnection', () => new Promise((resolve) => (answer = resolve)));
    await w.get('[data-testid="connection-test-button"]').trigger('click');
    await flushPromises();

    expect(callsOf('admin.accounts.testConnection')[0]).toEqual({
      incoming: { protocol: 'imap', host: 'imap.acme.fr', port: 37005, security: 'tls', username: 'contact@acme.fr', password: 'pw' },
      outgoing: { host: 'smtp.acme.fr', port: 465, security: 'tls', username: 'contact@acme.fr', password: 'pw' },
    });
    expect(w.get('[data-testid="connection-test-button"]').attributes('disabled')).toBeDefined();
    expect(w.findAll('[data-testid^="connection-step-incoming-"]').map((li) => li.attributes('data-state'))).toEqual(Array(5).fill('pending'));
    expect(w.findAll('[data-testid^="connection-step-outgoing-"]')).toHaveLength(4);

    answer(allPassed);
    await flushPromises();
    expect(w.findAll('[data-testid^="connection-step-"]').every((li) => li.attributes('data-state') === 'passed')).toBe(true);
    expect(step(w, 'incoming', 'dns').text()).toContain('✓');
    expect(step(w, 'incoming', 'dns').text()).toContain('imap.acme.fr found (192.0.2.10).');
    // The port as typed: a port is no quantity to group by thousands.
    expect(step(w, 'incoming', 'tcp').text()).toContain('Port 37005 is open.');
    // A count is: grouped as the language writes numbers.
    expect(step(w, 'incoming', 'inbox').text()).toContain('Inbox opened: 1,234 messages.');
    expect(w.get('[data-testid="connection-test-incoming-summary"]').text()).toBe('Every step passed.');
  });

  it('shows the failing step with its reason, in French, and the steps that did not run', async () => {
    locale.value = 'fr';
    const w = mountForm();
    await fillNewAccount(w);
    on('admin.accounts.testConnection', () => ({
      incoming: {
        ok: false,
        steps: [ok('dns', '192.0.2.10'), ok('tcp'), { step: 'tls', ok: false, message: 'The certificate of imap.acme.fr is self-signed.', code: 'cert_self_signed' }],
      },
      outgoing: { ok: false, steps: [ok('dns', '192.0.2.11'), { step: 'tcp', ok: false, message: 'refused', code: 'refused' }] },
    }));
    await w.get('[data-testid="connection-test-button"]').trigger('click');
    await flushPromises();
    const tls = step(w, 'incoming', 'tls');
    expect(tls.attributes('data-state')).toBe('failed');
    expect(tls.text()).toContain('✗');
    expect(tls.text()).toContain('Le certificat de imap.acme.fr est auto-signé');
    expect(step(w, 'incoming', 'login').attributes('data-state')).toBe('skipped');
    expect(step(w, 'incoming', 'login').text()).toContain('Non testé');
    expect(step(w, 'outgoing', 'tcp').text()).toContain('a refusé la connexion sur le port 465');
    expect(w.get('[data-testid="connection-test-incoming-summary"]').text()).toBe('Arrêt à l’étape\u00a0: Chiffrement');
  });

  it('editing: an empty password tests with the saved one (left out, with the account id)', async () => {
    const account = makeAccount({ address: 'ops@acme.fr' });
    const w = mountForm(account);
    on('admin.accounts.testConnection', () => allPassed);
    await w.get('[data-testid="connection-test-button"]').trigger('click');
    await flushPromises();
    const sent = callsOf('admin.accounts.testConnection')[0]!;
    expect(sent.accountId).toBe(account.id);
    expect(sent.incoming).not.toHaveProperty('password');
    expect(sent.outgoing).not.toHaveProperty('password');
    expect(w.text()).toContain('An empty password field tests with the saved password.');
  });

  it('a password the server wants is asked for under the password field', async () => {
    const w = mountForm();
    await input(w, 'account-address').setValue('contact@acme.fr');
    on('admin.accounts.testConnection', () => {
      throw apiError('validation_failed', 'Enter the password.', { status: 422, fields: { 'incoming.password': 'Enter the password.', 'outgoing.password': 'Enter the password.' } });
    });
    await w.get('[data-testid="connection-test-button"]').trigger('click');
    await flushPromises();
    const password = input(w, 'incoming-password');
    expect(password.attributes('aria-invalid')).toBe('true');
    expect(document.getElementById(password.attributes('aria-describedby')!)?.textContent).toContain('Enter the password.');
    expect(w.find('[data-testid^="connection-step-"]').exists()).toBe(false);
  });
});

describe('AdminDeliverability in the account details', () => {
  it('checks the domain once, when the details first show, with what to fix', async () => {
    const account = makeAccount({ address: 'sales@acme.fr' });
    const answer: Deliverability = {
      domain: 'acme.fr',
      spf: { ok: true, found: true, records: ['v=spf1 -all'] },
      dmarc: { ok: false, found: false, code: 'missing', problem: 'x', fix: 'y', records: [] },
      mx: { ok: true, found: true, records: ['10 mx.acme.fr'] },
      dkim: { ok: true, found: true, records: ['google: v=DKIM1'], selectors: ['google'] },
    };
    on('admin.accounts.deliverability', () => answer);
    const w = mountAdmin(AdminAccountDetails, { account });
    expect(callsOf('admin.accounts.deliverability')).toEqual([]);
    await w.get('[data-testid="account-details-button"]').trigger('click');
    await flushPromises();
    expect(callsOf('admin.accounts.deliverability')).toEqual([{ accountId: account.id }]);
    expect(w.get('[data-testid="deliverability-spf"]').attributes('data-ok')).toBe('true');
    const dmarc = w.get('[data-testid="deliverability-dmarc"]');
    expect(dmarc.attributes('data-ok')).toBe('false');
    expect(dmarc.text()).toContain('acme.fr has no DMARC record');
    expect(dmarc.text()).toContain('_dmarc.acme.fr');
    expect(w.get('[data-testid="deliverability-dkim"]').text()).toContain('Selector: google');
    // Closing and opening again reads the kept answer.
    await w.get('[data-testid="account-details-button"]').trigger('click');
    await w.get('[data-testid="account-details-button"]').trigger('click');
    await flushPromises();
    expect(callsOf('admin.accounts.deliverability')).toHaveLength(1);
  });
});
