import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import RecordsSection from '@/components/records/RecordsSection.vue';
import type { CrmRecord } from '@/contract';
import { locale } from '@/utils/i18n';
import { useAdminMount } from '../admin/adminMount';
import { apiError, callsOf, on } from '../admin/mockApi';
import { detailOf, importResult, makeRecord } from './records-fixtures';

vi.mock('@/messaging/client', () => import('../admin/mockApi'));

const mountAdmin = useAdminMount();
beforeEach(() => fakeBrowser.reset());
const rows = (w: VueWrapper) => w.findAll('[data-testid="record-row"]');
const row = (w: VueWrapper, name: string) => w.get(`[data-testid="record-row"][data-name="${name}"]`);
const dialog = () => document.querySelector('[role="dialog"]') as HTMLElement | null;

async function choose(w: VueWrapper, name: string, item: string) {
  await row(w, name).get('button[aria-haspopup="menu"]').trigger('click');
  const button = row(w, name).findAll('[role="menuitem"]').find((b) => b.text() === item);
  if (!button) throw new Error(`no menu item ${item}`);
  await button.trigger('click');
  await flushPromises();
}

const acme = makeRecord({ id: 'r-acme', kind: 'company', name: 'Acme', emails: [], domains: ['acme.test'] });
const ann = makeRecord({ id: 'r-ann', kind: 'contact', name: 'Ann Lee', emails: ['ann@acme.test'], companyId: 'r-acme', companyName: 'Acme', phone: '+33 1 02 03 04 05' });
const bob = makeRecord({ id: 'r-bob', kind: 'client', name: 'Bob Roy', emails: ['bob@roy.test'] });

async function mountSection(list: CrmRecord[] = [acme, ann, bob], over: { totalCapped?: boolean } = {}) {
  on('records.search', (q) => ({
    // Copies: the store updates listed records in place (a company's contacts), not the fixtures.
    items: list.filter((r) => !q.kind || r.kind === q.kind).filter((r) => r.name.toLowerCase().includes(q.q.toLowerCase())).map((r) => ({ ...r })),
    total: over.totalCapped ? 1000 : list.length,
    totalCapped: over.totalCapped ?? false,
    nextCursor: null,
  }));
  const w = mountAdmin(RecordsSection);
  await flushPromises();
  return w;
}

describe('RecordsSection', () => {
  it('lists records with their kind in words, addresses or domains, phone and company', async () => {
    const w = await mountSection();
    expect(rows(w)).toHaveLength(3);
    expect(w.get('[data-testid="records-count"]').text()).toBe('3 records');
    expect(row(w, 'Acme').get('[data-testid="record-kind"]').text()).toBe('Company');
    expect(row(w, 'Acme').get('[data-testid="record-addresses"]').text()).toContain('acme.test');
    expect(row(w, 'Ann Lee').get('[data-testid="record-company"]').text()).toContain('Acme');
    expect(row(w, 'Ann Lee').text()).toContain('+33 1 02 03 04 05');
    expect(row(w, 'Bob Roy').get('[data-testid="record-kind"]').text()).toBe('Client');
  });

  it('says "More than 1,000" when the count is capped, and filters by kind at once', async () => {
    const w = await mountSection([acme, ann, bob], { totalCapped: true });
    expect(w.get('[data-testid="records-count"]').text()).toBe('More than 1,000 records');
    await w.get('[data-testid="records-filter"]').setValue('company');
    await flushPromises();
    expect(callsOf('records.search').at(-1)).toEqual({ q: '', kind: 'company', limit: 50 });
    expect(rows(w).map((r) => r.attributes('data-name'))).toEqual(['Acme']);
  });

  it('a load that failed says why in the UI language, with Retry', async () => {
    on('records.search', () => {
      throw apiError('forbidden', 'Administrators only.', { status: 403 });
    });
    locale.value = 'fr';
    const w = mountAdmin(RecordsSection);
    await flushPromises();
    expect(w.get('[data-testid="records-load-error"]').text()).toBe('Seul un administrateur de votre organisation peut faire cela.');
  });

  it.each([
    [0, 0, 'No email is filed to it.', null],
    [1, 0, '1 filed email goes with it: it will no longer show this record.', null],
    [3, 2, '3 filed emails go with it: they will no longer show this record.', '2 contacts of this company keep their records but lose their company.'],
  ])('the delete confirmation counts %i filings and %i contacts', async (filingCount, contactCount, filings, contacts) => {
    const w = await mountSection();
    on('admin.records.detail', ({ id }) => detailOf(id === acme.id ? acme : ann, { filingCount, contactCount }));
    await choose(w, 'Acme', 'Delete');
    expect(dialog()!.querySelector('h2')!.textContent).toBe('Delete Acme?');
    expect(w.get('[data-testid="record-delete-filings"]').text()).toBe(filings);
    expect(w.find('[data-testid="record-delete-contacts"]').exists() ? w.get('[data-testid="record-delete-contacts"]').text() : null).toBe(contacts);
  });

  it('in French, the counts and their spacing follow the French catalogue', async () => {
    locale.value = 'fr';
    const w = await mountSection();
    on('admin.records.detail', () => detailOf(bob, { filingCount: 1 }));
    await choose(w, 'Bob Roy', 'Supprimer');
    expect(w.get('[data-testid="record-delete-filings"]').text()).toBe('1 e-mail classé part avec\u00a0: il n’affichera plus cette fiche.');
    expect(dialog()!.querySelector('h2')!.textContent).toBe('Supprimer Bob Roy\u00a0?');
  });

  it('deletes after the confirmation: the row goes, the page says so', async () => {
    const w = await mountSection();
    on('admin.records.detail', () => detailOf(acme, { contactCount: 1 }));
    on('admin.records.delete', () => undefined);
    await choose(w, 'Acme', 'Delete');
    await w.get('[data-testid="record-delete-confirm"]').trigger('click');
    await flushPromises();
    expect(callsOf('admin.records.delete')).toEqual([{ id: 'r-acme' }]);
    expect(dialog()).toBeNull();
    expect(rows(w).map((r) => r.attributes('data-name'))).toEqual(['Ann Lee', 'Bob Roy']);
    expect(row(w, 'Ann Lee').find('[data-testid="record-company"]').exists()).toBe(false);
    expect(w.get('[data-testid="records-notice"]').text()).toBe('Acme is deleted.');
  });

  it('merges a picked record: companies refused for a person, the summary says what moves', async () => {
    vi.useFakeTimers();
    try {
      const w = await mountSection();
      const claire = makeRecord({ id: 'r-claire', kind: 'contact', name: 'Claire Roy', emails: ['claire@roy.test', 'bob@roy.test'] });
      on('records.search', () => ({ items: [bob, acme, claire], total: 3, totalCapped: false, nextCursor: null }));
      on('admin.records.detail', () => detailOf(claire, { filingCount: 2 }));
      on('admin.records.merge', () => ({ ...bob, emails: ['bob@roy.test', 'claire@roy.test'] }));
      await choose(w, 'Bob Roy', 'Merge with another record…');
      await w.get('[data-testid="picker-search"]').setValue('roy');
      await vi.advanceTimersByTimeAsync(300);
      await flushPromises();
      const result = (id: string) => w.get(`[data-testid="picker-result"][data-record-id="${id}"]`);
      expect(result('r-bob').attributes('disabled')).toBeDefined();
      expect(result('r-acme').attributes('disabled')).toBeDefined();
      expect(result('r-acme').text()).toContain('a company and a person cannot be merged');
      await result('r-claire').trigger('click');
      await flushPromises();
      const summary = w.get('[data-testid="merge-summary"]');
      expect(summary.text()).toContain('Moving into Bob Roy, then deleting Claire Roy:');
      expect(summary.text()).toContain('2 filed emails');
      // Only the address Bob lacks moves.
      expect(summary.text()).toContain('emails: claire@roy.test');
      expect(summary.text()).not.toContain('emails: claire@roy.test, bob@roy.test');
      await w.get('[data-testid="merge-confirm"]').trigger('click');
      await flushPromises();
      expect(callsOf('admin.records.merge')).toEqual([{ id: 'r-bob', mergeId: 'r-claire' }]);
      expect(w.get('[data-testid="records-notice"]').text()).toBe('Claire Roy is merged into Bob Roy.');
    } finally {
      vi.useRealTimers();
    }
  });

  it('merging the other way keeps the picked record', async () => {
    vi.useFakeTimers();
    try {
      const w = await mountSection();
      on('records.search', () => ({ items: [ann], total: 1, totalCapped: false, nextCursor: null }));
      on('admin.records.detail', ({ id }) => detailOf(id === bob.id ? bob : ann));
      on('admin.records.merge', () => ann);
      await choose(w, 'Bob Roy', 'Merge with another record…');
      await w.get('[data-testid="picker-search"]').setValue('ann');
      await vi.advanceTimersByTimeAsync(300);
      await w.get('[data-testid="picker-result"]').trigger('click');
      await w.get('[data-testid="merge-keep-other"]').setValue(true);
      await flushPromises();
      expect(w.get('[data-testid="merge-summary"]').text()).toContain('Moving into Ann Lee, then deleting Bob Roy:');
      await w.get('[data-testid="merge-confirm"]').trigger('click');
      await flushPromises();
      expect(callsOf('admin.records.merge')).toEqual([{ id: 'r-ann', mergeId: 'r-bob' }]);
      expect(rows(w).map((r) => r.attributes('data-name'))).toEqual(['Acme', 'Ann Lee']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('edits a contact: addresses one a line checked here, the company removed', async () => {
    const w = await mountSection();
    on('records.update', ({ patch }) => ({ ...ann, ...patch, companyName: null }) as CrmRecord);
    await choose(w, 'Ann Lee', 'Edit');
    await w.get('[data-testid="record-emails"]').setValue('ann@acme.test\nnot an address');
    await w.get('[data-testid="record-dialog"]').trigger('submit');
    await flushPromises();
    expect(w.get('[data-testid="record-dialog-error"]').text()).toContain('Some fields need attention');
    expect(w.text()).toContain('“not an address” is not an email address');
    expect(callsOf('records.update')).toEqual([]);

    await w.get('[data-testid="record-emails"]').setValue('ann@acme.test\nann.lee@home.test\n');
    await w.get('[data-testid="record-company-picker"] button').trigger('click');
    await w.get('[data-testid="record-name"]').setValue('Ann Lee-Smith');
    await w.get('[data-testid="record-dialog"]').trigger('submit');
    await flushPromises();
    expect(callsOf('records.update')).toEqual([
      { id: 'r-ann', patch: { name: 'Ann Lee-Smith', emails: ['ann@acme.test', 'ann.lee@home.test'], phone: '+33 1 02 03 04 05', companyId: null } },
    ]);
    expect(dialog()).toBeNull();
    expect(row(w, 'Ann Lee-Smith').find('[data-testid="record-company"]').exists()).toBe(false);
  });

  it('gives a client a company found by search (companies only)', async () => {
    vi.useFakeTimers();
    try {
      const w = await mountSection();
      on('records.update', ({ patch }) => ({ ...bob, ...patch, companyName: 'Acme' }) as CrmRecord);
      await choose(w, 'Bob Roy', 'Edit');
      on('records.search', () => ({ items: [acme], total: 1, totalCapped: false, nextCursor: null }));
      await w.get('[data-testid="record-company-picker"] [data-testid="picker-search"]').setValue('ac');
      await vi.advanceTimersByTimeAsync(300);
      expect(callsOf('records.search').at(-1)).toEqual({ q: 'ac', kind: 'company', limit: 10 });
      await w.get('[data-testid="picker-result"]').trigger('click');
      expect(document.activeElement?.textContent).toBe('Remove');
      await w.get('[data-testid="record-dialog"]').trigger('submit');
      await flushPromises();
      expect(callsOf('records.update')[0]!.patch).toMatchObject({ companyId: 'r-acme' });
      expect(row(w, 'Bob Roy').get('[data-testid="record-company"]').text()).toContain('Acme');
    } finally {
      vi.useRealTimers();
    }
  });

  it('edits a company’s domains; a refusal comes back under the field', async () => {
    const w = await mountSection();
    on('records.update', () => {
      throw apiError('validation_failed', 'Invalid', { status: 422, fields: { 'domains.1': 'Enter a domain like example.com.' } });
    });
    await choose(w, 'Acme', 'Edit');
    expect(w.find('[data-testid="record-company-picker"]').exists()).toBe(false);
    await w.get('[data-testid="record-domains"]').setValue('acme.test\nacme.example');
    await w.get('[data-testid="record-dialog"]').trigger('submit');
    await flushPromises();
    expect(callsOf('records.update')[0]!.patch).toEqual({ name: 'Acme', emails: [], phone: null, domains: ['acme.test', 'acme.example'] });
    expect(w.get('[data-testid="record-domains"]').attributes('aria-invalid')).toBe('true');
    expect(w.get('[data-testid="record-dialog-error"]').text()).toBe('Enter a domain name, like example.com.');
  });
});

describe('CSV import and export', () => {
  async function pickFile(w: VueWrapper, text = 'Name\nAda\n') {
    await w.get('[data-testid="records-import-open"]').trigger('click');
    const input = w.get('[data-testid="import-file"]');
    Object.defineProperty(input.element, 'files', { value: [new File([text], 'people.csv', { type: 'text/csv' })] });
    await input.trigger('change');
    await vi.waitFor(() => expect(w.find('[data-testid="records-import"]').attributes('data-step')).not.toBe('checking'));
    await flushPromises();
  }

  it('shows the dry run’s counts and the first refused rows, in the reader’s language', async () => {
    locale.value = 'fr';
    const w = await mountSection();
    const refused = Array.from({ length: 23 }, (_, i) => ({ line: i + 2, code: 'email_invalid' as const, reason: '“x” is not a valid email address.' }));
    on('admin.records.import', () => importResult({ created: 4, updated: 1, unchanged: 2, refused }));
    await pickFile(w);
    const counts = w.get('[data-testid="import-dry-run"]');
    expect(counts.get('[data-testid="count-created"]').text()).toBe('4');
    expect(counts.get('[data-testid="count-updated"]').text()).toBe('1');
    expect(counts.get('[data-testid="count-unchanged"]').text()).toBe('2');
    expect(counts.get('[data-testid="count-refused"]').text()).toBe('23');
    const lines = w.findAll('[data-testid="refused-row"]');
    expect(lines).toHaveLength(20);
    expect(lines[0]!.text()).toBe('2Une adresse e-mail n’est pas valide.');
    expect(w.text()).toContain('et 3 autres lignes refusées.');
    expect(w.get('[data-testid="import-confirm"]').text()).toBe('Importer 5 lignes');
    // Focus on the outcome's heading, for screen readers.
    expect(document.activeElement?.textContent).toContain('Ce que l’import de people.csv fera');
  });

  it('in English, a refused row keeps the API’s own sentence (it names the value)', async () => {
    const w = await mountSection();
    on('admin.records.import', () => importResult({ created: 1, refused: [{ line: 7, code: 'email_invalid', reason: '“not-an-address” is not a valid email address.' }] }));
    await pickFile(w);
    expect(w.get('[data-testid="refused-row"]').text()).toBe('7“not-an-address” is not a valid email address.');
    expect(w.get('[data-testid="import-confirm"]').text()).toBe('Import 1 row');
  });

  it('nothing to write: the import cannot be confirmed', async () => {
    const w = await mountSection();
    on('admin.records.import', () => importResult({ unchanged: 5 }));
    await pickFile(w);
    expect(w.get('[data-testid="import-confirm"]').attributes('disabled')).toBeDefined();
    expect(w.text()).toContain('Nothing to import');
  });

  it('runs with a progress bar, then shows the final counts and reads the list again', async () => {
    const w = await mountSection();
    let finish!: () => void;
    on('admin.records.import', (req) =>
      req.dryRun ? importResult({ created: 4000 }) : new Promise((r) => (finish = () => r(importResult({ created: 4000, dryRun: false })))),
    );
    await pickFile(w);
    const searches = callsOf('records.search').length;
    await w.get('[data-testid="import-confirm"]').trigger('click');
    await flushPromises();
    const importId = callsOf('admin.records.import')[1]!.importId;
    await fakeBrowser.runtime.onMessage.trigger({ broadcast: 'records.importProgress', importId, done: 1000, total: 4000 }, {});
    await flushPromises();
    const bar = w.get('[data-testid="import-progress"]');
    expect(bar.attributes('max')).toBe('4000');
    expect(bar.attributes('value')).toBe('1000');
    expect(bar.attributes('aria-valuetext')).toBe('1,000 of 4,000 rows');
    finish();
    await flushPromises();
    expect(w.get('[data-testid="import-result"] [data-testid="count-created"]').text()).toBe('4000');
    expect(callsOf('records.search').length).toBe(searches + 1);
    await w.get('[data-testid="import-finish"]').trigger('click');
    expect(dialog()).toBeNull();
  });

  it('a check that failed says why, and another file can be chosen', async () => {
    const w = await mountSection();
    on('admin.records.import', () => {
      throw apiError('payload_too_large', 'Too large', { status: 413 });
    });
    await pickFile(w);
    expect(w.get('[data-testid="import-error"]').text()).toBe('This is too large to save.');
    await w.get('[data-testid="import-another"]').trigger('click');
    await flushPromises();
    expect(document.activeElement).toBe(w.get('[data-testid="import-file"]').element);
  });

  it.each([
    ['en', 'The first line of the file must name the columns, with at least a “Name” (or “Nom”) column.'],
    ['fr', 'Le fichier ne se lit pas comme un CSV\u00a0: sa première ligne doit nommer les colonnes (au moins «\u00a0Nom\u00a0»), et chaque champ entre guillemets doit être fermé.'],
  ] as const)('an unreadable file is explained (%s)', async (lang, text) => {
    locale.value = lang;
    const w = await mountSection();
    on('admin.records.import', () => {
      throw apiError('validation_failed', 'Invalid', { status: 422, fields: { file: 'The first line of the file must name the columns, with at least a “Name” (or “Nom”) column.' } });
    });
    await pickFile(w, 'Foo;Bar\n1;2\n');
    expect(w.get('[data-testid="import-error"]').text()).toBe(text);
  });

  it('exports the kind shown as a CSV download', async () => {
    const w = await mountSection();
    on('admin.records.export', () => ({ csv: 'External ID,Kind,Name\r\n,company,Acme\r\n' }));
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => {
      blobs.push(b);
      return 'blob:x';
    });
    URL.revokeObjectURL = vi.fn();
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    await w.get('[data-testid="records-filter"]').setValue('company');
    await w.get('[data-testid="records-export"]').trigger('click');
    await flushPromises();
    expect(callsOf('admin.records.export')).toEqual([{ kind: 'company' }]);
    expect(clicked).toEqual([expect.stringMatching(/^mailroom-companies-\d{4}-\d{2}-\d{2}\.csv$/)]);
    // The byte order mark back in front, for spreadsheets.
    expect(new Uint8Array(await blobs[0]!.arrayBuffer()).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });
});
