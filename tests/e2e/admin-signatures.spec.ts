/**
 * The admin console end to end, signatures: the limit of three, the HTML source round
 * trip, rich editing, SVG warning, merge-tag preview, and XSS vectors that must never run.
 * Set-up: admin.fixtures.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { type Admin, createAccountByApi, expect, expectAccessible, openRowMenu, test } from './admin.fixtures';
import { ownFixtures } from './fixtures';

// Each test signs in, runs axe and talks to the API: roomy on a busy 2-core machine.
test.describe.configure({ timeout: 90_000 });

test.describe('signatures', () => {
  async function openSignatures(admin: Admin, address = 'sig@acme.example') {
    const id = await createAccountByApi(admin, address);
    await admin.page.reload();
    await openRowMenu(admin.page, address, 'Signatures');
    await expect(admin.page.getByTestId('signatures-panel')).toBeVisible();
    return id;
  }

  async function writeSource(page: Page, html: string) {
    await page.getByTestId('tool-source').click();
    await page.getByTestId('signature-source').fill(html);
  }

  test('three signatures, then the fourth is refused', async ({ admin }) => {
    const { page } = admin;
    const account = await openSignatures(admin);
    for (const name of ['Formal', 'Short', 'Holiday']) {
      await page.getByTestId('signature-add').click();
      await page.getByTestId('signature-name').fill(name);
      await page.getByTestId('signature-rich').click();
      await page.keyboard.type(`${name} signature`);
      await page.getByTestId('signature-save').click();
      await expect(page.locator(`[data-testid="signature-item"][data-name="${name}"]`)).toBeVisible();
    }
    await expect(page.getByTestId('signature-add')).toBeDisabled();
    await expect(page.getByTestId('signature-limit')).toContainText('at most 3 signatures');
    const fourth = await admin.api<{ error: { code: string } }>('POST', `/api/email-accounts/${account}/signatures`, { name: 'Fourth', html: '<p>4</p>' });
    expect(fourth.status).toBeGreaterThanOrEqual(400);
    expect(fourth.body.error.code).toBe('signature_limit');

    // Rename and delete free a place again.
    await page.locator('[data-testid="signature-item"][data-name="Short"]').getByTestId('signature-rename').click();
    await page.getByTestId('signature-rename-input').fill('Brief');
    await page.getByTestId('signature-rename-input').press('Enter');
    await expect(page.locator('[data-testid="signature-item"][data-name="Brief"]')).toBeVisible();
    await page.locator('[data-testid="signature-item"][data-name="Holiday"]').getByTestId('signature-delete').click();
    await page.getByTestId('signature-delete-confirm').click();
    await expect(page.getByTestId('signature-item')).toHaveCount(2);
    await expect(page.getByTestId('signature-add')).toBeEnabled();
  });

  test('HTML source round trip keeps markup Quill cannot model', async ({ admin }) => {
    const { page } = admin;
    const account = await openSignatures(admin);
    await page.getByTestId('signature-add').click();
    await page.getByTestId('signature-name').fill('Table');
    const table =
      '<table cellpadding="0" cellspacing="0"><tbody><tr><td style="font-family: Georgia; padding-right: 8px">{{user.fullName}}</td>' +
      '<td><img src="https://cdn.acme.example/logo.png" alt="Acme" width="80"></td></tr></tbody></table>';
    await writeSource(page, table);
    await page.getByTestId('tool-source').click();
    // Rich view: read-only, with the reason; the source is untouched.
    await expect(page.getByTestId('signature-locked')).toContainText('<table>');
    await expect(page.getByTestId('signature-rich')).toHaveAttribute('contenteditable', 'false');
    await page.getByTestId('tool-source').click();
    await expect(page.getByTestId('signature-source')).toHaveValue(table);
    await page.getByTestId('signature-save').click();
    await expect(page.locator('[data-testid="signature-item"][data-name="Table"]')).toBeVisible();

    const saved = await admin.api<{ items: { html: string }[] }>('GET', `/api/email-accounts/${account}/signatures`);
    expect(saved.body.items[0]!.html).toContain('<table');
    expect(saved.body.items[0]!.html).toContain('font-family');
    expect(saved.body.items[0]!.html).toContain('{{user.fullName}}');

    // Reopened, the source still holds the table.
    await page.locator('[data-testid="signature-item"][data-name="Table"]').getByTestId('signature-edit').click();
    await page.getByTestId('tool-source').click();
    await expect(page.getByTestId('signature-source')).toHaveValue(/<table[\s\S]*<td[\s\S]*Georgia/);

    // Converting on purpose (two clicks) keeps the text and drops the table.
    await page.getByTestId('tool-source').click();
    await page.getByTestId('signature-convert').click();
    await page.getByTestId('signature-convert-confirm').click();
    await expect(page.getByTestId('signature-rich')).toHaveAttribute('contenteditable', 'true');
    await page.getByTestId('tool-source').click();
    await expect(page.getByTestId('signature-source')).not.toHaveValue(/<table/);
    await expect(page.getByTestId('signature-source')).toHaveValue(/\{\{user\.fullName\}\}/);
  });

  test('rich editing writes simple HTML; SVG images are flagged; a pasted image address becomes an image', async ({ admin }) => {
    const { page } = admin;
    await openSignatures(admin);
    await page.getByTestId('signature-add').click();
    await page.getByTestId('signature-rich').click();
    await page.keyboard.press('Control+b');
    await page.keyboard.type('Bold name');
    await page.getByTestId('tool-image').click();
    await expect(page.getByTestId('image-panel')).toContainText('not uploaded');
    await page.getByTestId('image-url').fill('https://cdn.acme.example/logo.svg');
    await page.getByTestId('image-insert').click();
    await expect(page.getByTestId('signature-svg-warning')).toContainText('https://cdn.acme.example/logo.svg');
    await expect(page.getByTestId('signature-svg-warning')).toContainText('will not show it');

    await page.getByTestId('signature-rich').click();
    await page.keyboard.press('End');
    await page.getByTestId('signature-rich').evaluate((el) => {
      const data = new DataTransfer();
      data.setData('text/plain', 'https://cdn.acme.example/photo.png');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await expect(page.getByTestId('signature-rich').locator('img[src="https://cdn.acme.example/photo.png"]')).toHaveCount(1);

    await page.getByTestId('tool-source').click();
    const html = await page.getByTestId('signature-source').inputValue();
    expect(html).toMatch(/<strong>Bold name<\/strong>/);
    expect(html).toContain('<img src="https://cdn.acme.example/logo.svg"');
    expect(html).toContain('<img src="https://cdn.acme.example/photo.png"');
    await expectAccessible(page);
  });

  test('the preview fills merge tags for the admin, and as another user', async ({ admin }) => {
    const { page } = admin;
    const account = await openSignatures(admin);
    expect((await admin.api('PUT', `/api/email-accounts/${account}/access/${admin.member.id}`, {})).status).toBeLessThan(300);
    await page.getByTestId('signatures-close').click();
    await openRowMenu(page, 'sig@acme.example', 'Signatures');
    await page.getByTestId('signature-add').click();
    await page.getByTestId('signature-rich').click();
    await page.keyboard.type('Regards, ');
    await page.getByTestId('merge-tag-button').click();
    await page.getByRole('menuitem', { name: /First name/ }).click();
    const frame = page.frameLocator('[data-testid="signature-preview-frame"]');
    await expect(frame.locator('body')).toContainText('Regards, Adrien');
    await page.getByTestId('preview-as').selectOption({ label: 'Alice Durand' });
    await expect(frame.locator('body')).toContainText('Regards, Alice');

    // An unknown tag typed by hand is flagged before save, and nothing is sent.
    await page.getByTestId('signature-rich').click();
    await page.keyboard.type(' {{user.nickname}}');
    await expect(page.getByTestId('signature-unknown-tags')).toContainText('{{user.nickname}}');
    await page.getByTestId('signature-save').click();
    await expect(page.getByTestId('signature-error')).toContainText('{{user.nickname}}');
    expect((await admin.api<{ items: unknown[] }>('GET', `/api/email-accounts/${account}/signatures`)).body.items).toEqual([]);
  });

  test('the preview grows with a tall signature (table, logo, disclaimer) and shrinks back', async ({ admin }) => {
    const { page } = admin;
    await openSignatures(admin);
    await page.getByTestId('signature-add').click();
    const rows = Array.from({ length: 20 }, (_, i) => `<tr><td>Line ${i + 1} of {{user.fullName}}</td></tr>`).join('');
    const tall =
      `<table cellpadding="0" cellspacing="0"><tbody><tr><td><img src="https://cdn.acme.example/logo.png" alt="Acme" width="120" height="90"></td></tr>${rows}</tbody></table>` +
      `<p style="font-size: 11px">${'This message and its attachments are confidential. '.repeat(12)}</p><p>The last line</p>`;
    await writeSource(page, tall);
    const preview = page.getByTestId('signature-preview');
    await expect(preview).toHaveAttribute('data-pending', 'false');
    const frame = page.getByTestId('signature-preview-frame');
    await expect(page.frameLocator('[data-testid="signature-preview-frame"]').locator('body')).toContainText('The last line');
    // What the frame shows against what its document holds: all of it, nothing scrolled away.
    const fit = () =>
      frame.evaluate((f: HTMLIFrameElement) => ({ frame: f.clientHeight, content: f.contentDocument!.documentElement.scrollHeight }));
    await expect.poll(async () => (await fit()).frame).toBeGreaterThan(300);
    const tallFit = await fit();
    expect(tallFit.content).toBeLessThanOrEqual(tallFit.frame);
    // The last line is inside the frame's box on the page, not hidden below a cut (the page is
    // scrolled to the frame's end, the frame's own content is not scrolled).
    await frame.evaluate((f) => f.scrollIntoView({ block: 'end' }));
    const lastLine = page.frameLocator('[data-testid="signature-preview-frame"]').getByText('The last line');
    await expect(lastLine).toBeInViewport();

    await page.getByTestId('signature-source').fill('<p>Short</p>');
    await expect.poll(async () => (await fit()).frame).toBeLessThan(120);
  });

  test('XSS vectors pasted into the source view never run', async ({ admin }) => {
    test.setTimeout(180_000);
    const { page } = admin;
    await openSignatures(admin);
    // DOMPurify's own vectors, PayloadsAllTheThings' payload lists (one per line) and its SVG files.
    const dompurify = ((await import(path.join(ownFixtures, 'xss/dompurify/test/fixtures/expect.mjs'))) as { default: { payload: string }[] }).default.map(
      (v) => v.payload,
    );
    const patt = path.join(ownFixtures, 'xss/payloadsallthethings/XSS Injection');
    const lists = readdirSync(path.join(patt, 'Intruders')).flatMap((f) =>
      readFileSync(path.join(patt, 'Intruders', f), 'utf8').split('\n').filter((l) => l.trim()),
    );
    const svgs = readdirSync(path.join(patt, 'Files')).map((f) => readFileSync(path.join(patt, 'Files', f), 'utf8'));
    expect(dompurify.length).toBeGreaterThan(200);
    expect(lists.length).toBeGreaterThan(1000);

    // The detector is live: a real alert() in the page is seen.
    await page.evaluate(() => alert('canary'));
    expect(admin.dialogs).toEqual(['canary']);
    admin.dialogs.length = 0;

    await page.getByTestId('signature-add').click();
    await page.getByTestId('tool-source').click();
    // In chunks, so one vector's unclosed tag does not hide the next ones from the editor.
    const vectors = [...dompurify, ...lists, ...svgs];
    const chunks: string[] = [];
    for (let i = 0; i < vectors.length; i += 25) chunks.push(vectors.slice(i, i + 25).join('\n'));
    for (const chunk of [...chunks, dompurify.join('\n')]) {
      await page.getByTestId('signature-source').fill(chunk);
      await page.getByTestId('tool-source').click(); // rich view: loads the (sanitized) HTML into Quill
      await page.getByTestId('tool-source').click(); // and back
    }
    // Let the last preview render, so its frame is part of what is checked.
    await expect(page.getByTestId('signature-preview')).toHaveAttribute('data-pending', 'false');
    expect(admin.dialogs).toEqual([]);
    // Nothing was injected: no script-like element or inline handler in the page (outside the
    // textarea's text) nor in the preview frame's document.
    const injected = await page.evaluate(() => {
      const bad: string[] = [];
      const scan = (root: Element, where: string) => {
        for (const el of Array.from(root.getElementsByTagName('*'))) {
          if (el.closest('textarea')) continue;
          if (['SCRIPT', 'OBJECT', 'EMBED', 'BASE', 'IFRAME', 'FORM'].includes(el.tagName) && el.closest('[data-testid="signature-editor"], body.preview')) {
            bad.push(`${where}: <${el.tagName}>`);
          }
          for (const a of Array.from(el.attributes)) {
            if (/^on/i.test(a.name)) bad.push(`${where}: ${el.tagName}[${a.name}]`);
            if (/^\s*(javascript|vbscript|data):/i.test(a.value) && /^(href|src|action|formaction|xlink:href)$/i.test(a.name)) bad.push(`${where}: ${el.tagName}[${a.name}]`);
          }
        }
      };
      scan(document.body, 'page');
      const frame = document.querySelector('[data-testid="signature-preview-frame"]');
      const doc = new DOMParser().parseFromString(frame?.getAttribute('srcdoc') ?? '', 'text/html');
      doc.body.classList.add('preview');
      scan(doc.body, 'preview');
      return bad;
    });
    expect(injected).toEqual([]);
    // Scripts stay off in the frame (same-origin only lets the page measure its height).
    await expect(page.getByTestId('signature-preview-frame')).toHaveAttribute('sandbox', 'allow-same-origin');
    expect(admin.consoleErrors.filter((e) => /xss|alert|pwn|canary/i.test(e))).toEqual([]);
  });

});
