/**
 * Wakes the filing queue when its next retry is due. A timer covers short delays while the service
 * worker lives; an alarm (`browser.alarms`, which needs the `alarms` permission) survives the
 * worker being stopped — Chrome stops idle MV3 workers after ~30 s and clamps alarms to 30 s, so
 * neither alone is enough. Browser restarts are covered by the start-up drain.
 */
import { browser } from 'wxt/browser';

export const FILING_ALARM = 'mailroom-filing-queue';

export function createFilingWake(onWake: () => void) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Optional chaining: without the permission `browser.alarms` is undefined, and the timer and
  // start-up drain still deliver the filing, only later.
  browser.alarms?.onAlarm.addListener((alarm) => {
    if (alarm.name === FILING_ALARM) onWake();
  });
  return {
    wakeAt(at: number): void {
      const delay = Math.max(0, at - Date.now());
      clearTimeout(timer);
      timer = setTimeout(onWake, delay);
      void browser.alarms?.create(FILING_ALARM, { when: Math.max(at, Date.now() + 1000) });
    },
  };
}
