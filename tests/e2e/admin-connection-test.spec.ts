/**
 * "Test connection" end to end: the options page's account form pointed at a real IMAP server
 * (Dovecot) and a real SMTP server (smtp-server) on loopback; the demo API (which may reach
 * loopback) connects to both and every step shows ✓. Then a wrong password shows ✗ at the login.
 */
import { startDovecot, type Dovecot } from '../../server/test/helpers/dovecot';
import { startSmtp, type LocalSmtp } from '../../server/test/helpers/smtp';
import { expect, test } from './admin.fixtures';

const USER = 'sales@acme.example';
const PASSWORD = 'e2e-Pa55word';

let dovecot: Dovecot;
let smtp: LocalSmtp;
test.beforeAll(async () => {
  [dovecot, smtp] = await Promise.all([startDovecot([{ user: USER, password: PASSWORD }]), startSmtp({ user: USER, password: PASSWORD })]);
});
test.afterAll(async () => {
  await Promise.all([dovecot?.stop(), smtp?.stop()]);
});

test.describe.configure({ timeout: 90_000 });

test('the account form tests a local IMAP and SMTP server: every step passes', async ({ admin }) => {
  const { page } = admin;
  await page.getByTestId('account-add').click();
  const form = page.getByRole('dialog');
  await form.getByTestId('account-address').fill(USER);
  await form.getByTestId('incoming-host').fill('127.0.0.1');
  await form.getByTestId('incoming-security').selectOption('none');
  await form.getByTestId('incoming-port').fill(String(dovecot.imapPort));
  await form.getByTestId('incoming-password').fill(PASSWORD);
  await form.getByTestId('outgoing-host').fill('127.0.0.1');
  await form.getByTestId('outgoing-security').selectOption('none');
  await form.getByTestId('outgoing-port').fill(String(smtp.port));

  await form.getByTestId('connection-test-button').click();
  const incoming = form.getByTestId('connection-test-incoming');
  const outgoing = form.getByTestId('connection-test-outgoing');
  await expect(form.getByTestId('connection-test-incoming-summary')).toHaveText('Every step passed.');
  await expect(form.getByTestId('connection-test-outgoing-summary')).toHaveText('Every step passed.');
  for (const name of ['dns', 'tcp', 'login', 'inbox']) {
    await expect(incoming.getByTestId(`connection-step-incoming-${name}`)).toHaveAttribute('data-state', 'passed');
  }
  for (const name of ['dns', 'tcp', 'login']) {
    await expect(outgoing.getByTestId(`connection-step-outgoing-${name}`)).toHaveAttribute('data-state', 'passed');
  }
  // The port as typed, with no thousands separator.
  await expect(incoming.getByTestId('connection-step-incoming-tcp')).toContainText(`Port ${dovecot.imapPort} is open.`);
  await expect(incoming.getByTestId('connection-step-incoming-inbox')).toContainText('Inbox opened: 0 messages.');
  expect(smtp.logins).toEqual([{ username: USER, accepted: true }]);

  // A wrong password: ✗ at the login, with the reason, and the inbox not tried.
  await form.getByTestId('incoming-password').fill('wrong-password');
  await form.getByTestId('connection-test-button').click();
  const login = incoming.getByTestId('connection-step-incoming-login');
  await expect(login).toHaveAttribute('data-state', 'failed');
  await expect(login).toContainText('127.0.0.1 refused the login name or the password.');
  await expect(incoming.getByTestId('connection-step-incoming-inbox')).toHaveAttribute('data-state', 'skipped');
  expect(admin.consoleErrors).toEqual([]);
});
