/**
 * The Gmail pages the compose scenarios serve at https://mail.google.com/mail/u/0/: the Gmail
 * engineer's dated fixtures (tests/fixtures/gmail), and two built on them where Gmail's Compose
 * button works. Composes "just opened" carry Gmail's real pre-save values: before its first save
 * Gmail's hidden `draft`, `rm`, `rt` inputs read "undefined", never "" (WEBMAIL-FACTS.md).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** A dated fixture as saved, e.g. `gmailPage('2026-11-27-compose-reply')` (a draft Gmail saved). */
export const gmailPage = (name: string) => readFileSync(path.join(here, `../fixtures/gmail/${name}.html`), 'utf8');

/** Composes as Gmail shows them just opened, before its first save (2026-12-02 fixtures). */
export const justOpened = (name: string) => gmailPage(`2026-12-02-${name}`);

/**
 * The new-compose page where Gmail's Compose button works: the compose is kept as a template and
 * each click adds one (with its own compose id), as Gmail does.
 */
export function pageWithComposeButton(): string {
  const script = `<script>
    (() => {
      const open = document.querySelector('.nH.nn');
      const template = open.outerHTML;
      open.remove();
      let n = 0;
      document.querySelector('[gh="cm"]').addEventListener('click', () => {
        n += 1;
        const holder = document.createElement('div');
        holder.innerHTML = template.replace('name="composeid" value="c3"', 'name="composeid" value="opened-' + n + '"');
        document.querySelector('.no').append(holder.firstElementChild);
      });
    })();
  </script>`;
  return justOpened('compose-new').replace('</body>', `${script}</body>`);
}

/**
 * The fresh-reply page (a conversation from Claire Martin, inline reply open) with a working
 * Compose button that adds the new-compose page's window, as Gmail does.
 */
export function conversationWithComposeButton(): string {
  const newCompose = /<div class="dw">[\s\S]*<\/div>(?=\s*<\/body>)/.exec(justOpened('compose-new'))![0];
  const script = `<script>
    document.querySelector('[gh="cm"]').addEventListener('click', () => {
      const holder = document.createElement('div');
      holder.innerHTML = ${JSON.stringify(newCompose)}.replace('name="composeid" value="c3"', 'name="composeid" value="from-panel"');
      // Into Gmail's own host for pop-up composes, where Gmail puts them.
      (document.querySelector('.dw .no') ?? document.body).append(holder.querySelector('.nH.nn'));
    });
  </script>`;
  return justOpened('compose-reply').replace('</body>', `${script}</body>`);
}
