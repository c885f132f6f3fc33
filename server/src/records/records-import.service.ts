/**
 * CSV import of records. A row updates the record it matches — by external id, then by one of its
 * emails, then (companies) by one of its domains, then by name when it carries no other key — and
 * creates one otherwise; a row equal to what is stored changes nothing. A company named in the
 * `company` column is linked, and created when the organisation has none of that name.
 *
 * The whole file is read and checked before anything is written (a file that is not CSV writes
 * nothing). Rows are then written a batch at a time, one transaction per batch, so a big file
 * neither holds the write lock for long nor half-writes a row. What the file has done so far is
 * kept in memory (`ImportIndex`), so a row matches one created earlier in the file and a dry run
 * gives the same answer as the import itself.
 */
import type { ImportRefusal, RecordImportResult, RecordKind } from '../../../contract/records';
import { recordAudit } from '../audit/audit.service';
import { optimizeDatabase, type Db } from '../db/database';
import type { RecordRow } from '../db/tables/content.table';
import { newId, newTimeOrderedId, nowIso } from '../db/values';
import type { AuthContext } from '../http/request-context';
import { lockOrganisation } from '../orgs/orgs.repository';
import { foldText } from './fold';
import { sameKindGroup } from './records-admin.service';
import { checkRowKind, decodeCsv, mapHeader, readCsvLines, readRecordRow, RowRefused, type CsvField, type CsvLine, type CsvRecordRow } from './records-csv';
import { findImportCandidates, insertRecordDomains, insertRecordEmails, insertRecords, loadImportDetails, type ImportKeys } from './records-import.repository';
import { replaceRecordDomains, replaceRecordEmails, updateRecordRow } from './records.repository';

/** Rows per transaction. */
export const IMPORT_BATCH_ROWS = 1_000;

/** A record as the import sees it: stored, or created or changed by an earlier row. */
interface Known {
  id: string;
  kind: RecordKind;
  name: string;
  nameFolded: string;
  phone: string | null;
  companyId: string | null;
  externalId: string | null;
  /** Sorted, so two records compare by value. */
  emails: string[];
  domains: string[];
}

export interface ImportOptions {
  dryRun: boolean;
  batchRows?: number;
  /** After each batch: rows handled so far, of `total`. */
  onProgress?: (done: number, total: number) => void | Promise<void>;
}

const sorted = (items: string[]) => [...new Set(items)].sort();
const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const sameRecord = (a: Known, b: Known) =>
  a.kind === b.kind && a.name === b.name && a.phone === b.phone && a.companyId === b.companyId &&
  a.externalId === b.externalId && sameList(a.emails, b.emails) && sameList(a.domains, b.domains);

/** Records by key, in the order they were seen (a Set keeps it, and adds and deletes in O(1)). */
type KeyIndex = Map<string, Set<Known>>;
function pushTo(map: KeyIndex, key: string, known: Known): void {
  const set = map.get(key);
  if (set) set.add(known);
  else map.set(key, new Set([known]));
}
function dropFrom(map: KeyIndex, key: string, known: Known): void {
  map.get(key)?.delete(known);
}
const list = (set: Set<Known> | undefined): Known[] => (set ? [...set] : []);

/** The organisation's records this import has seen, by every key a row can match them on. */
class ImportIndex {
  readonly records = new Map<string, Known>();
  private readonly byExternalId = new Map<string, Known>();
  private readonly byEmail: KeyIndex = new Map();
  private readonly byDomain: KeyIndex = new Map();
  private readonly byName: KeyIndex = new Map();
  /** Folded names of companies this index does not hold as records (a linked record's company). */
  private readonly companyNames = new Map<string, string>();
  /** Keys already looked up in the database: what it has for them is in the maps. */
  private readonly loaded = { externalIds: new Set<string>(), emails: new Set<string>(), domains: new Set<string>(), names: new Set<string>() };
  /** Records a row of this file matched or created: a later row prefers another one. */
  readonly claimed = new Set<string>();

  add(k: Known): void {
    this.records.set(k.id, k);
    if (k.externalId) this.byExternalId.set(k.externalId, k);
    for (const e of k.emails) pushTo(this.byEmail, e, k);
    if (k.kind === 'company') for (const d of k.domains) pushTo(this.byDomain, d, k);
    pushTo(this.byName, k.nameFolded, k);
  }

  replace(before: Known, after: Known): void {
    if (before.externalId && this.byExternalId.get(before.externalId) === before) this.byExternalId.delete(before.externalId);
    for (const e of before.emails) dropFrom(this.byEmail, e, before);
    for (const d of before.domains) dropFrom(this.byDomain, d, before);
    dropFrom(this.byName, before.nameFolded, before);
    this.add(after);
  }

  companyNameOf(id: string): string | undefined {
    return this.records.get(id)?.nameFolded ?? this.companyNames.get(id);
  }

  /** The keys of `rows` not looked up yet (and marks them looked up). */
  keysToLoad(rows: CsvRecordRow[]): ImportKeys {
    const keys: ImportKeys = { externalIds: [], emails: [], domains: [], names: [] };
    const take = (set: Set<string>, list: string[], key: string) => {
      if (key && !set.has(key)) {
        set.add(key);
        list.push(key);
      }
    };
    for (const row of rows) {
      if (row.externalId) take(this.loaded.externalIds, keys.externalIds, row.externalId);
      for (const e of row.emails ?? []) take(this.loaded.emails, keys.emails, e);
      for (const d of row.domains ?? []) take(this.loaded.domains, keys.domains, d);
      // Names only where a row may be matched by name (see `match`).
      if (row.kind === 'company' || (row.kind === null && row.domains?.length) || (!row.externalId && !row.emails?.length)) {
        take(this.loaded.names, keys.names, foldText(row.name));
      }
      if (row.company) take(this.loaded.names, keys.names, foldText(row.company));
    }
    return keys;
  }

  /** Database rows found for keys; a record already seen keeps its newer in-memory state. */
  async addStored(db: Db, rows: RecordRow[]): Promise<void> {
    const fresh = rows.filter((r) => !this.records.has(r.id));
    const companyIds = [...new Set(fresh.map((r) => r.company_id).filter((c): c is string => c !== null && !this.records.has(c)))];
    const { emails, domains, companies } = await loadImportDetails(db, fresh.map((r) => r.id), companyIds);
    for (const c of companies) this.companyNames.set(c.id, c.name_folded);
    const emailsOf = new Map<string, string[]>();
    for (const e of emails) emailsOf.set(e.record_id, [...(emailsOf.get(e.record_id) ?? []), e.email]);
    const domainsOf = new Map<string, string[]>();
    for (const d of domains) domainsOf.set(d.record_id, [...(domainsOf.get(d.record_id) ?? []), d.domain]);
    for (const r of fresh) {
      this.add({
        id: r.id, kind: r.kind, name: r.name, nameFolded: r.name_folded, phone: r.phone, companyId: r.company_id,
        externalId: r.external_id, emails: sorted(emailsOf.get(r.id) ?? []), domains: sorted(domainsOf.get(r.id) ?? []),
      });
    }
  }

  /** The record a row is about, if the organisation has it (see the module comment for the order). */
  match(row: CsvRecordRow): Known | undefined {
    if (row.externalId) {
      const byId = this.byExternalId.get(row.externalId);
      if (byId) return byId;
    }
    // Another external id means another record of the other system, whatever else they share.
    const fits = (k: Known) =>
      (row.kind === null || sameKindGroup(k.kind, row.kind)) && (row.externalId === null || k.externalId === null);
    // Two rows sharing an address are one person; two rows sharing only a name are two.
    const pick = (candidates: Known[], orClaimed = true) => {
      const fitting = candidates.filter(fits);
      return fitting.find((k) => !this.claimed.has(k.id)) ?? (orClaimed ? fitting[0] : undefined);
    };
    if (row.emails?.length) {
      const found = pick(row.emails.flatMap((e) => list(this.byEmail.get(e))));
      if (found) return found;
    }
    if (row.kind !== 'contact' && row.kind !== 'client' && row.domains?.length) {
      const found = pick(row.domains.flatMap((d) => list(this.byDomain.get(d))));
      if (found) return found;
    }
    const named = list(this.byName.get(foldText(row.name)));
    if (row.kind === 'company') {
      // A company of that name without domains of its own (one created for a `company` cell, say).
      return pick(named.filter((k) => k.kind === 'company' && (k.domains.length === 0 || !row.domains?.length)), false);
    }
    if (row.externalId || row.emails?.length) return undefined;
    // A person known by name alone; an empty email column must not take one who has addresses.
    return pick(named.filter((k) => row.emails === undefined || k.emails.length === 0), false);
  }

  /** The company a `company` cell names: the record's own if it has that name, else the first. */
  findCompany(name: string, current: string | null): string | undefined {
    const folded = foldText(name);
    if (current && this.companyNameOf(current) === folded) return current;
    for (const k of this.byName.get(folded) ?? []) if (k.kind === 'company') return k.id;
    return undefined;
  }
}

/** What a batch writes once its rows are all decided. */
class BatchWrites {
  readonly created = new Map<string, Known>();
  /** Stored records changed by the batch: as stored, and as they become. */
  readonly changed = new Map<string, { before: Known; after: Known }>();

  create(k: Known): void {
    this.created.set(k.id, k);
  }

  change(before: Known, after: Known): void {
    if (this.created.has(before.id)) this.created.set(before.id, after);
    else this.changed.set(before.id, { before: this.changed.get(before.id)?.before ?? before, after });
  }

  async write(db: Db, orgId: string): Promise<void> {
    const now = nowIso();
    // Companies first: a person of the batch may link to one created with it.
    const created = [...this.created.values()].sort((a, b) => Number(b.kind === 'company') - Number(a.kind === 'company'));
    await insertRecords(db, created.map((k) => ({
      id: k.id, org_id: orgId, kind: k.kind, name: k.name, name_folded: k.nameFolded, phone: k.phone,
      company_id: k.companyId, external_id: k.externalId, created_at: now,
    })));
    await insertRecordEmails(db, created.flatMap((k) => k.emails.map((email) => ({ record_id: k.id, email }))));
    await insertRecordDomains(db, created.flatMap((k) => k.domains.map((domain) => ({ record_id: k.id, domain }))));
    for (const { before, after } of this.changed.values()) {
      await updateRecordRow(db, orgId, after.id, {
        kind: after.kind, name: after.name, name_folded: after.nameFolded, phone: after.phone,
        company_id: after.companyId, external_id: after.externalId,
      });
      if (!sameList(before.emails, after.emails)) await replaceRecordEmails(db, after.id, after.emails);
      if (!sameList(before.domains, after.domains)) await replaceRecordDomains(db, after.id, after.domains);
    }
  }
}

type Outcome = 'created' | 'updated' | 'unchanged';

/** Decides one row against the index; throws RowRefused before changing anything. */
function importRow(index: ImportIndex, writes: BatchWrites, row: CsvRecordRow): { outcome: Outcome; companiesCreated: number } {
  const found = index.match(row);
  if (found && row.kind && !sameKindGroup(found.kind, row.kind)) {
    throw new RowRefused({
      line: row.line,
      code: 'kind_mismatch',
      reason: `The external id ${row.externalId ?? ''} is ${found.name}’s, a ${found.kind === 'company' ? 'company' : 'person'}: a row cannot turn it into a ${row.kind}.`,
    });
  }
  const kind = row.kind ?? found?.kind ?? 'contact';
  checkRowKind(row, kind);

  let companyId = kind === 'company' ? null : (found?.companyId ?? null);
  let newCompany: Known | undefined;
  if (kind !== 'company' && row.company !== undefined) {
    companyId = row.company === null ? null : (index.findCompany(row.company, found?.companyId ?? null) ?? null);
    if (row.company !== null && companyId === null) {
      newCompany = {
        id: newTimeOrderedId(), kind: 'company', name: row.company, nameFolded: foldText(row.company), phone: null,
        companyId: null, externalId: null, emails: [], domains: [],
      };
      companyId = newCompany.id;
    }
  }
  const next: Known = {
    id: found?.id ?? newTimeOrderedId(),
    kind,
    name: row.name,
    nameFolded: foldText(row.name),
    phone: row.phone !== undefined ? row.phone : (found?.phone ?? null),
    companyId,
    externalId: row.externalId ?? found?.externalId ?? null,
    emails: row.emails !== undefined ? sorted(row.emails) : (found?.emails ?? []),
    domains: kind === 'company' ? (row.domains !== undefined ? sorted(row.domains) : (found?.domains ?? [])) : [],
  };

  if (newCompany) {
    // Not claimed: the company's own row, later in the file, is to complete it.
    index.add(newCompany);
    writes.create(newCompany);
  }
  index.claimed.add(next.id);
  const companiesCreated = newCompany ? 1 : 0;
  if (!found) {
    index.add(next);
    writes.create(next);
    return { outcome: 'created', companiesCreated };
  }
  if (sameRecord(found, next)) return { outcome: 'unchanged', companiesCreated };
  index.replace(found, next);
  writes.change(found, next);
  return { outcome: 'updated', companiesCreated };
}

/** A file read and its header understood, ready to import. */
export interface PreparedImport {
  columns: Map<CsvField, number>;
  lines: CsvLine[];
}

/**
 * Reads a CSV file (bytes as uploaded). A file that cannot be read (no header naming a name
 * column, an unclosed quote) is a 422, before anything is written.
 */
export function prepareImport(bytes: Buffer): PreparedImport {
  const { header, lines } = readCsvLines(decodeCsv(bytes));
  return { columns: mapHeader(header), lines };
}

/** Imports a prepared file into the caller's organisation (see the module comment). */
export async function importRecords(db: Db, auth: AuthContext, { columns, lines }: PreparedImport, options: ImportOptions): Promise<RecordImportResult> {
  const result: RecordImportResult = { created: 0, updated: 0, unchanged: 0, refused: [], dryRun: options.dryRun };
  const index = new ImportIndex();
  const batchRows = options.batchRows ?? IMPORT_BATCH_ROWS;

  const readRows = (batch: CsvLine[]) => {
    const rows: CsvRecordRow[] = [];
    for (const line of batch) {
      try {
        const row = readRecordRow(columns, line);
        if (row) rows.push(row);
      } catch (err) {
        if (!(err instanceof RowRefused)) throw err;
        result.refused.push(err.refusal);
      }
    }
    return rows;
  };

  const runBatch = async (trx: Db, rows: CsvRecordRow[]) => {
    if (!options.dryRun) await lockOrganisation(trx, auth.orgId);
    await index.addStored(trx, await findImportCandidates(trx, auth.orgId, index.keysToLoad(rows)));
    const writes = new BatchWrites();
    const refusals: ImportRefusal[] = [];
    for (const row of rows) {
      try {
        const { outcome, companiesCreated } = importRow(index, writes, row);
        result[outcome] += 1;
        result.created += companiesCreated;
      } catch (err) {
        if (!(err instanceof RowRefused)) throw err;
        refusals.push(err.refusal);
      }
    }
    result.refused.push(...refusals);
    if (!options.dryRun) await writes.write(trx, auth.orgId);
  };

  for (let start = 0; start < lines.length; start += batchRows) {
    const rows = readRows(lines.slice(start, start + batchRows));
    if (options.dryRun) await runBatch(db, rows);
    else await db.transaction().execute((trx) => runBatch(trx, rows));
    await options.onProgress?.(Math.min(start + batchRows, lines.length), lines.length);
  }
  result.refused.sort((a, b) => a.line - b.line);

  if (!options.dryRun) {
    const { refused, ...counts } = result;
    await recordAudit(db, {
      orgId: auth.orgId, actorId: auth.userId, action: 'records.imported', subjectType: 'record', subjectId: newId(),
      detail: { ...counts, refused: refused.length, rows: lines.length },
    });
    if (result.created + result.updated > 0) await optimizeDatabase(db);
  }
  return result;
}
