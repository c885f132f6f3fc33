import { flushPromises } from '@vue/test-utils';
import SignaturePreview from '@/components/signature/SignaturePreview.vue';
import { useAdminMount } from '../admin/adminMount';
import { callsOf, on } from '../admin/mockApi';

vi.mock('@/messaging/client', () => import('../admin/mockApi'));

const mountAdmin = useAdminMount();
beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const mountPreview = (html: string) => mountAdmin(SignaturePreview, { accountId: 'acc-1', html, people: [{ id: 'u-2', label: 'Bob Martin' }] });

describe('SignaturePreview', () => {
  it('renders what the API returns, sanitized again, in a sandboxed frame', async () => {
    // Even if the API let something through, the page sanitizes with the same allow-list.
    on('signatures.preview', (req) => ({ id: null, html: `<p>Ada Admin</p><img src=x onerror=alert(1)><script>alert(2)</script>${req.html.length}`, warnings: [] }));
    const wrapper = mountPreview('<p>{{user.fullName}}</p>');
    await vi.advanceTimersByTimeAsync(400);
    await flushPromises();
    const frame = wrapper.get('iframe');
    expect(frame.attributes('sandbox')).toBe('');
    const srcdoc = frame.attributes('srcdoc') ?? '';
    expect(srcdoc).toContain('<p>Ada Admin</p>');
    expect(srcdoc).not.toMatch(/onerror|<script|alert/);
    expect(srcdoc).toContain("default-src 'none'");
    expect(callsOf('signatures.preview')).toEqual([{ accountId: 'acc-1', html: '<p>{{user.fullName}}</p>' }]);
  });

  it('asks again as another user when "preview as" changes, and waits for typing to pause', async () => {
    on('signatures.preview', (req) => ({ id: null, html: `<p>${req.asUserId ?? 'me'}</p>`, warnings: [] }));
    const wrapper = mountPreview('<p>a</p>');
    await wrapper.setProps({ html: '<p>ab</p>' });
    await wrapper.setProps({ html: '<p>abc</p>' });
    expect(wrapper.get('section').attributes('data-pending')).toBe('true');
    await vi.advanceTimersByTimeAsync(400);
    await flushPromises();
    expect(callsOf('signatures.preview')).toHaveLength(1);
    expect(wrapper.get('section').attributes('data-pending')).toBe('false');
    await wrapper.get('select').setValue('u-2');
    await vi.advanceTimersByTimeAsync(10);
    await flushPromises();
    expect(callsOf('signatures.preview').at(-1)).toEqual({ accountId: 'acc-1', html: '<p>abc</p>', asUserId: 'u-2' });
    expect(wrapper.get('iframe').attributes('srcdoc')).toContain('<p>u-2</p>');
  });

  it('shows the API’s refusal (e.g. an unknown merge tag)', async () => {
    const { apiError } = await import('../admin/mockApi');
    on('signatures.preview', () => {
      throw apiError('unknown_merge_tag', 'Unknown merge tag {{user.nick}}.', { status: 422, fields: { html: 'x', tag: 'user.nick' } });
    });
    const wrapper = mountPreview('<p>{{user.nick}}</p>');
    await vi.advanceTimersByTimeAsync(400);
    await flushPromises();
    expect(wrapper.get('[role="alert"]').text()).toBe('{{user.nick}} is not a merge tag: pick tags from the “Merge tags” menu.');
  });
});
