/**
 * Which Chromium, and its flags for a quiet, headless, offline run (TOOLCHAIN.md) plus the two that
 * load our built extension. Shared by the e2e harness and the browser benchmarks in bench/gmail/.
 */
import { existsSync } from 'node:fs';

/** Debian's Chromium unless `CHROMIUM_PATH` says otherwise; else Playwright's own (undefined). */
export function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

export const quietChromiumArgs: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function loadExtensionArgs(extensionDir: string): string[] {
  return [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`];
}
