/**
 * The floor the filing path is compared with: the same rows a new filing writes (message, account
 * link, two filings, two audit entries), inserted with better-sqlite3 directly, one transaction
 * per filing, on a migrated SQLite file with the app's pragmas (WAL, foreign keys).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { createDatabase } from '../../server/src/db/database';
import { migrateToLatest } from '../../server/src/db/migrate';
import { newId, nowIso } from '../../server/src/db/values';
import { styledReplyHtml } from './bodies';

/** Filings per second over `count` one-transaction inserts. */
export async function rawInsertRate(count: number): Promise<number> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mailroom-raw-'));
  const file = path.join(dir, 'mailroom.sqlite');
  const kysely = createDatabase({ kind: 'sqlite', file });
  await migrateToLatest(kysely);
  await kysely.destroy();

  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  const now = nowIso();
  db.prepare("insert into organisations (id, name, quota, created_at) values ('o', 'Raw', 10, ?)").run(now);
  db.prepare(`insert into users (id, org_id, email, role, first_name, last_name, password_hash, created_at)
    values ('u', 'o', 'u@raw.test', 'member', 'U', 'R', 'x', ?)`).run(now);
  db.prepare(`insert into email_accounts (id, org_id, address, in_protocol, in_host, in_port, in_security, in_username, in_password_enc, created_at, updated_at)
    values ('a', 'o', 'sales@raw.test', 'imap', 'imap.raw.test', 993, 'tls', 'sales', 'x', ?, ?)`).run(now, now);
  for (const r of ['r1', 'r2']) {
    db.prepare(`insert into records (id, org_id, kind, name, name_folded, created_at) values (?, 'o', 'contact', ?, ?, ?)`).run(r, r, r, now);
  }
  const message = db.prepare(`insert into messages (id, org_id, message_key, message_id, subject, from_address, to_json, cc_json, date, snippet,
    body_html_pending, body_text, attachments_json, created_at) values (?, 'o', ?, ?, 'Re: devis', 'c@x.test', '[]', '[]', ?, '', ?, 'text', '[]', ?)`);
  const link = db.prepare(`insert into message_accounts (message_id, account_id) values (?, 'a')`);
  const filing = db.prepare(`insert into filings (id, message_id, record_id, filed_by, filed_at, source) values (?, ?, ?, 'u', ?, 'manual')`);
  const audit = db.prepare(`insert into audit_log (id, org_id, actor_id, action, subject_type, subject_id, detail_json, at)
    values (?, 'o', 'u', 'message.filed', 'filing', ?, '{}', ?)`);
  const fileOne = db.transaction((i: number) => {
    const id = newId();
    const t = nowIso();
    message.run(id, `raw-${i}@x.test`, `raw-${i}@x.test`, t, styledReplyHtml, t);
    link.run(id);
    for (const r of ['r1', 'r2']) {
      const f = newId();
      filing.run(f, id, r, t);
      audit.run(newId(), f, t);
    }
  });
  const t0 = performance.now();
  for (let i = 0; i < count; i++) fileOne(i);
  const rate = count / ((performance.now() - t0) / 1000);
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return rate;
}
