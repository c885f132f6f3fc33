/**
 * The set-up the admin component tests share: the API stand-in (./mockApi) is reset before each
 * test; after it, every component mounted here is unmounted, the page emptied and the UI language
 * put back to English. Each test file still writes its own
 * `vi.mock('@/messaging/client', () => import('./mockApi'))`: vi.mock is hoisted per file.
 */
import { createTestingPinia } from '@pinia/testing';
import { mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, vi } from 'vitest';
import type { Component } from 'vue';
import { locale } from '@/utils/i18n';
import { resetApi } from './mockApi';

/** Registers the hooks; returns `mountAdmin`, which mounts on the page with a testing Pinia. */
export function useAdminMount(): (component: Component, props?: Record<string, unknown>) => VueWrapper {
  const mounted: VueWrapper[] = [];
  beforeEach(() => resetApi());
  afterEach(() => {
    for (const wrapper of mounted.splice(0)) wrapper.unmount();
    document.body.innerHTML = '';
    locale.value = 'en';
  });
  return (component, props = {}) => {
    // Actions run for real against the stand-in API (stubActions: false), as in the console.
    const wrapper = mount(component, {
      props,
      attachTo: document.body,
      global: { plugins: [createTestingPinia({ createSpy: vi.fn, stubActions: false })] },
    });
    mounted.push(wrapper);
    return wrapper;
  };
}
