/**
 * The set-up most API test files share: one app on a fresh database for the whole file, and bearer
 * tokens of the seeded admin and member. A file calls `useAppForFile(options)` once at its top and
 * imports `t`, `admin` and `member` from here: they are ES live bindings, set in `beforeAll` before
 * the file's first test. Vitest gives every test file its own instance of this module, so two
 * files never share an app.
 */
import { afterAll, beforeAll } from 'vitest';
import { createTestApp, type TestApp, type TestAppOptions } from './test-app';

export let t: TestApp;
/** Token of `t.seed.admin`. */
export let admin: string;
/** Token of `t.seed.member`. */
export let member: string;

export function useAppForFile(options: TestAppOptions = {}): void {
  beforeAll(async () => {
    t = await createTestApp(options);
    admin = await t.login(t.seed.admin.email);
    member = await t.login(t.seed.member.email);
  });
  afterAll(() => t.close());
}
