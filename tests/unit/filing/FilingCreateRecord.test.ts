import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import FilingCreateRecord from '@/components/filing/FilingCreateRecord.vue';
import type { RecordLookup, RecordLookupQuery } from '@/contract';
import { locale } from '@/utils/i18n';
import { bob, record } from './filing-mock';

const acme = { ...record('rec-acme', 'Acme Widgets', 'company'), domains: ['acme.test'] };
const nothing: RecordLookup = { byEmail: [], byDomain: [] };

function mountForm(sender: { name?: string; address: string }, answer: (q: RecordLookupQuery) => RecordLookup = () => nothing) {
  const lookup = vi.fn(async (q: RecordLookupQuery) => answer(q));
  const w = mount(FilingCreateRecord, { props: { sender, lookup, open: true } });
  return { w, lookup };
}
const values = (w: ReturnType<typeof mountForm>['w']) =>
  w.findAll('input:not([type="radio"])').map((i) => (i.element as HTMLInputElement).value);

describe('FilingCreateRecord ("Create and file")', () => {
  it('prefills a person from the sender, links the company found by the domain, and creates and files in one action', async () => {
    const { w, lookup } = mountForm({ name: 'Wendy Widget', address: 'Wendy@Acme.test' }, (q) => (q.domain ? { byEmail: [], byDomain: [acme] } : nothing));
    await flushPromises();
    expect(lookup).toHaveBeenCalledWith({ email: 'wendy@acme.test', domain: 'acme.test' });
    expect(values(w)).toEqual(['Wendy Widget', 'wendy@acme.test', 'Acme Widgets']);
    expect(w.get('[data-testid="create-company-hint"]').text()).toBe('Already in Mailroom: linked to it.');
    expect(w.get('button[type="submit"]').text()).toBe('Create and file');

    await w.get('form').trigger('submit');
    expect(w.emitted('create')?.[0]).toEqual([
      { record: { kind: 'client', name: 'Wendy Widget', emails: ['wendy@acme.test'], companyId: acme.id, allowDuplicateEmail: false } },
      'Acme Widgets',
    ]);
  });

  it('names a new company after the domain when none is in Mailroom, and creates it with the person', async () => {
    const { w } = mountForm({ name: 'Nina New', address: 'nina@newco.test' });
    await flushPromises();
    expect(values(w)).toEqual(['Nina New', 'nina@newco.test', 'Newco']);
    expect(w.get('[data-testid="create-company-hint"]').text()).toBe('A new company, created with it.');
    await w.get('[data-testid="create-company"]').setValue('NewCo Industries');
    await w.get('input[value="contact"]').setValue(true);
    await flushPromises();
    // The kind changed: the form was filled again from the sender.
    await w.get('[data-testid="create-company"]').setValue('NewCo Industries');
    await w.get('form').trigger('submit');
    expect(w.emitted('create')?.[0]).toEqual([
      { record: { kind: 'contact', name: 'Nina New', emails: ['nina@newco.test'], allowDuplicateEmail: false }, company: { name: 'NewCo Industries', domains: ['newco.test'] } },
      'NewCo Industries',
    ]);
  });

  it('never guesses a company from a free-mail address', async () => {
    const { w, lookup } = mountForm({ name: 'Pat Perso', address: 'pat@gmail.com' });
    await flushPromises();
    expect(lookup).toHaveBeenCalledWith({ email: 'pat@gmail.com' });
    expect(values(w)).toEqual(['Pat Perso', 'pat@gmail.com', '']);
    await w.get('form').trigger('submit');
    expect(w.emitted('create')?.[0]).toEqual([{ record: { kind: 'client', name: 'Pat Perso', emails: ['pat@gmail.com'], allowDuplicateEmail: false } }, null]);
  });

  it('offers the record that already holds the address, and creating anyway is explicit', async () => {
    const { w } = mountForm({ name: 'Bob Buyer', address: 'bob@client.test' }, (q) => (q.email === 'bob@client.test' ? { byEmail: [bob], byDomain: [] } : nothing));
    await flushPromises();
    expect(w.get('[data-testid="create-duplicate"]').text()).toContain('Already in Mailroom: Bob Buyer');
    await w.get('[data-testid="create-duplicate"] button').trigger('click');
    expect(w.emitted('file')).toEqual([[bob.id]]);

    expect(w.get('button[type="submit"]').text()).toBe('Create anyway and file');
    await w.get('form').trigger('submit');
    expect((w.emitted('create')?.[0]?.[0] as { record: { allowDuplicateEmail: boolean } }).record.allowDuplicateEmail).toBe(true);

    // Typing another address looks again (after a pause) and the warning goes.
    vi.useFakeTimers();
    try {
      await w.findAll('input[type="email"]')[0]!.setValue('bobby@client.test');
      await vi.advanceTimersByTimeAsync(350);
      await flushPromises();
      expect(w.find('[data-testid="create-duplicate"]').exists()).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('warns about a company whose domain another company has, and creates it with that domain', async () => {
    const { w } = mountForm({ address: 'info@acme.test' }, (q) => (q.domain === 'acme.test' ? { byEmail: [], byDomain: [acme] } : nothing));
    await w.get('input[value="company"]').setValue(true);
    await flushPromises();
    expect(values(w)).toEqual(['Acme', 'acme.test']);
    expect(w.get('[data-testid="create-duplicate"]').text()).toContain('Already in Mailroom: Acme Widgets');
    await w.get('form').trigger('submit');
    expect(w.emitted('create')?.[0]).toEqual([{ record: { kind: 'company', name: 'Acme', domains: ['acme.test'], allowDuplicateEmail: false } }, null]);
  });

  it('speaks French', async () => {
    locale.value = 'fr';
    try {
      const { w } = mountForm({ address: 'bob@client.test' }, () => ({ byEmail: [bob], byDomain: [] }));
      await flushPromises();
      expect(w.get('[data-testid="create-duplicate"]').text()).toContain('Déjà dans Mailroom\u00a0: Bob Buyer');
      expect(w.get('button[type="submit"]').text()).toBe('Créer quand même et classer');
    } finally {
      locale.value = 'en';
    }
  });
});
