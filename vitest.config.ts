import { readdirSync, readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import vue from '@vitejs/plugin-vue';

// The extension's test files that replace a module (`vi.mock`) need a module graph of their own;
// the others share one per worker, which spares re-importing Vue, Pinia and WXT for every file
// (most of the suite's time when each file is isolated).
const unitFiles = readdirSync('tests/unit', { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => `tests/unit/${f.split('\\').join('/')}`);
const mocksModules = (file: string) => /\bvi\.(do)?[mM]ock\(/.test(readFileSync(file, 'utf8'));

// WxtVitest sets up auto-imports, aliases and fakeBrowser; it does not apply the Vue plugin.
const extensionProject = (name: string, files: string[], isolate: boolean) => ({
  plugins: [WxtVitest(), vue()],
  test: { name, environment: 'jsdom', globals: true, include: files, isolate, restoreMocks: true },
});

// The extension (jsdom + WXT's fake browser), in two projects as above, and the server (plain
// Node, real DB). `npm test` runs all; `MAILROOM_TEST_DATABASE_URL` makes the server use PostgreSQL.
export default defineConfig({
  test: {
    projects: [
      extensionProject('unit', unitFiles.filter(mocksModules), true),
      extensionProject('unit-shared', unitFiles.filter((f) => !mocksModules(f)), false),
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
