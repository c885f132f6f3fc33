/**
 * The PostgreSQL floor of the production filing benchmark: the rows a new filing writes (message,
 * account link, two filings, two audit entries) inserted with `pg` directly, one transaction per
 * filing, from `connections` clients at once (the API processes' load is concurrent too), on a
 * migrated database. The same rows as raw-insert.ts writes on SQLite.
 */
import pg from 'pg';
import { createDatabase } from '../../server/src/db/database';
import { migrateToLatest } from '../../server/src/db/migrate';
import { newId, nowIso } from '../../server/src/db/values';
import { styledReplyHtml } from './bodies';

/** Filings per second over `seconds` of one-transaction inserts from `connections` clients, on the empty database at `url`. */
export async function rawPostgresInsertRate(url: string, connections: number, seconds: number): Promise<number> {
  const kysely = createDatabase({ kind: 'postgres', url });
  await migrateToLatest(kysely);
  await kysely.destroy();

  const pool = new pg.Pool({ connectionString: url, max: connections });
  // An idle client cut by the server (the database dropped with FORCE right after) must not end
  // the bench: only queries' errors count, and they reject their own promises.
  pool.on('error', () => undefined);
  const now = nowIso();
  await pool.query("insert into organisations (id, name, quota, created_at) values ('o', 'Raw', 10, $1)", [now]);
  await pool.query(`insert into users (id, org_id, email, role, first_name, last_name, password_hash, created_at)
    values ('u', 'o', 'u@raw.test', 'member', 'U', 'R', 'x', $1)`, [now]);
  await pool.query(`insert into email_accounts (id, org_id, address, in_protocol, in_host, in_port, in_security, in_username, in_password_enc, created_at, updated_at)
    values ('a', 'o', 'sales@raw.test', 'imap', 'imap.raw.test', 993, 'tls', 'sales', 'x', $1, $1)`, [now]);
  for (const r of ['r1', 'r2']) {
    await pool.query(`insert into records (id, org_id, kind, name, name_folded, created_at) values ($1, 'o', 'contact', $1, $1, $2)`, [r, now]);
  }
  let n = 0;
  let done = 0;
  const until = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      const c = await pool.connect();
      try {
        while (performance.now() < until) {
          const i = n++;
          const id = newId();
          const t = nowIso();
          await c.query('begin');
          await c.query(
            `insert into messages (id, org_id, message_key, message_id, subject, from_address, to_json, cc_json, date, snippet, body_html_pending, body_text, attachments_json, created_at)
             values ($1, 'o', $2, $2, 'Re: devis', 'c@x.test', '[]', '[]', $3, '', $4, 'text', '[]', $3)`,
            [id, `raw-${i}@x.test`, t, styledReplyHtml],
          );
          await c.query(`insert into message_accounts (message_id, account_id) values ($1, 'a')`, [id]);
          for (const r of ['r1', 'r2']) {
            const f = newId();
            await c.query(`insert into filings (id, message_id, record_id, filed_by, filed_at, source) values ($1, $2, $3, 'u', $4, 'manual')`, [f, id, r, t]);
            await c.query(`insert into audit_log (id, org_id, actor_id, action, subject_type, subject_id, detail_json, at) values ($1, 'o', 'u', 'message.filed', 'filing', $2, '{}', $3)`, [newId(), f, t]);
          }
          await c.query('commit');
          done++;
        }
      } finally {
        c.release();
      }
    }),
  );
  const rate = done / ((performance.now() - t0) / 1000);
  await pool.end();
  return rate;
}
