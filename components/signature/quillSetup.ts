/**
 * Quill as the signature editor uses it: only formats that survive in a mail client and in
 * Mailroom's sanitizer (utils/sanitize.ts allows inline styles but no classes), so alignment is
 * written as `style="text-align"` rather than Quill's default `ql-align-*` class.
 */
import Quill from 'quill';
import { AlignStyle } from 'quill/formats/align.js';
import 'quill/dist/quill.core.css';

Quill.register({ 'formats/align': AlignStyle }, true);

/** Formats the toolbar offers; anything else pasted into the rich view is dropped by Quill. */
export const signatureFormats = ['bold', 'italic', 'underline', 'color', 'background', 'align', 'link', 'image', 'list'];

export { Quill };
