/**
 * The organisation's records as CSV, in the columns and headers the import reads, so a file
 * exported and imported back changes nothing. UTF-8 with a BOM (Excel otherwise reads it as the
 * machine's code page), CRLF line ends, several emails or domains in a cell separated by `; `.
 */
import { stringify } from 'csv-stringify/sync';
import { recordCsvHeaders, type RecordKind } from '../../../contract/records';
import type { Db } from '../db/database';
import type { AuthContext } from '../http/request-context';
import { listRecordsPage } from './records.repository';
import { toCrmRecords } from './records.service';

/** Records per read: a page of the name index, then its emails and domains. */
const PAGE = 1_000;

const csv = (rows: string[][]) => stringify(rows, { record_delimiter: 'windows' });

/** The CSV text in pieces, a page of records at a time. */
export async function* exportRecordsCsv(db: Db, auth: AuthContext, kind?: RecordKind): AsyncGenerator<string> {
  yield `\uFEFF${csv([[...recordCsvHeaders]])}`;
  let after: { name: string; id: string } | null = null;
  for (;;) {
    const rows = await listRecordsPage(db, auth.orgId, kind, after, PAGE);
    if (rows.length === 0) return;
    const records = await toCrmRecords(db, rows);
    yield csv(records.map((r) => [
      r.externalId ?? '', r.kind, r.name, r.emails.join('; '), r.phone ?? '', r.companyName ?? '', r.domains.join('; '),
    ]));
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1]!;
    after = { name: last.name_folded, id: last.id };
  }
}
