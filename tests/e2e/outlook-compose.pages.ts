/**
 * The Outlook pages the compose scenarios serve at https://outlook.office.com/: our dated
 * reconstructions (tests/fixtures/outlook/compose) with Outlook's reactions added
 * (`2026-12-03-outlook-behaviour.js`: the From menu), and pages where "New mail" works.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.join(here, '../fixtures/outlook/compose');
const behaviour = readFileSync(path.join(dir, '2026-12-03-outlook-behaviour.js'), 'utf8');

const withScripts = (html: string, ...scripts: string[]) => html.replace('</body>', `${scripts.map((s) => `<script>${s}</script>`).join('\n')}</body>`);

/** A dated page as saved, with Outlook's From menu working, e.g. `outlookPage('compose-reply-inline.en')`. */
export const outlookPage = (name: string) => withScripts(readFileSync(path.join(dir, `2026-12-03-${name}.html`), 'utf8'), behaviour);

/** The new message of a UI's new-compose page: its compose part, as "New mail" draws it. */
const newMessagePage = { en: 'compose-new-reading-pane.en', fr: 'compose-new-full-page.fr' } as const;

function newComposePart(ui: 'en' | 'fr'): string {
  const html = readFileSync(path.join(dir, `2026-12-03-${newMessagePage[ui]}.html`), 'utf8');
  return /<div id="docking_InitVisiblePart_0"[\s\S]*?(?=<\/div>\s*<\/div>\s*<\/body>)/.exec(html)![0];
}

/**
 * "New mail" draws a new compose part with its own editor each time (ids `editorParent_opened-<n>`),
 * after the page's own composes: in the reading pane, or over the page when one is already there.
 */
function newMailScript(ui: 'en' | 'fr'): string {
  return `(() => {
    const part = ${JSON.stringify(newComposePart(ui))};
    let n = 0;
    document.querySelector('button[aria-label="New mail"], button[aria-label="Nouveau message"]').addEventListener('click', () => {
      n += 1;
      const holder = document.createElement('div');
      holder.setAttribute('role', 'dialog');
      holder.innerHTML = part
        .replace('docking_InitVisiblePart_0', 'docking_InitVisiblePart_' + (n + 10))
        .replace(/id="editorParent_\\d+"/, 'id="editorParent_opened-' + n + '"')
        .replace('id="fromButton_0"', 'id="fromButton_opened-' + n + '"');
      document.getElementById('appRoot').append(holder);
    });
  })();`;
}

/** An inbox without any compose where "New mail" ("Nouveau message") works, in that UI language. */
export function inboxWithNewMail(ui: 'en' | 'fr' = 'en'): string {
  const html = outlookPage(newMessagePage[ui]).replace(/<div id="docking_InitVisiblePart_0"[\s\S]*?(?=<\/div>\s*<\/div>\s*<script>)/, '');
  return withScripts(html, newMailScript(ui));
}

/**
 * The reading pane on the conversation from Claire Martin (the reading fixture, English UI), with
 * the ribbon's "New mail" as the compose pages draw it (the reading reconstruction leaves the
 * ribbon out), working.
 */
export function conversationWithNewMail(): string {
  const ribbon = '<div id="innerRibbonContainer"><button type="button" class="ms-Button splitPrimaryButton" aria-label="New mail" title="New mail"><span class="ms-Button-label">New mail</span></button></div>';
  const html = readFileSync(path.join(here, '../fixtures/outlook/reading/2026-12-03-conversation.en.html'), 'utf8')
    .replace('<div id="app">', `<div id="app">${ribbon}<div id="appRoot"></div>`);
  return withScripts(html, behaviour, newMailScript('en'));
}
