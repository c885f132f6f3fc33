/** Keeping a filed message's attachments: read with the page's session, uploaded through the background. */
import { limits } from '@/contract/limits';
import { send } from '@/messaging/client';
import { t } from '@/utils/i18n';
import type { OpenMessage } from '@/webmail/types';
import type { ResolvedMessage } from './source';
import '@/locales/filing';

export interface KeepAttachmentsOptions {
  fetchAttachment: (m: OpenMessage, index: number) => Promise<Blob | undefined>;
  accountId: string;
  id: ResolvedMessage;
  /** Shows a message the user understands (the store's `error`). */
  showError: (message: string) => void;
  /** The store's one path for unexpected failures. */
  unexpectedError: (e: unknown) => void;
}

/**
 * Reads each attachment with the page's session and keeps it with the filed message; resolves
 * with how many were kept.
 */
export async function keepAttachments(m: OpenMessage, o: KeepAttachmentsOptions): Promise<number> {
  let total = 0;
  let kept = 0;
  for (const [index, a] of m.attachments.entries()) {
    const blob = await o.fetchAttachment(m, index);
    if (!blob) continue;
    total += blob.size;
    // The API enforces the cap too (413); checking first saves uploading what it would refuse.
    if (total > limits.attachmentBytesPerMessage) {
      o.showError(t('filing.attachmentTooLarge', { name: a.name }));
      break;
    }
    try {
      await send('attachments.upload', {
        accountId: o.accountId,
        messageId: o.id.messageId ?? o.id.key,
        name: a.name,
        contentType: a.contentType || blob.type || 'application/octet-stream',
        contentBase64: await toBase64(blob),
      });
      kept++;
    } catch (e) {
      o.unexpectedError(e);
      break;
    }
  }
  return kept;
}

async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  // Chunks keep String.fromCharCode under the engine's argument limit.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
