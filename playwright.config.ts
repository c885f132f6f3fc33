import { defineConfig } from '@playwright/test';

// End-to-end: the built extension (.output/chrome-mv3, built by scripts/e2e.mjs) in headless
// Chromium against the real API, started per test by the specs. One worker by default here;
// `npm test` runs two (E2E_WORKERS), which the tests' own servers and profiles allow.
export default defineConfig({
  testDir: 'tests/e2e',
  // Playwright empties this folder at start: give concurrent runs in one tree their own.
  outputDir: process.env.E2E_OUTPUT_DIR ?? 'test-results',
  // Every test starts its own API and browser profile, so tests of one file may run on different
  // workers: the long files no longer keep one worker busy while the other has nothing left.
  fullyParallel: true,
  workers: Number(process.env.E2E_WORKERS ?? 1),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  // `npm test` sets PLAYWRIGHT_JSON_OUTPUT_NAME to add these tests to its closing count.
  reporter: [
    ['list'],
    ...(process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['json'] as ['json']] : []),
    ...(process.env.CI ? [['html', { open: 'never' }] as ['html', { open: 'never' }]] : []),
  ],
  use: {
    trace: 'retain-on-failure',
    actionTimeout: 10_000,
  },
});
