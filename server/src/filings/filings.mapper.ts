/** Stored filing rows in the contract's shapes. */
import type { Filing, StoredMessage } from '../../../contract/filings';
import type { MessageRow } from '../db/tables/content.table';
import type { listFilingsOfMessages } from './filings.repository';

function parseJsonArray<T>(text: string): T[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

/** The columns a stored message is shown from (a row just inserted has them without a read). */
export const shownMessageColumns = [
  'id', 'message_key', 'message_id', 'thread_id', 'subject', 'from_name', 'from_address', 'date', 'snippet', 'attachments_json',
] as const satisfies readonly (keyof MessageRow)[];
export type ShownMessageRow = Pick<MessageRow, (typeof shownMessageColumns)[number]>;

export function toStoredMessage(m: ShownMessageRow): StoredMessage {
  return {
    id: m.id,
    messageKey: m.message_key,
    messageId: m.message_id,
    threadId: m.thread_id,
    subject: m.subject,
    from: m.from_name ? { name: m.from_name, address: m.from_address } : { address: m.from_address },
    date: m.date,
    snippet: m.snippet,
    attachments: parseJsonArray<{ name: string; size: number; contentType: string }>(m.attachments_json),
  };
}

type FilingRow = Awaited<ReturnType<typeof listFilingsOfMessages>>[number];

export const fullName = (u: { first_name: string | null; last_name: string | null; email: string | null }) =>
  `${u.first_name ?? ''} ${u.last_name ?? ''}`.trim() || (u.email ?? '');

export function toFiling(f: FilingRow): Filing {
  return {
    id: f.id,
    record: { id: f.record_id, kind: f.record_kind, name: f.record_name },
    filedBy: f.user_id ? { id: f.user_id, fullName: fullName({ first_name: f.first_name, last_name: f.last_name, email: f.user_email }) } : null,
    filedAt: f.filed_at,
    source: f.source,
  };
}
