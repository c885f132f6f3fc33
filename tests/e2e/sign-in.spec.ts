import { DEMO_MEMBER } from './api-server';
import { deadUrl } from './proxy';
import { expect, test } from './fixtures';

test('sign in through the options page, see who is signed in, sign out', async ({ signIn, api }) => {
  const page = await signIn(DEMO_MEMBER);
  const summary = page.getByTestId('session-summary');
  await expect(summary).toContainText('alice@demo.test');
  await expect(summary).toContainText(api.url);
  // A member gets no admin console.
  await expect(page.getByTestId('admin-console')).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});

test('the admin gets the admin console on the options page', async ({ signIn }) => {
  const page = await signIn('admin@demo.test');
  await expect(page.getByTestId('admin-console')).toBeAttached();
});

test('a wrong password says so and stays signed out', async ({ openOptions, api }) => {
  const page = await openOptions();
  await page.getByLabel('Server URL').fill(api.url);
  await page.getByLabel('Email').fill(DEMO_MEMBER);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong email or password.');
  await expect(page.getByTestId('session-summary')).toHaveCount(0);
});

test('a server that is down gets a clear message, and the page keeps working', async ({ openOptions, api }) => {
  const page = await openOptions();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const url = await deadUrl();
  await page.getByLabel('Server URL').fill(url);
  await page.getByLabel('Email').fill(DEMO_MEMBER);
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText(`Cannot reach the Mailroom server at ${url}.`);
  // Same form, right server: it works.
  await page.getByLabel('Server URL').fill(api.url);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('session-summary')).toContainText('alice@demo.test');
  expect(errors).toEqual([]);
});

test('a session ended on the server signs the extension out with a message', async ({ signIn, openPopup, context, api }) => {
  await signIn(DEMO_MEMBER);
  // End the extension's own session on the server, as an expiry or an admin would.
  const worker = context.serviceWorkers()[0]!;
  const token = await worker.evaluate(async () => {
    const c = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, { token: string }>> } } } }).chrome;
    return (await c.storage.local.get('auth')).auth!.token;
  });
  await api.admin.request('POST', '/api/auth/logout', token);
  const popup = await openPopup();
  await expect(popup.getByRole('alert')).toHaveText('Your session has expired: sign in again.');
  await expect(popup.getByRole('button', { name: 'Open Mailroom settings' })).toBeVisible();
});
