import path from 'node:path';
import { DEMO_MEMBER } from './api-server';
import { expect, ownFixtures, test } from './fixtures';

const gmailInbox = path.join(ownFixtures, 'webmail/inboxsdk/__tests__/injected-thread-identifier.html');
const outlookPage = path.join(ownFixtures, 'outlook/2026-11-27-reading-pane.html');

test('Gmail: the Mailroom control appears in the page and knows I am signed in', async ({ signIn, webmail, context }) => {
  await signIn(DEMO_MEMBER);
  await webmail.serve('https://mail.google.com', gmailInbox);
  const page = await context.newPage();
  await page.goto('https://mail.google.com/mail/u/0/#inbox');
  const control = page.getByRole('button', { name: 'Open the Mailroom side panel' });
  await expect(control).toBeVisible();
  await expect(control).toHaveAttribute('data-state', 'signed-in');
  await expect(control).toHaveAttribute('title', 'Signed in as alice@demo.test');
});

for (const host of ['outlook.office.com', 'outlook.office365.com', 'outlook.live.com']) {
  test(`Outlook (${host}): the Mailroom control appears, signed out`, async ({ webmail, context }) => {
    await webmail.serve(`https://${host}`, outlookPage);
    const page = await context.newPage();
    await page.goto(`https://${host}/mail/`);
    const control = page.getByRole('button', { name: 'Open the Mailroom side panel' });
    await expect(control).toBeVisible();
    await expect(control).toHaveAttribute('data-state', 'signed-out');
  });
}

test('the side panel follows the webmail tab', async ({ signIn, webmail, context, openSidePanel }) => {
  await signIn(DEMO_MEMBER);
  await webmail.serve('https://outlook.office.com', path.join(ownFixtures, 'outlook/2026-11-27-reading-pane.html'));
  const panel = await openSidePanel();
  await expect(panel.getByTestId('tab-status')).toContainText('Open Gmail or Outlook in a tab to file mail.');
  const outlook = await context.newPage();
  await outlook.goto('https://outlook.office.com/mail/');
  await expect(outlook.getByRole('button', { name: 'Open the Mailroom side panel' })).toBeVisible();
  // Outlook has no adapter yet: the panel knows the tab is Outlook, with no conversation read.
  await expect(panel.getByTestId('tab-status')).toHaveAttribute('data-provider', 'outlook');
  await expect(panel.getByTestId('tab-status')).toContainText('Open a message to file it');
});

test('clicking the in-page control opens the side panel', async ({ webmail, context, openSidePanels }) => {
  await webmail.serve('https://mail.google.com', gmailInbox);
  const page = await context.newPage();
  await page.goto('https://mail.google.com/mail/u/0/#inbox');
  expect(await openSidePanels()).toBe(0);
  await page.getByRole('button', { name: 'Open the Mailroom side panel' }).click();
  await expect.poll(openSidePanels).toBe(1);
});

test('the side panel shows the subject of the conversation open in Gmail', async ({ signIn, webmail, context, openSidePanel }) => {
  await signIn(DEMO_MEMBER);
  await webmail.serve('https://mail.google.com', path.join(ownFixtures, 'gmail/2026-11-27-conversation.html'));
  const gmail = await context.newPage();
  await gmail.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQcqbVbqbvWJmqVZCkTLhgfWqQk');
  await expect(gmail.getByRole('button', { name: 'Open the Mailroom side panel' })).toBeVisible();
  const panel = await openSidePanel();
  const status = panel.getByTestId('tab-status');
  await expect(status).toHaveAttribute('data-provider', 'gmail');
  await expect(status.getByRole('heading')).toHaveText('Quote 2026-118 for the Lyon office');
});

test('the in-page control follows signing in and out without a reload', async ({ signIn, webmail, context }) => {
  await webmail.serve('https://mail.google.com', gmailInbox);
  const gmail = await context.newPage();
  await gmail.goto('https://mail.google.com/mail/u/0/#inbox');
  const control = gmail.getByRole('button', { name: 'Open the Mailroom side panel' });
  await expect(control).toHaveAttribute('data-state', 'signed-out');
  const options = await signIn(DEMO_MEMBER);
  await expect(control).toHaveAttribute('data-state', 'signed-in');
  await options.getByRole('button', { name: 'Sign out' }).click();
  await expect(control).toHaveAttribute('data-state', 'signed-out');
});
