/** What the record card shows beyond the record itself: its company and its recent filed mail. */
import type { CrmRecord, RecordMessages } from '@/contract';
import { send } from '@/messaging/client';

/** A glance, as in HubSpot's and Odoo's sidebars; the rest is in the CRM. */
export const recentMailCount = 5;

export interface RecordCardData {
  /** The record's company (a person's), when it has one. */
  company?: CrmRecord;
  recent: RecordMessages['items'];
  total: number;
}

/** Loads the company (unless `known` has it) and the recent mail, side by side. */
export async function loadRecordCard(record: CrmRecord, known: readonly CrmRecord[]): Promise<RecordCardData> {
  const companyId = record.companyId;
  const [company, mail] = await Promise.all([
    companyId ? (known.find((r) => r.id === companyId) ?? send('records.get', { id: companyId })) : undefined,
    send('records.messages', { id: record.id, limit: recentMailCount }),
  ]);
  return { ...(company && { company }), recent: mail.items, total: mail.total };
}
