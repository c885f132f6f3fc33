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

// The server's test files share one module graph per worker (re-importing Fastify, Kysely and the
// sync stack for each file was most of the suite's time); each test builds its own app and
// database, so nothing else carries over. A file that checks process-wide state (prom-client's
// default registry) keeps a graph of its own.
const serverTests = ['server/test/**/*.test.ts'];
const ownRegistryFiles = ['server/test/metrics.test.ts'];
const serverProject = (name: string, files: { include?: string[]; exclude?: string[]; isolate: boolean }) => ({
  test: {
    name,
    environment: 'node' as const,
    globals: true,
    include: files.include ?? serverTests,
    exclude: files.exclude ?? [],
    isolate: files.isolate,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});

// The extension (jsdom + WXT's fake browser), in two projects as above, and the server (plain
// Node, real DB). `npm test` runs all; `MAILROOM_TEST_DATABASE_URL` makes the server use PostgreSQL.
export default defineConfig({
  test: {
    projects: [
      extensionProject('unit', unitFiles.filter(mocksModules), true),
      extensionProject('unit-shared', unitFiles.filter((f) => !mocksModules(f)), false),
      serverProject('server', { exclude: ownRegistryFiles, isolate: false }),
      serverProject('server-isolated', { include: ownRegistryFiles, isolate: true }),
    ],
  },
});
