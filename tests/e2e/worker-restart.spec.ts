import path from 'node:path';
import { expect, ownFixtures, test } from './fixtures';

// MV3 stops an idle service worker at any time: what the side panel shows must survive that.
test('tab state survives the service worker being stopped', async ({ webmail, context, openSidePanel }) => {
  await webmail.serve('https://outlook.office.com', path.join(ownFixtures, 'outlook/2026-11-27-reading-pane.html'));
  const outlook = await context.newPage();
  await outlook.goto('https://outlook.office.com/mail/');
  await expect(outlook.getByRole('button', { name: 'Open the Mailroom side panel' })).toBeVisible();

  const worker = context.serviceWorkers()[0]!;
  // A marker in the worker's memory: gone once the worker has really been restarted.
  await worker.evaluate(() => ((globalThis as Record<string, unknown>).__mailroomProbe = 'alive'));
  const cdp = await context.newCDPSession(outlook);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');

  // The panel's request wakes a fresh worker, which can only answer from storage.session.
  const panel = await openSidePanel();
  await expect(panel.getByTestId('tab-status')).toHaveAttribute('data-provider', 'outlook');
  const restarted = context.serviceWorkers().at(-1)!;
  expect(await restarted.evaluate(() => (globalThis as Record<string, unknown>).__mailroomProbe)).toBeUndefined();
});
