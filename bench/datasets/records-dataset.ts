/**
 * The big data set the server benchmarks share: two organisations of `size` records each
 * (generate.ts), each with an admin and a member, on the real schema (every migration, triggers
 * included, so the search index is filled the way the app fills it).
 *
 * SQLite: built once into bench/.cache/records-<size>-<hash>.sqlite (gitignored) and reused; the
 * hash covers the migrations and this builder, so a schema change rebuilds. Bulk insert: prepared
 * statements in transactions of 20k records, journal off (a crash mid-build leaves a .tmp file,
 * never a half-built cache). Call `sqliteRecordsDataset(size)`, then open a *copy* if the run
 * writes (`copyDataset`). PostgreSQL: `loadRecordsIntoPostgres(db, size)` on a migrated database.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, sql } from 'kysely';
import { hashPassword } from '../../server/src/auth/passwords';
import { createDatabase, type Db } from '../../server/src/db/database';
import { migrateToLatest } from '../../server/src/db/migrate';
import { migrations } from '../../server/src/db/migrations';
import type { Database } from '../../server/src/db/schema';
import { createSqliteDialect } from '../../server/src/db/sqlite-dialect';
import { createOrganisationWithAdmin, createUser } from '../../server/src/orgs/orgs.service';
import { generateOrgRecords, type DatasetRecord } from './generate';

export interface DatasetOrg {
  id: string;
  name: string;
  adminId: string;
  adminEmail: string;
  memberId: string;
  memberEmail: string;
}
export interface SqliteDataset {
  file: string;
  size: number;
  orgs: DatasetOrg[];
  /** Build time in ms; null when the cached file was reused. */
  buildMs: number | null;
  /** CPU time of the build (this process), robust to a shared machine; null when reused. */
  buildCpuMs: number | null;
}

export const DATASET_PASSWORD = 'bench password';
const ORG_COUNT = 2;
const BATCH = 20_000;
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
export const cacheDir = path.join(root, 'bench/.cache');

/** Hash of what the file depends on: the migrations and the generator. */
function schemaHash(): string {
  const h = createHash('sha256');
  const dirs = [path.join(root, 'server/src/db/migrations'), here];
  for (const dir of dirs) {
    for (const f of fs.readdirSync(dir).sort()) {
      if (f.endsWith('.ts')) h.update(f).update(fs.readFileSync(path.join(dir, f)));
    }
  }
  h.update(path.join(root, 'server/src/records/fold.ts')).update(fs.readFileSync(path.join(root, 'server/src/records/fold.ts')));
  return h.digest('hex').slice(0, 12);
}

const SEARCH_INDEX_MIGRATION = '0003_record_search_index';

async function migrateBeforeSearchIndex(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const names = Object.keys(migrations);
  const before = names[names.indexOf(SEARCH_INDEX_MIGRATION) - 1];
  if (!before) throw new Error(`no migration before ${SEARCH_INDEX_MIGRATION}`);
  const { error } = await migrator.migrateTo(before);
  if (error) throw error;
}

/** A connection for building the file in one go: no journal, no fsync, a 512 MiB page cache. */
function buildPragmas(db: SQLite.Database): void {
  db.pragma('journal_mode = DELETE');
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -524288');
  db.pragma('temp_store = MEMORY');
  db.pragma('foreign_keys = ON');
}

/** The two organisations with their users, through the app's own services. */
async function createOrgs(db: Db): Promise<DatasetOrg[]> {
  const passwordHash = await hashPassword(DATASET_PASSWORD);
  const orgs: DatasetOrg[] = [];
  for (let i = 0; i < ORG_COUNT; i++) {
    const name = `Bench Org ${i + 1}`;
    const adminEmail = `admin${i + 1}@bench.test`;
    const memberEmail = `member${i + 1}@bench.test`;
    const { orgId, adminId } = await createOrganisationWithAdmin(db, { name, quota: 100 }, {
      email: adminEmail, password: DATASET_PASSWORD, passwordHash, firstName: 'Ada', lastName: `Admin ${i + 1}`,
    });
    const memberId = await createUser(db, orgId, {
      email: memberEmail, password: DATASET_PASSWORD, passwordHash, role: 'member', firstName: 'Max', lastName: `Member ${i + 1}`,
    });
    orgs.push({ id: orgId, name, adminId, adminEmail, memberId, memberEmail });
  }
  return orgs;
}

/** The cached SQLite data set of `size` records per organisation, built if missing. */
export async function sqliteRecordsDataset(size: number, log: (line: string) => void = console.log): Promise<SqliteDataset> {
  const file = path.join(cacheDir, `records-${size}-${schemaHash()}.sqlite`);
  const meta = `${file}.json`;
  if (fs.existsSync(file) && fs.existsSync(meta)) {
    return { file, size, orgs: JSON.parse(fs.readFileSync(meta, 'utf8')) as DatasetOrg[], buildMs: null, buildCpuMs: null };
  }
  fs.mkdirSync(cacheDir, { recursive: true });
  // Older builds of this size (another schema) only take disk space.
  for (const f of fs.readdirSync(cacheDir)) {
    if (f.startsWith(`records-${size}-`)) fs.rmSync(path.join(cacheDir, f), { force: true });
  }
  const tmp = `${file}.tmp`;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const cpuSeconds = () => {
    const used = process.cpuUsage(cpu0);
    return (used.user + used.system) / 1e6;
  };
  log(`building the ${size.toLocaleString('en')}-record data set (x${ORG_COUNT} organisations)...`);
  // Records are loaded before the search-index migration, whose backfill then builds the index
  // in one sorted pass (several times faster than a trigger per row); later migrations run after.
  const db = createDatabase({ kind: 'sqlite', file: tmp });
  await migrateBeforeSearchIndex(db);
  const orgs = await createOrgs(db);
  await db.destroy();

  const raw = new SQLite(tmp);
  buildPragmas(raw);
  // Secondary indexes are dropped during the load and rebuilt from their own SQL after it (one
  // sort each instead of a random b-tree insert per row).
  const indexes = raw
    .prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null
      and tbl_name in ('records', 'record_emails', 'record_domains')`)
    .all() as { name: string; sql: string }[];
  for (const ix of indexes) raw.exec(`drop index ${ix.name}`);
  const insertRecord = raw.prepare(
    'insert into records (id, org_id, kind, name, name_folded, phone, company_id, created_at) values (?, ?, ?, ?, ?, null, ?, ?)',
  );
  const insertEmail = raw.prepare('insert into record_emails (record_id, email) values (?, ?)');
  const insertDomain = raw.prepare('insert into record_domains (record_id, domain) values (?, ?)');
  const createdAt = new Date(Date.UTC(2024, 0, 1)).toISOString();
  const insertBatch = raw.transaction((orgId: string, batch: DatasetRecord[]) => {
    for (const rec of batch) {
      insertRecord.run(rec.id, orgId, rec.kind, rec.name, rec.nameFolded, rec.companyId, createdAt);
      for (const e of rec.emails) insertEmail.run(rec.id, e);
      for (const d of rec.domains) insertDomain.run(rec.id, d);
    }
  });
  orgs.forEach((org, i) => {
    let batch: DatasetRecord[] = [];
    for (const rec of generateOrgRecords(i, size)) {
      batch.push(rec);
      if (batch.length === BATCH) {
        insertBatch(org.id, batch);
        batch = [];
      }
    }
    insertBatch(org.id, batch);
  });
  for (const ix of indexes) raw.exec(ix.sql);
  raw.close();
  log(`  records loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s (CPU ${cpuSeconds().toFixed(1)} s); building the indexes...`);
  // The remaining migrations (the search index's backfill, every index on millions of rows) on a
  // connection tuned for a one-off build: no journal (a failure leaves only the .tmp file) and a
  // large page cache, instead of the app's WAL, which would write every page twice (the log, then
  // the checkpoint) and sort through a 64 MiB cache.
  const tuned = new SQLite(tmp);
  buildPragmas(tuned);
  const migrated = new Kysely<Database>({ dialect: createSqliteDialect(tuned) });
  await migrateToLatest(migrated);
  await migrated.destroy();
  const done = new SQLite(tmp);
  done.pragma('journal_mode = DELETE');
  done.close();
  fs.renameSync(tmp, file);
  fs.writeFileSync(meta, JSON.stringify(orgs, null, 2));
  const buildMs = performance.now() - t0;
  const buildCpuMs = cpuSeconds() * 1000;
  log(`built in ${(buildMs / 1000).toFixed(1)} s (CPU ${(buildCpuMs / 1000).toFixed(1)} s): ${path.relative(root, file)} (${(fs.statSync(file).size / 2 ** 20).toFixed(0)} MiB)`);
  return { file, size, orgs, buildMs, buildCpuMs };
}

/** A private copy of the data set (a run that analyses or writes leaves the cache as built). */
export function copyDataset(set: SqliteDataset, dir: string): string {
  const copy = path.join(dir, path.basename(set.file));
  fs.copyFileSync(set.file, copy);
  return copy;
}

/**
 * The same data set into a migrated PostgreSQL database, in batches of 5 000 rows per statement
 * (`insert ... select from unnest(arrays)`); the triggers fill the search index as they go.
 */
export async function loadRecordsIntoPostgres(db: Db, size: number): Promise<DatasetOrg[]> {
  const orgs = await createOrgs(db);
  const createdAt = new Date(Date.UTC(2024, 0, 1)).toISOString();
  for (const [i, org] of orgs.entries()) {
    let batch: DatasetRecord[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const emails = batch.flatMap((r) => r.emails.map((e) => [r.id, e] as const));
      const domains = batch.flatMap((r) => r.domains.map((d) => [r.id, d] as const));
      await db.transaction().execute(async (trx) => {
        await sql`insert into records (id, org_id, kind, name, name_folded, phone, company_id, created_at)
          select id, ${org.id}, kind, name, name_folded, null, company_id, ${createdAt}
          from unnest(${batch.map((r) => r.id)}::text[], ${batch.map((r) => r.kind)}::text[], ${batch.map((r) => r.name)}::text[],
                      ${batch.map((r) => r.nameFolded)}::text[], ${batch.map((r) => r.companyId)}::text[])
            as t(id, kind, name, name_folded, company_id)`.execute(trx);
        await sql`insert into record_emails (record_id, email)
          select * from unnest(${emails.map((e) => e[0])}::text[], ${emails.map((e) => e[1])}::text[])`.execute(trx);
        if (domains.length) {
          await sql`insert into record_domains (record_id, domain)
            select * from unnest(${domains.map((d) => d[0])}::text[], ${domains.map((d) => d[1])}::text[])`.execute(trx);
        }
      });
      batch = [];
    };
    for (const rec of generateOrgRecords(i, size)) {
      batch.push(rec);
      if (batch.length === 5_000) await flush();
    }
    await flush();
  }
  await sql`analyze`.execute(db);
  return orgs;
}
