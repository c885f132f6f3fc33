import { nextTick } from 'vue';
import {
  accountToForm,
  applyDefaults,
  defaultIncomingPort,
  defaultSmtpPort,
  defaultsInput,
  emptyAccountForm,
  formToCreateRequest,
  formToUpdateRequest,
  useAccountForm,
} from '@/composables/admin/useAccountForm';
import { createAccountRequestSchema, updateAccountRequestSchema } from '@/contract';
import { makeAccount } from './mockApi';

describe('default ports', () => {
  it.each([
    ['imap', 'tls', 993],
    ['imap', 'starttls', 143],
    ['imap', 'none', 143],
    ['pop3', 'tls', 995],
    ['pop3', 'starttls', 110],
    ['pop3', 'none', 110],
  ] as const)('%s over %s → %i', (protocol, security, port) => {
    expect(defaultIncomingPort(protocol, security)).toBe(port);
  });
  it.each([
    ['tls', 465],
    ['starttls', 587],
    ['none', 587],
  ] as const)('SMTP over %s → %i', (security, port) => {
    expect(defaultSmtpPort(security)).toBe(port);
  });
});

describe('suggestions while typing', () => {
  it('fills hosts and logins from the address, and follows further typing', async () => {
    const { form } = useAccountForm();
    form.address = 'sales@acme.fr';
    await nextTick();
    expect(form.incoming.host).toBe('imap.acme.fr');
    expect(form.outgoing.host).toBe('smtp.acme.fr');
    expect(form.incoming.username).toBe('sales@acme.fr');
    form.address = 'sales@acme.com';
    await nextTick();
    expect(form.incoming.host).toBe('imap.acme.com');
    expect(form.incoming.username).toBe('sales@acme.com');
  });

  it('never overwrites what the admin typed', async () => {
    const { form } = useAccountForm();
    form.address = 'sales@acme.fr';
    await nextTick();
    form.incoming.host = 'mail.ovh.net';
    form.incoming.username = 'sales';
    form.incoming.port = 10993;
    form.address = 'support@acme.fr';
    form.incoming.security = 'starttls';
    await nextTick();
    expect(form.incoming.host).toBe('mail.ovh.net');
    expect(form.incoming.username).toBe('sales');
    expect(form.incoming.port).toBe(10993);
    // The SMTP host was not touched, so it still follows.
    expect(form.outgoing.host).toBe('smtp.acme.fr');
  });

  it('moves the port with protocol and security, and the host prefix with the protocol', () => {
    const form = emptyAccountForm();
    form.address = 'a@b.io';
    applyDefaults(form, { ...defaultsInput(form), address: '' });
    expect(form.incoming.host).toBe('imap.b.io');

    let prev = defaultsInput(form);
    form.incoming.protocol = 'pop3';
    applyDefaults(form, prev);
    expect(form.incoming.port).toBe(995);
    expect(form.incoming.host).toBe('pop.b.io');

    prev = defaultsInput(form);
    form.incoming.security = 'none';
    form.outgoing.security = 'starttls';
    applyDefaults(form, prev);
    expect(form.incoming.port).toBe(110);
    expect(form.outgoing.port).toBe(587);
  });

  it('keeps an edited account’s custom values when security changes', async () => {
    const account = makeAccount({
      incoming: { protocol: 'imap', host: 'mx.corp.net', port: 1993, security: 'tls', username: 'ops', hasPassword: true },
    });
    const { form } = useAccountForm(account);
    form.incoming.security = 'starttls';
    await nextTick();
    expect(form.incoming.port).toBe(1993);
    expect(form.incoming.host).toBe('mx.corp.net');
  });
});

describe('requests built from the form', () => {
  it('a create request passes the contract, sharing the login with SMTP by default', () => {
    const form = emptyAccountForm();
    form.address = 'Sales@Acme.fr';
    applyDefaults(form, { ...defaultsInput(form), address: '' });
    form.incoming.password = 's3cret';
    const req = formToCreateRequest(form);
    const parsed = createAccountRequestSchema.parse(req);
    expect(parsed.outgoing).toMatchObject({ host: 'smtp.acme.fr', port: 465, username: 'Sales@Acme.fr', password: 's3cret' });
    expect(parsed.incoming).toMatchObject({ host: 'imap.acme.fr', port: 993, protocol: 'imap' });
  });

  it('no outgoing server → null', () => {
    const form = emptyAccountForm();
    form.hasOutgoing = false;
    expect(formToCreateRequest(form).outgoing).toBeNull();
  });

  it('an edit never sends a password the admin did not type, and never shows the stored one', () => {
    const account = makeAccount();
    const form = accountToForm(account);
    expect(form.incoming.password).toBe('');
    expect(form.outgoing.password).toBe('');
    const patch = formToUpdateRequest(form);
    expect(patch.incoming).not.toHaveProperty('password');
    expect(patch.outgoing).not.toHaveProperty('password');
    expect(updateAccountRequestSchema.safeParse(patch).success).toBe(true);

    form.incoming.password = 'new-one';
    const changed = formToUpdateRequest(form);
    expect(changed.incoming).toHaveProperty('password', 'new-one');
    // Same login on both servers: the new password goes to SMTP too.
    expect(changed.outgoing).toHaveProperty('password', 'new-one');
  });

  it('a separate SMTP login is sent as typed', () => {
    const form = emptyAccountForm();
    form.outgoingSameLogin = false;
    form.outgoing.username = 'relay-user';
    form.outgoing.password = 'relay-pass';
    form.incoming.password = 'imap-pass';
    expect(formToCreateRequest(form).outgoing).toMatchObject({ username: 'relay-user', password: 'relay-pass' });
  });

  it('an emptied port is sent as 0 so the API names the field', () => {
    const form = emptyAccountForm();
    form.incoming.port = null;
    expect(formToCreateRequest(form).incoming.port).toBe(0);
  });
});
