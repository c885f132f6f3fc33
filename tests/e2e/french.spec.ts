import { existsSync } from 'node:fs';
import { DEMO_MEMBER } from './api-server';
import { chromiumPath, expect, test } from './fixtures';

test.use({ locale: 'fr-FR' });

test('the options page is in French when the browser is', async ({ openOptions, api }) => {
  const page = await openOptions();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Réglages de Mailroom');
  await page.getByLabel('URL du serveur').fill(api.url);
  await page.getByLabel('E-mail').fill(DEMO_MEMBER);
  await page.getByLabel('Mot de passe').fill('faux');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toHaveText('E-mail ou mot de passe incorrect.');
});

test('the popup is in French too', async ({ signIn, openPopup, api }) => {
  const account = await api.createAccount({ displayName: 'Ventes' });
  await api.grantAccess(account.id, DEMO_MEMBER, { isDefault: true });
  await signIn(DEMO_MEMBER);
  const popup = await openPopup();
  await expect(popup.getByText('Boîtes partagées')).toBeVisible();
  await expect(popup.locator(`[data-account-id="${account.id}"]`)).toContainText('Par défaut');
  await expect(popup.getByRole('button', { name: 'Ouvrir le panneau latéral' })).toBeVisible();
});

test('the extension name and description come from _locales/fr', async ({ context }) => {
  // Debian splits Chromium's UI translations into `chromium-l10n`; without it the browser UI
  // (and so `chrome.i18n`) stays English whatever the language asked for.
  test.skip(
    chromiumPath() === '/usr/bin/chromium' && !existsSync('/usr/lib/chromium/locales/fr.pak'),
    'Debian Chromium without its French UI pack: apt-get install chromium-l10n',
  );
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const [name, description, ui] = await worker.evaluate(() => {
    const c = (globalThis as unknown as { chrome: { i18n: { getMessage(k: string): string; getUILanguage(): string } } }).chrome;
    return [c.i18n.getMessage('extName'), c.i18n.getMessage('extDescription'), c.i18n.getUILanguage()];
  });
  expect(ui).toMatch(/^fr/);
  expect(name).toBe('Mailroom');
  expect(description).toMatch(/^Des boîtes partagées/);
});
