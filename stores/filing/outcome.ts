/** What the user is told once a filing attempt went through the background queue. */
import type { FilingOutcome } from '@/background/filing-queue.types';
import { errorMessage } from '@/composables/useErrorMessage';
import { t } from '@/utils/i18n';
import '@/locales/filing';

export interface FilingSummary {
  /** Set when a filing failed (the first failure's message). */
  error?: string;
  /** Set otherwise: filed, or kept pending; plus how many attachments were kept. */
  notice?: string;
  failed: boolean;
}

/**
 * `recordNames` are the names of the records filed to; `keptAttachments` how many were uploaded;
 * `createdName` the record created with the filing ("Create and file"), if any.
 */
export function summarizeOutcomes(
  outcomes: readonly FilingOutcome[],
  recordNames: readonly string[],
  keptAttachments: number,
  createdName?: string,
): FilingSummary {
  const failed = outcomes.find((o) => o.status === 'failed');
  let error: string | undefined;
  let notice: string | undefined;
  if (failed?.status === 'failed') error = t('filing.failed', { message: failed.item.lastError ? errorMessage(failed.item.lastError) : '' });
  else if (outcomes.some((o) => o.status === 'queued')) notice = t('filing.queued');
  else if (createdName !== undefined) notice = t('filing.createdAndFiled', { name: createdName });
  else notice = t('filing.filed', { names: recordNames.join(', ') });
  if (keptAttachments) notice = `${notice ?? ''} ${t('filing.attachmentsKept', { n: keptAttachments })}`.trim();
  return { error, notice, failed: !!failed };
}
