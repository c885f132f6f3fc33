import { DEMO_MEMBER } from './api-server';
import { startRelay } from './proxy';
import { expect, test } from './fixtures';

test('the popup lists my shared accounts with the default marked, and switching it persists', async ({ api, signIn, openPopup }) => {
  const sales = await api.createAccount({ displayName: 'Sales desk' });
  const support = await api.createAccount({ displayName: 'Support desk' });
  await api.grantAccess(sales.id, DEMO_MEMBER, { isDefault: true });
  await api.grantAccess(support.id, DEMO_MEMBER);
  await signIn(DEMO_MEMBER);

  const popup = await openPopup();
  const picker = popup.getByTestId('account-picker');
  const salesRadio = picker.getByRole('radio', { name: /Sales desk/ });
  const supportRadio = picker.getByRole('radio', { name: /Support desk/ });
  await expect(salesRadio).toBeChecked();
  await expect(picker.locator(`[data-account-id="${sales.id}"]`)).toContainText('Default');

  await supportRadio.check();
  await expect(picker.locator(`[data-account-id="${support.id}"]`)).toContainText('Default');
  // Persisted in the API, not only in the popup.
  await expect
    .poll(async () => (await api.myAccounts(DEMO_MEMBER)).find((a) => a.myAccess?.isDefault)?.id)
    .toBe(support.id);
  // And still so in a fresh popup.
  await popup.close();
  const again = await openPopup();
  await expect(again.getByRole('radio', { name: /Support desk/ })).toBeChecked();
});

test('signed out, the popup says so and leads to the options page', async ({ openPopup, context, extensionId }) => {
  const popup = await openPopup();
  await expect(popup.getByText('You are not signed in to Mailroom.')).toBeVisible();
  const opened = context.waitForEvent('page');
  await popup.getByRole('button', { name: 'Open Mailroom settings' }).click();
  await expect(await opened).toHaveURL(`chrome-extension://${extensionId}/options.html`);
});

test('when the server goes away the popup says it cannot reach it, without crashing', async ({ api, signIn, openPopup }) => {
  const relay = await startRelay(api.url);
  try {
    await signIn(DEMO_MEMBER, { serverUrl: relay.url });
    await relay.close();
    const popup = await openPopup();
    const errors: string[] = [];
    popup.on('pageerror', (e) => errors.push(String(e)));
    await expect(popup.getByRole('alert')).toHaveText(`Cannot reach the Mailroom server at ${relay.url}.`);
    await expect(popup.getByRole('button', { name: 'Open Mailroom settings' })).toBeVisible();
    expect(errors).toEqual([]);
  } finally {
    await relay.close();
  }
});

test('the side panel button opens the side panel from a real click', async ({ signIn, openPopup, openSidePanels }) => {
  await signIn(DEMO_MEMBER);
  const popup = await openPopup();
  const button = popup.getByRole('button', { name: 'Open the side panel' });
  await expect(button).toBeVisible();
  expect(await openSidePanels()).toBe(0);
  await button.click();
  await expect.poll(openSidePanels).toBe(1);
  // No "could not be opened" message: sidePanel.open accepted the gesture.
  await expect(popup.getByRole('alert')).toHaveCount(0);
});
