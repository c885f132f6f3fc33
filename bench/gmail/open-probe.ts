/**
 * The page-side half of open-run.ts (the open-to-suggestions benchmarks): a script for the page's main world (given to
 * Playwright as text, so tsx's helpers never reach the page) that timestamps, with
 * `performance.timeOrigin + performance.now()` (comparable across the webmail tab and the side panel),
 * the moments Playwright's polling would blur:
 *  - the view switch it makes itself (`go`: hash change or pushed history entry, and the webmail's
 *    view host refilled in place),
 *  - each "File to record" button appearing (MutationObserver on the document, then on each of our
 *    open shadow roots: `mailroom-file-button`'s shadowRoot holds the button and its popover),
 *  - the click (a capturing listener on window; the event's own timeStamp, i.e. when the browser
 *    took the input),
 *  - the expected record listed among the suggestions (`[data-testid=filing-suggestions]
 *    [data-record-id=<id>]`), in the page or in a shadow root.
 * Each also gets the start of the next animation frame (when it can be painted), when the browser
 * gives one (a hidden tab may not).
 */
export interface ProbeState {
  navAt: number | null;
  expect: string | null;
  buttons: { at: number; frame: number | null; messageId: string | null }[];
  clickAt: number | null;
  suggestionsAt: number | null;
  suggestionsFrame: number | null;
}

/**
 * `window.__mrBench`: `prepare(html)` parses a page's view off the clock; `go(address, expectId)` switches
 * to it. `viewHost`: the webmail's view host (its selectors.ts), which it refills in place.
 */
export const pageProbeScript = (viewHost: string) => String.raw`(() => {
  const viewHost = ${JSON.stringify(viewHost)};
  if (window.__mrBench) return;
  const now = () => performance.timeOrigin + performance.now();
  const b = {
    navAt: null, expect: null, buttons: [], clickAt: null, suggestionsAt: null, suggestionsFrame: null,
    prepared: null,
  };
  window.__mrBench = b;
  const roots = new Set([document]);
  const withButton = new WeakSet();
  const frame = (set) => requestAnimationFrame(() => set(now()));

  const scan = () => {
    for (const root of roots) {
      if (root !== document && !withButton.has(root.host) && root.querySelector('[data-testid="file-to-record"]')) {
        withButton.add(root.host);
        const entry = { at: now(), frame: null, messageId: root.host.getAttribute('data-message-id') };
        b.buttons.push(entry);
        frame((t) => { entry.frame = t; });
      }
      if (b.expect !== null && b.suggestionsAt === null &&
          root.querySelector('[data-testid="filing-suggestions"] [data-record-id="' + CSS.escape(b.expect) + '"]')) {
        b.suggestionsAt = now();
        frame((t) => { b.suggestionsFrame = t; });
      }
    }
  };
  const watchRoot = (root) => {
    if (roots.has(root)) return;
    roots.add(root);
    new MutationObserver(scan).observe(root, { childList: true, subtree: true });
  };
  const consider = (node) => {
    if (node.nodeType !== 1) return;
    if (node.shadowRoot) watchRoot(node.shadowRoot);
    if (node.firstElementChild) for (const el of node.querySelectorAll('mailroom-file-button, mailroom-control')) if (el.shadowRoot) watchRoot(el.shadowRoot);
  };
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) consider(n);
    scan();
  }).observe(document, { childList: true, subtree: true });

  window.addEventListener('click', (e) => {
    if (b.clickAt === null) b.clickAt = performance.timeOrigin + e.timeStamp;
  }, true);

  b.prepare = (html) => {
    // Parsed and adopted before the clock starts: the webmail has its view's data before it renders it.
    const view = new DOMParser().parseFromString(html, 'text/html').querySelector(viewHost);
    if (!view) throw new Error('no view host (' + viewHost + ') in the prepared page');
    b.prepared = [...view.childNodes].map((n) => document.importNode(n, true));
  };
  // A '#…' address is a hash change (Gmail), else a pushed history entry (Outlook).
  b.go = (address, expectId) => {
    b.expect = expectId; b.buttons = []; b.clickAt = null; b.suggestionsAt = null; b.suggestionsFrame = null;
    const host = document.querySelector(viewHost);
    const t = now();
    b.navAt = t;
    if (address.startsWith('#')) location.hash = address;
    else history.pushState(null, '', address);
    host.replaceChildren(...b.prepared);
    b.prepared = null;
    return t;
  };
  b.expectOnly = (expectId) => { b.expect = expectId; b.suggestionsAt = null; b.suggestionsFrame = null; };
  b.read = () => JSON.stringify({
    navAt: b.navAt, expect: b.expect, buttons: b.buttons, clickAt: b.clickAt,
    suggestionsAt: b.suggestionsAt, suggestionsFrame: b.suggestionsFrame,
  });
})();`;

/**
 * The content scripts' side (their isolated world, reached over CDP; Playwright has no handle on
 * it): the page core's object (webmail/page-core.ts, a `Symbol.for` key) gets its `uiStarted`
 * wrapped to timestamp when the injected UI chunk has started (free: the chunk calls it once);
 * with `detect`, a listener on the core's adapter timestamps when a conversation is noticed. That
 * listener is a second navigation watcher (its own observer and one more parse per switch, ≈ 1 ms),
 * so it is opt-in and its runs are not the headline figures.
 */
export const isolatedProbeScript = (detect: boolean) => String.raw`(() => {
  const core = globalThis[Symbol.for('mailroom.page-core')];
  if (!core) return false;
  if (globalThis.__mrBenchIsolated) return true;
  const now = () => performance.timeOrigin + performance.now();
  const b = globalThis.__mrBenchIsolated = { uiStartedAt: null, detectedAt: null };
  const started = core.uiStarted;
  core.uiStarted = () => { b.uiStartedAt = now(); started(); };
  if (${detect}) core.adapter.onConversationChanged((c) => {
    b.detectedAt = c && c.messages.length ? now() : null;
  }, core.signal);
  return true;
})()`;

export interface IsolatedProbeState {
  uiStartedAt: number | null;
  detectedAt: number | null;
}
