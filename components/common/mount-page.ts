import { createPinia } from 'pinia';
import { createApp, type Component } from 'vue';
import { locale } from '@/utils/i18n';
import './base.css';

/** Mounts an extension page (popup, side panel, options) with Pinia, in the UI language. */
export function mountPage(root: Component): void {
  document.documentElement.lang = locale.value;
  createApp(root).use(createPinia()).mount('#app');
}
