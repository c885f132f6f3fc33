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
    // Sandboxed without allow-scripts: nothing in it runs (same-origin only lets this page measure it).
    expect(frame.attributes('sandbox')!.split(/\s+/)).toEqual(['allow-same-origin']);
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

  it('is as tall as its content once loaded, growing and shrinking with it (no fixed cut)', async () => {
    on('signatures.preview', (req) => ({ id: null, html: req.html, warnings: [] }));
    const wrapper = mountPreview('<table><tr><td><img src="https://cdn.example/logo.png" height="400"></td></tr></table>');
    await vi.advanceTimersByTimeAsync(400);
    await flushPromises();
    const frame = wrapper.get<HTMLIFrameElement>('iframe');
    // jsdom lays nothing out: the frame's document reports the height a browser would.
    let contentHeight = 640.4;
    frame.element.contentDocument!.documentElement.getBoundingClientRect = () => new DOMRect(0, 0, 600, contentHeight);
    await frame.trigger('load');
    expect(frame.element.style.height).toBe('641px');
    contentHeight = 90;
    await wrapper.setProps({ html: '<p>Short</p>' });
    await vi.advanceTimersByTimeAsync(400);
    await flushPromises();
    await frame.trigger('load');
    expect(frame.element.style.height).toBe('90px');
    expect(frame.element.style.maxHeight).toBe('');
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
