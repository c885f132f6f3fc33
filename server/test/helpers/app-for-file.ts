/**
 * The set-up most API test files share: one app on a fresh database for the whole file, and a
 * bearer token for each seeded user. A file calls `useAppForFile(options)` once at its top and
 * imports `t` and the tokens it needs from here (renaming them as it likes): they are ES live
 * bindings, set in `beforeAll` before the file's first test. Hooks the file registers after the
 * call run after this set-up. Vitest gives every test file its own instance of this module, so two
 * files never share an app.
 */
import { afterAll, beforeAll } from 'vitest';
import { createTestApp, type TestApp, type TestAppOptions } from './test-app';

export let t: TestApp;
/** Token of `t.seed.admin` (Acme). */
export let admin: string;
/** Token of `t.seed.member` (Acme, every mail-merge field filled). */
export let member: string;
/** Token of `t.seed.member2` (Acme, names only). */
export let member2: string;
/** Token of `t.seed.otherAdmin` (Globex). */
export let otherAdmin: string;
/** Token of `t.seed.otherMember` (Globex). */
export let otherMember: string;

export function useAppForFile(options: TestAppOptions = {}): void {
  beforeAll(async () => {
    t = await createTestApp(options);
    const { seed } = t;
    admin = await t.login(seed.admin.email);
    member = await t.login(seed.member.email);
    member2 = await t.login(seed.member2.email);
    otherAdmin = await t.login(seed.otherAdmin.email);
    otherMember = await t.login(seed.otherMember.email);
  });
  afterAll(() => t.close());
}
