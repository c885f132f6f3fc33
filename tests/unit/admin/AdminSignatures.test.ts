import { flushPromises } from '@vue/test-utils';
import AdminSignatures from '@/components/admin/AdminSignatures.vue';
import type { Signature } from '@/contract';
import { useAdminMount } from './adminMount';
import { apiError, callsOf, makeAccount, makeSignature, on } from './mockApi';

vi.mock('@/messaging/client', () => import('./mockApi'));

beforeAll(() => {
  // jsdom has no layout; Quill asks a Range for its box when focusing.
  Range.prototype.getBoundingClientRect ??= () => new DOMRect(0, 0, 0, 0);
});

const mountAdmin = useAdminMount();

const account = makeAccount({ id: 'acc-1', address: 'sales@acme.fr' });

async function mountPanel(list: Signature[]) {
  on('signatures.list', () => list);
  on('admin.access.list', () => []);
  on('signatures.preview', (req) => ({ id: null, html: req.html, warnings: [] }));
  const wrapper = mountAdmin(AdminSignatures, { account });
  await flushPromises();
  return wrapper;
}

describe('AdminSignatures', () => {
  it('disables "add" at three signatures and says why', async () => {
    const w = await mountPanel([1, 2, 3].map((position) => makeSignature({ position, name: `S${position}` })));
    expect(w.findAll('[data-testid="signature-item"]').map((i) => i.attributes('data-name'))).toEqual(['S1', 'S2', 'S3']);
    expect(w.get('[data-testid="signature-add"]').attributes('disabled')).toBeDefined();
    expect(w.get('[data-testid="signature-limit"]').text()).toContain('at most 3 signatures');
  });

  it('creates a signature written in the source view', async () => {
    const w = await mountPanel([]);
    await w.get('[data-testid="signature-add"]').trigger('click');
    await w.get('[data-testid="signature-name"]').setValue('Formal');
    await w.get('[data-testid="tool-source"]').trigger('click');
    await w.get('[data-testid="signature-source"]').setValue('<p>{{user.fullName}}</p>');
    on('signatures.create', ({ accountId, signature }) => makeSignature({ accountId, ...signature }));
    await w.get('[data-testid="signature-save"]').trigger('click');
    await flushPromises();
    expect(callsOf('signatures.create')).toEqual([{ accountId: 'acc-1', signature: { name: 'Formal', html: '<p>{{user.fullName}}</p>' } }]);
    expect(w.find('[data-testid="signature-form"]').exists()).toBe(false);
    expect(w.findAll('[data-testid="signature-item"]')).toHaveLength(1);
    // Confirmed where the admin looks, not only to screen readers.
    expect(w.get('[data-testid="toast"]').text()).toContain('Signature “Formal” saved.');
    expect(w.get('[data-testid="toast"]').element.closest('[aria-live="polite"]')).not.toBeNull();
  });

  it('refuses to save an unknown merge tag before calling the API', async () => {
    const w = await mountPanel([]);
    await w.get('[data-testid="signature-add"]').trigger('click');
    await w.get('[data-testid="tool-source"]').trigger('click');
    await w.get('[data-testid="signature-source"]').setValue('<p>{{user.nickname}}</p>');
    await w.get('[data-testid="signature-save"]').trigger('click');
    await flushPromises();
    expect(w.get('[data-testid="signature-error"]').text()).toContain('{{user.nickname}}');
    expect(callsOf('signatures.create')).toHaveLength(0);
    // Corrected: the message goes at once, before any new save.
    await w.get('[data-testid="signature-source"]').setValue('<p>{{user.firstName}}</p>');
    expect(w.get('[data-testid="signature-error"]').text()).toBe('');
  });

  it('clears a name’s message as soon as the name is typed again', async () => {
    const w = await mountPanel([]);
    await w.get('[data-testid="signature-add"]').trigger('click');
    await w.get('[data-testid="signature-name"]').setValue('  ');
    await w.get('[data-testid="signature-save"]').trigger('click');
    const name = w.get('[data-testid="signature-name"]');
    expect(name.attributes('aria-invalid')).toBe('true');
    await name.setValue('Formal');
    expect(name.attributes('aria-invalid')).toBeUndefined();
    expect(w.get('.mr-field__msg').text()).toBe('');

    const s = makeSignature({ id: 'sig-x', accountId: 'acc-1', name: 'Old' });
    const r = await mountPanel([s]);
    await r.get('[data-testid="signature-rename"]').trigger('click');
    await r.get('[data-testid="signature-rename-input"]').setValue('');
    await r.get('.mr-signatures__rename').trigger('submit');
    expect(r.get('[data-testid="signature-rename-input"]').attributes('aria-invalid')).toBe('true');
    await r.get('[data-testid="signature-rename-input"]').setValue('New');
    expect(r.get('[data-testid="signature-rename-input"]').attributes('aria-invalid')).toBeUndefined();
  });

  it('shows the API’s refusal when saving', async () => {
    const w = await mountPanel([]);
    await w.get('[data-testid="signature-add"]').trigger('click');
    on('signatures.create', () => {
      throw apiError('signature_limit', 'This account already has 3 signatures.', { status: 409 });
    });
    await w.get('[data-testid="signature-save"]').trigger('click');
    await flushPromises();
    expect(w.get('[data-testid="signature-error"]').text()).toBe('An account has at most 3 signatures.');
  });

  it('renames and deletes', async () => {
    const s = makeSignature({ id: 'sig-x', accountId: 'acc-1', name: 'Old' });
    const w = await mountPanel([s]);
    await w.get('[data-testid="signature-rename"]').trigger('click');
    await w.get('[data-testid="signature-rename-input"]').setValue('New');
    on('signatures.update', ({ id, patch }) => ({ ...s, id, name: patch.name ?? s.name }));
    await w.get('.mr-signatures__rename').trigger('submit');
    await flushPromises();
    expect(w.get('[data-testid="signature-item"]').attributes('data-name')).toBe('New');

    on('signatures.delete', () => undefined);
    await w.get('[data-testid="signature-delete"]').trigger('click');
    await w.get('[data-testid="signature-delete-confirm"]').trigger('click');
    await flushPromises();
    expect(callsOf('signatures.delete')).toEqual([{ id: 'sig-x' }]);
    expect(w.findAll('[data-testid="signature-item"]')).toHaveLength(0);
  });
});
