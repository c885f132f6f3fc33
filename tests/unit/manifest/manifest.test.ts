// @vitest-environment node
/** The manifest options in wxt.config.ts, per browser: permissions stay minimal. */
import { describe, expect, it } from 'vitest';
import config from '@/wxt.config';

type Manifest = Record<string, unknown> & { permissions?: string[]; host_permissions?: string[] };
async function manifestFor(browser: 'chrome' | 'firefox'): Promise<Manifest> {
  const m = config.manifest;
  if (typeof m !== 'function') throw new Error('expected a per-browser manifest function');
  return (await m({ browser, manifestVersion: 3, mode: 'production', command: 'build' } as never)) as Manifest;
}

describe('manifest', () => {
  it.each(['chrome', 'firefox'] as const)('%s: only storage, alarms, scripting, the webmail hosts and loopback', async (browser) => {
    const m = await manifestFor(browser);
    // `sidePanel` is added by WXT for Chrome because the sidepanel entrypoint exists; `alarms`
    // wakes the worker to retry queued filings; `scripting` injects the in-page UI on first need.
    expect(m.permissions).toEqual(['storage', 'alarms', 'scripting']);
    expect(m.host_permissions).toEqual([
      'https://mail.google.com/*',
      'https://outlook.office.com/*',
      'https://outlook.office365.com/*',
      'https://outlook.live.com/*',
      'https://outlook.cloud.microsoft/*',
      'http://localhost/*',
      'http://127.0.0.1/*',
    ]);
    expect(m.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
    expect(m.name).toBe('__MSG_extName__');
    expect(m.default_locale).toBe('en');
  });

  it('gives Firefox a stable gecko id, and Chrome no Firefox settings', async () => {
    expect(await manifestFor('firefox')).toMatchObject({ browser_specific_settings: { gecko: { id: 'mailroom@mailroom.app' } } });
    expect((await manifestFor('chrome')).browser_specific_settings).toBeUndefined();
  });
});
