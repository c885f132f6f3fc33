/** The clean start of every store and component test that uses `mock-send.ts`. */
import { createTestingPinia } from '@pinia/testing';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, vi } from 'vitest';
import { locale } from '@/utils/i18n';
import { sendMock } from './mock-send';

/**
 * Before each test of the file: an empty fake browser, no replies planned, English, and (unless
 * `pinia: false`, for tests that mount with a Pinia of their own) a fresh testing Pinia made active.
 */
export function resetBeforeEach({ pinia = true }: { pinia?: boolean } = {}): void {
  beforeEach(() => {
    fakeBrowser.reset();
    sendMock.reset();
    locale.value = 'en';
    if (pinia) createTestingPinia({ createSpy: vi.fn, stubActions: false });
  });
}
