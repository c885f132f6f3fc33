/**
 * The Outlook pages the Outlook compose spec serves at https://outlook.office.com/: our dated
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

/** The new message's compose part of the reading-pane page, as "New mail" draws it. */
function newComposePart(): string {
  const html = readFileSync(path.join(dir, '2026-12-03-compose-new-reading-pane.en.html'), 'utf8');
  return /<div id="docking_InitVisiblePart_0"[\s\S]*?(?=<\/div>\s*<\/div>\s*<\/body>)/.exec(html)![0];
}

/**
 * "New mail" draws a new compose part with its own editor each time (ids `editorParent_opened-<n>`),
 * after the page's own composes: in the reading pane, or over the page when one is already there.
 */
function newMailScript(): string {
  return `(() => {
    const part = ${JSON.stringify(newComposePart())};
    let n = 0;
    document.querySelector('button[aria-label="New mail"], button[aria-label="Nouveau message"]').addEventListener('click', () => {
      n += 1;
      const holder = document.createElement('div');
      holder.setAttribute('role', 'dialog');
      holder.innerHTML = part
        .replace('docking_InitVisiblePart_0', 'docking_InitVisiblePart_' + (n + 10))
        .replace('id="editorParent_1"', 'id="editorParent_opened-' + n + '"')
        .replace('id="fromButton_0"', 'id="fromButton_opened-' + n + '"');
      document.getElementById('appRoot').append(holder);
    });
  })();`;
}

/** An inbox without any compose where "New mail" works. */
export function inboxWithNewMail(): string {
  const html = outlookPage('compose-new-reading-pane.en').replace(/<div id="docking_InitVisiblePart_0"[\s\S]*?(?=<\/div>\s*<\/div>\s*<script>)/, '');
  return withScripts(html, newMailScript());
}

/** The conversation from Claire Petit with its inline reply open, where "New mail" works. */
export function conversationWithNewMail(): string {
  return withScripts(outlookPage('compose-reply-inline.en'), newMailScript());
}
