import { flushPromises, type VueWrapper } from '@vue/test-utils';
import AdminAccountForm from '@/components/admin/AdminAccountForm.vue';
import type { CreateAccountRequest, EmailAccount } from '@/contract';
import { locale } from '@/utils/i18n';
import { useAdminMount } from './adminMount';
import { apiError, callsOf, makeAccount, on } from './mockApi';

vi.mock('@/messaging/client', () => import('./mockApi'));

const mountAdmin = useAdminMount();
const mountForm = (account?: EmailAccount) => mountAdmin(AdminAccountForm, account ? { account } : {});
const input = (w: VueWrapper, id: string) => w.get<HTMLInputElement>(`[data-testid="${id}"]`);

describe('AdminAccountForm', () => {
  it('suggests servers, ports and login from the address, then sends a valid request', async () => {
    const w = mountForm();
    await flushPromises();
    // The address field has the focus when the dialog opens.
    expect(document.activeElement).toBe(input(w, 'account-address').element);
    await input(w, 'account-address').setValue('contact@acme.fr');
    expect(input(w, 'incoming-host').element.value).toBe('imap.acme.fr');
    expect(input(w, 'incoming-port').element.value).toBe('993');
    expect(input(w, 'incoming-username').element.value).toBe('contact@acme.fr');
    expect(input(w, 'outgoing-host').element.value).toBe('smtp.acme.fr');
    await w.get('[data-testid="incoming-protocol"]').setValue('pop3');
    expect(input(w, 'incoming-port').element.value).toBe('995');
    expect(input(w, 'incoming-host').element.value).toBe('pop.acme.fr');
    await w.get('[data-testid="outgoing-security"]').setValue('starttls');
    expect(input(w, 'outgoing-port').element.value).toBe('587');
    await input(w, 'incoming-password').setValue('pw');

    on('admin.accounts.create', (req) => makeAccount({ address: req.address }));
    await w.get('form').trigger('submit');
    await flushPromises();
    const sent = callsOf('admin.accounts.create')[0] as CreateAccountRequest;
    expect(sent.incoming).toEqual({ protocol: 'pop3', host: 'pop.acme.fr', port: 995, security: 'tls', username: 'contact@acme.fr', password: 'pw' });
    expect(sent.outgoing).toEqual({ host: 'smtp.acme.fr', port: 587, security: 'starttls', username: 'contact@acme.fr', password: 'pw' });
    expect(w.emitted('saved')).toHaveLength(1);
  });

  it('shows the API’s field errors under the right fields', async () => {
    const w = mountForm();
    on('admin.accounts.create', () => {
      throw apiError('validation_failed', 'Check the fields.', {
        status: 400,
        fields: { 'incoming.port': 'A port is between 1 and 65535.', address: 'Enter a valid email address, like name@example.com.' },
      });
    });
    await w.get('form').trigger('submit');
    await flushPromises();
    const port = input(w, 'incoming-port');
    expect(port.attributes('aria-invalid')).toBe('true');
    const portMsg = document.getElementById(port.attributes('aria-describedby')!);
    expect(portMsg?.textContent).toContain('between 1 and 65535');
    expect(input(w, 'account-address').attributes('aria-invalid')).toBe('true');
    expect(input(w, 'outgoing-port').attributes('aria-invalid')).toBeUndefined();
    expect(w.get('[data-testid="account-form-error"]').text()).toContain('need attention');
    expect(w.emitted('saved')).toBeUndefined();
  });

  it('clears a field’s message as soon as its value changes, and the form’s once none is left', async () => {
    const w = mountForm();
    on('admin.accounts.create', () => {
      throw apiError('validation_failed', 'Check the fields.', {
        status: 400,
        fields: { 'incoming.port': 'A port is between 1 and 65535.', 'incoming.password': 'Enter the password.' },
      });
    });
    await w.get('form').trigger('submit');
    await flushPromises();
    const port = input(w, 'incoming-port');
    expect(port.attributes('aria-invalid')).toBe('true');
    await port.setValue('143');
    expect(port.attributes('aria-invalid')).toBeUndefined();
    expect(port.attributes('aria-describedby')).toBeUndefined();
    // The other field was not corrected: its message and the form's stay.
    expect(input(w, 'incoming-password').attributes('aria-invalid')).toBe('true');
    expect(w.get('[data-testid="account-form-error"]').text()).toContain('need attention');
    await input(w, 'incoming-password').setValue('pw');
    expect(input(w, 'incoming-password').attributes('aria-invalid')).toBeUndefined();
    expect(w.get('[data-testid="account-form-error"]').text()).toBe('');
    expect(callsOf('admin.accounts.create')).toHaveLength(1);
  });

  it('translates field errors in French', async () => {
    locale.value = 'fr';
    const w = mountForm();
    on('admin.accounts.create', () => {
      throw apiError('validation_failed', 'Check the fields.', { fields: { 'incoming.host': 'Enter the server name, like imap.example.com.' } });
    });
    await w.get('form').trigger('submit');
    await flushPromises();
    const host = input(w, 'incoming-host');
    expect(document.getElementById(host.attributes('aria-describedby')!)?.textContent).toContain('Saisissez le nom du serveur');
  });

  it('edits without showing or resending the password', async () => {
    const account = makeAccount({ address: 'ops@acme.fr' });
    const w = mountForm(account);
    expect(input(w, 'incoming-password').element.value).toBe('');
    expect(w.text()).toContain('Change password');
    await input(w, 'account-display-name').setValue('Operations');
    on('admin.accounts.update', ({ patch }) => ({ ...account, displayName: patch.displayName ?? '' }));
    await w.get('form').trigger('submit');
    await flushPromises();
    const { id, patch } = callsOf('admin.accounts.update')[0]!;
    expect(id).toBe(account.id);
    expect(patch.displayName).toBe('Operations');
    expect(patch.incoming).not.toHaveProperty('password');
  });

  it('closes on Escape', async () => {
    const w = mountForm();
    await flushPromises();
    input(w, 'account-address').element.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(w.emitted('close')).toHaveLength(1);
  });
});
