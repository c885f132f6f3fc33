import { createUiStylesReader } from '@/webmail/ui-styles';

describe('the in-page UI stylesheet reader', () => {
  it('reads the stylesheet once for every shadow root and scopes its variables to the host', async () => {
    const urls: string[] = [];
    const read = createUiStylesReader((url) => {
      urls.push(url);
      return Promise.resolve(':root{--mr-accent:#1a73e8}:root .x{color:red}');
    });
    const [a, b] = await Promise.all([read(), read()]);
    expect(await read()).toBe(a);
    expect(b).toBe(':host{--mr-accent:#1a73e8}:host .x{color:red}');
    expect(urls).toHaveLength(1);
    expect(urls[0]).toMatch(/\/content-scripts\/mail-ui\.css$/);
  });

  it('gives unstyled controls rather than none when the file cannot be read', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const read = createUiStylesReader(() => Promise.reject(new Error('HTTP 404')));
    expect(await read()).toBe('');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('in-page styles'), expect.any(Error));
  });
});
