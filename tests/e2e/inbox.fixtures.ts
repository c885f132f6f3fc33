/**
 * Synced mail for the shared-inbox end-to-end tests, written as the sync writes it (a message and
 * its link to the account with source 'sync') straight into the API's SQLite file: the sync itself
 * needs a mail server, and the inbox only reads what it stored. The API keeps running meanwhile
 * (WAL: its reads see the rows at their next transaction).
 */
import SQLite from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import path from 'node:path';

export interface SyncedMail {
  messageId: string;
  subject: string;
  from: { name: string; address: string };
  to: string;
  date: string;
  snippet: string;
}

export function insertSyncedMail(dataDir: string, accountId: string, mails: SyncedMail[]): void {
  const db = new SQLite(path.join(dataDir, 'mailroom.sqlite'));
  try {
    db.pragma('busy_timeout = 5000');
    const { org_id: orgId } = db.prepare('SELECT org_id FROM email_accounts WHERE id = ?').get(accountId) as { org_id: string };
    const message = db.prepare(
      `INSERT INTO messages (id, org_id, message_key, message_id, subject, from_name, from_address, to_json, date, snippet, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const link = db.prepare(
      `INSERT INTO message_accounts (message_id, account_id, source, folder, received_at) VALUES (?, ?, 'sync', 'INBOX', ?)`,
    );
    db.transaction(() => {
      for (const m of mails) {
        const id = randomUUID();
        const date = new Date(m.date).toISOString();
        // The key is the normalised Message-ID (no angle brackets, domain lower-cased): give it so.
        message.run(id, orgId, m.messageId, m.messageId, m.subject, m.from.name, m.from.address, JSON.stringify([{ address: m.to }]), date, m.snippet, date);
        link.run(id, accountId, date);
      }
    })();
  } finally {
    db.close();
  }
}
