import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import vue from '@vitejs/plugin-vue';

// Two projects: the extension (jsdom + WXT's fake browser) and the server (plain Node, real DB).
// `npm test` runs both; `MAILROOM_TEST_DATABASE_URL` makes the server project use PostgreSQL.
export default defineConfig({
  test: {
    projects: [
      {
        // WxtVitest sets up auto-imports, aliases and fakeBrowser; it does not apply the Vue plugin.
        plugins: [WxtVitest(), vue()],
        test: {
          name: 'unit',
          environment: 'jsdom',
          globals: true,
          include: ['tests/unit/**/*.test.ts'],
          restoreMocks: true,
        },
      },
      {
        test: {
          name: 'server',
          environment: 'node',
          globals: true,
          include: ['server/test/**/*.test.ts'],
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
