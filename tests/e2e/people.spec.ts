/**
 * People, end to end with the built extension against the real API: an admin adds a person in the
 * options page and reads the invitation code there; the person redeems it in their own browser
 * (a second profile), chooses a password, is signed in, edits their job title and sees it in
 * their signature's preview. And a one-time password forces the person to choose their own.
 */
import type { Page } from '@playwright/test';
import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expectAccessible } from './admin.fixtures';
import { DEMO_ADMIN } from './api-server';
import { chromiumPath, loadExtensionArgs, quietChromiumArgs } from './chromium-args';
import { expect, extensionDir, test } from './fixtures';

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function addPerson(page: Page, person: { first: string; last: string; email: string }, temporary = false) {
  const section = page.getByTestId('users-section');
  await expect(section.getByTestId('user-list')).toBeVisible();
  await section.getByTestId('user-add').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('user-firstName').fill(person.first);
  await dialog.getByTestId('user-lastName').fill(person.last);
  await dialog.getByTestId('user-email').fill(person.email);
  if (temporary) await dialog.getByTestId('user-temporary').check();
  await dialog.getByTestId('user-save').click();
  const notice = page.getByTestId('credentials');
  await expect(notice).toBeVisible();
  await expect(notice).toHaveAttribute('data-kind', temporary ? 'temporary' : 'invitation');
  if (!temporary) await expect(notice).toContainText('I have an invitation');
  const secret = (await notice.getByTestId('credentials-secret').innerText()).trim();
  await expectAccessible(page);
  await page.getByTestId('credentials-done').click();
  const row = page.locator(`[data-testid="user-row"][data-email="${person.email}"]`);
  // Invited until they first sign in, either way; a one-time password also says it must be changed.
  await expect(row.getByTestId('user-status')).toHaveText(/Invited/);
  await expect(row.getByTestId('user-must-change')).toHaveCount(temporary ? 1 : 0);
  return secret;
}

test('an invited person redeems the code in their own browser, edits their title and sees it in their signature', async ({ signIn, api }) => {
  const admin = await signIn(DEMO_ADMIN);
  const email = `jeanne.${unique()}@demo.test`;
  const code = await addPerson(admin, { first: 'Jeanne', last: 'Dupré', email });
  expect(code.length).toBeGreaterThan(20);

  // A mailbox and a signature for her, printing her title.
  const adminToken = await api.loginToken(DEMO_ADMIN);
  const account = await api.createAccount();
  const userId = await api.admin.userId(email);
  const signature = await api.admin.request<{ id: string }>('POST', `/api/email-accounts/${account.id}/signatures`, adminToken, {
    name: 'Main',
    html: '<p>{{user.fullName}} · {{user.jobTitle}}</p>',
  });
  await api.admin.request('PUT', `/api/email-accounts/${account.id}/access/${userId}`, adminToken, { isDefault: true, defaultSignatureId: signature.id });

  // Her own browser: a fresh profile with the extension, never signed in.
  const profile = mkdtempSync(path.join(tmpdir(), 'mailroom-profile-'));
  const hers = await chromium.launchPersistentContext(profile, {
    headless: true,
    executablePath: chromiumPath(),
    args: [...quietChromiumArgs, '--lang=en-US', ...loadExtensionArgs(extensionDir)],
  });
  try {
    await hers.route(/^https?:\/\//, (route) => {
      const { hostname } = new URL(route.request().url());
      return hostname === '127.0.0.1' || hostname === 'localhost' ? route.fallback() : route.abort('blockedbyclient');
    });
    const worker = hers.serviceWorkers()[0] ?? (await hers.waitForEvent('serviceworker'));
    const page = await hers.newPage();
    await page.goto(`chrome-extension://${new URL(worker.url()).host}/options.html`);
    await page.getByTestId('invitation-open').click();
    const invite = page.getByTestId('invitation-page');
    await invite.getByLabel('Server URL').fill(api.url);
    await invite.getByTestId('invite-code').fill(code);
    await invite.getByTestId('invite-check').click();
    await expect(page.getByTestId('invite-for')).toContainText(`Jeanne Dupré (${email})`);
    await expectAccessible(page);

    // Too short, then two different ones: said so, nothing sent.
    await page.getByTestId('invite-password').fill('short');
    await page.getByTestId('invite-accept').click();
    await expect(invite).toContainText('at least 8 characters');
    await page.getByTestId('invite-password').fill('jeanne password');
    await page.getByTestId('invite-password-again').fill('jeanne passw0rd');
    await page.getByTestId('invite-accept').click();
    await expect(invite).toContainText('not the same');
    await page.getByTestId('invite-password-again').fill('jeanne password');
    await page.getByTestId('invite-accept').click();
    await expect(page.getByTestId('session-summary')).toContainText(email);

    // Her profile: the title goes straight into her signature's preview.
    const frame = page.frameLocator('[data-testid="signature-preview-frame"]');
    await expect(frame.locator('body')).toContainText('Jeanne Dupré');
    await page.getByTestId('profile-jobTitle').fill('Head of Sales');
    await page.getByTestId('profile-save').click();
    await expect(page.getByTestId('profile-notice')).toHaveText('Your profile is saved.');
    await expect(frame.locator('body')).toContainText('Jeanne Dupré · Head of Sales');

    // The code is single-use: redeeming it again says so.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByTestId('invitation-open').click();
    await page.getByTestId('invite-code').fill(`chrome-extension://x/options.html#invite=${code}`);
    await page.getByTestId('invite-check').click();
    await expect(page.getByRole('alert').first()).toHaveText('This invitation has already been used. Sign in with your email and password.');
  } finally {
    await hers.close();
    rmSync(profile, { recursive: true, force: true });
  }

  // The admin's list shows her active now, with her mailbox.
  await admin.reload();
  const row = admin.locator(`[data-testid="user-row"][data-email="${email}"]`);
  await expect(row.getByTestId('user-status')).toHaveText(/Active/);
  await expect(row.getByTestId('user-mailboxes')).toContainText(account.address);
  await expectAccessible(admin);
});

test('a one-time password signs in to "Choose your password" only; the popup points there', async ({ signIn, openPopup, api }) => {
  const admin = await signIn(DEMO_ADMIN);
  const email = `paul.${unique()}@demo.test`;
  const temporary = await addPerson(admin, { first: 'Paul', last: 'Martin', email }, true);
  expect(temporary).toMatch(/^\w{4}-\w{4}-\w{4}-\w{4}$/);
  await admin.getByRole('button', { name: 'Sign out' }).click();

  await admin.locator('input[name=serverUrl]').fill(api.url);
  await admin.locator('input[name=email]').fill(email);
  await admin.locator('input[name=password]').fill(temporary);
  await admin.locator('form button[type=submit]').click();
  const choose = admin.getByTestId('choose-password');
  await expect(choose).toBeVisible();
  await expectAccessible(admin);
  await expect(admin.getByTestId('session-summary')).toHaveCount(0);
  await expect(admin.getByTestId('profile')).toHaveCount(0);

  const popup = await openPopup();
  await expect(popup.locator('main')).toHaveAttribute('data-screen', 'choose-password');
  await expect(popup.getByRole('button', { name: 'Choose my password' })).toBeVisible();

  await choose.getByTestId('password-current').fill(temporary);
  await choose.getByTestId('password-new').fill('paul own password');
  await choose.getByTestId('password-again').fill('paul own password');
  await choose.getByTestId('password-save').click();
  await expect(admin.getByTestId('session-summary')).toContainText(email);
  await expect(admin.getByTestId('profile')).toBeVisible();
  // The popup follows the session: the accounts screen now.
  await expect(popup.locator('main')).toHaveAttribute('data-screen', 'signed-in');

  // The one-time password no longer works; the new one does.
  const refused = await fetch(`${api.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: temporary }),
  });
  expect(refused.status).toBe(401);
  expect(await api.loginToken(email, 'paul own password')).toBeTruthy();
});
