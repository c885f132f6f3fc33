/**
 * Reading a records CSV as people make them: Excel on Windows (Windows-1252, `;` in French
 * locales), Google Sheets or LibreOffice (UTF-8, maybe with a BOM, `,`), headers in French or
 * English. Turns the file into rows of validated fields, or a refusal per row with its line.
 * Nothing here touches the database.
 */
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { emailAddressSchema, limits } from '../../../contract/common';
import { domainSchema, externalIdSchema, type ImportRefusal, type RecordKind } from '../../../contract/records';
import { invalid } from '../http/api-error';
import { foldText } from './fold';

export type CsvField = 'name' | 'kind' | 'emails' | 'domains' | 'phone' | 'company' | 'externalId';

/** Headers as folded by `headerKey` (lower case, no accents, letters and digits only). */
const headerNames: Record<CsvField, string[]> = {
  name: ['name', 'nom', 'fullname', 'nomcomplet', 'raisonsociale'],
  kind: ['kind', 'type', 'category', 'categorie'],
  emails: ['email', 'emails', 'mail', 'mails', 'courriel', 'courriels', 'emailaddress', 'adresseemail', 'adressemail', 'adressesemail'],
  domains: ['domain', 'domains', 'domaine', 'domaines'],
  phone: ['phone', 'telephone', 'tel', 'phonenumber', 'numerodetelephone'],
  company: ['company', 'societe', 'entreprise', 'organisation', 'organization', 'compagnie'],
  externalId: ['externalid', 'idexterne', 'identifiantexterne', 'externalreference', 'referenceexterne'],
};

const kindNames = new Map<string, RecordKind>(Object.entries({
  client: 'client', clients: 'client', cliente: 'client', customer: 'client',
  contact: 'contact', contacts: 'contact', person: 'contact', personne: 'contact',
  company: 'company', companies: 'company', societe: 'company', entreprise: 'company', compagnie: 'company',
  organisation: 'company', organization: 'company',
} satisfies Record<string, RecordKind>));

const headerKey = (header: string): string => foldText(header).replace(/ /g, '');

/** UTF-8 when the bytes are valid UTF-8 (BOM or not), else Windows-1252; line ends made `\n`. */
export function decodeCsv(bytes: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    text = iconv.decode(bytes, 'win1252');
  }
  // PostgreSQL text cannot hold NUL, and no person means one in a CSV.
  // eslint-disable-next-line no-control-regex -- matching NUL is the point
  return text.replace(/\r\n?/g, '\n').replace(/\u0000/g, '');
}

/** The separator the header line uses most: `,`, `;` or a tab (quoted text not counted). */
export function detectDelimiter(text: string): string {
  const end = text.indexOf('\n');
  const header = (end === -1 ? text : text.slice(0, end)).replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => [d, header.split(d).length - 1] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

/** Which column holds which field; unknown columns are ignored, the first of two alike wins. */
export function mapHeader(header: string[]): Map<CsvField, number> {
  const columns = new Map<CsvField, number>();
  header.forEach((h, i) => {
    const key = headerKey(h);
    const field = (Object.keys(headerNames) as CsvField[]).find((f) => headerNames[f].includes(key));
    if (field && !columns.has(field)) columns.set(field, i);
  });
  if (!columns.has('name')) {
    throw invalid('file', 'The first line of the file must name the columns, with at least a “Name” (or “Nom”) column.');
  }
  return columns;
}

/**
 * A row as read: a field is `undefined` when the file has no such column (the record keeps what it
 * has), and an empty value when the cell is empty (the record loses it; not for `kind` and
 * `externalId`, which an empty cell leaves as they are).
 */
export interface CsvRecordRow {
  line: number;
  name: string;
  kind: RecordKind | null;
  emails?: string[];
  domains?: string[];
  phone?: string | null;
  company?: string | null;
  externalId: string | null;
}

export interface CsvLine {
  line: number;
  cells: string[];
}

/** Every row with the line it starts on (a quoted field may span lines). */
export function readCsvLines(text: string): { header: string[]; lines: CsvLine[] } {
  let rows: { record: string[]; info: { lines: number; empty_lines: number } }[];
  try {
    rows = parse(text, {
      delimiter: detectDelimiter(text),
      bom: true,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }) as unknown as typeof rows;
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw invalid('file', `The file cannot be read as CSV${line ? ` near line ${line}` : ''}: check that every quoted field is closed.`);
  }
  const [first, ...rest] = rows;
  if (!first) throw invalid('file', 'The file is empty: it needs a line naming the columns, then one line per record.');
  let previous = first.info;
  const lines = rest.map(({ record, info }) => {
    // The row starts after the previous one ended and after the empty lines skipped in between.
    const line = previous.lines + 1 + (info.empty_lines - previous.empty_lines);
    previous = info;
    return { line, cells: record };
  });
  return { header: first.record, lines };
}

export class RowRefused extends Error {
  constructor(readonly refusal: ImportRefusal) {
    super(refusal.reason);
  }
}

const split = (cell: string) => cell.split(/[;,\s]+/).filter(Boolean);

function refuse(line: number, code: ImportRefusal['code'], reason: string): never {
  throw new RowRefused({ line, code, reason });
}

function readEmails(line: number, cell: string): string[] {
  const values = split(cell);
  if (values.length > 20) refuse(line, 'too_many_values', 'A record has at most 20 email addresses.');
  return [...new Set(values.map((v) => {
    const parsed = emailAddressSchema.safeParse(v);
    if (!parsed.success) refuse(line, 'email_invalid', `“${v.slice(0, 100)}” is not a valid email address.`);
    return parsed.data;
  }))];
}

function readDomains(line: number, cell: string): string[] {
  const values = split(cell);
  if (values.length > 20) refuse(line, 'too_many_values', 'A company has at most 20 domains.');
  return [...new Set(values.map((v) => {
    const parsed = domainSchema.safeParse(v.replace(/^@/, ''));
    if (!parsed.success) refuse(line, 'domain_invalid', `“${v.slice(0, 100)}” is not a domain like example.com.`);
    return parsed.data;
  }))];
}

function readText(line: number, cell: string, max: number, what: string): string {
  const value = cell.trim();
  if (value.length > max) refuse(line, 'field_too_long', `${what} is longer than ${max} characters.`);
  return value;
}

/** A row's fields, checked; null for a row of empty cells (skipped, not refused). Throws RowRefused. */
export function readRecordRow(columns: Map<CsvField, number>, { line, cells }: CsvLine): CsvRecordRow | null {
  if (cells.every((c) => c.trim() === '')) return null;
  const cell = (field: CsvField): string | undefined => {
    const i = columns.get(field);
    return i === undefined ? undefined : (cells[i] ?? '');
  };
  const name = readText(line, cell('name') ?? '', limits.shortText, 'The name');
  if (!name) refuse(line, 'name_missing', 'This row has no name.');

  const kindCell = cell('kind')?.trim() ?? '';
  const kind = kindCell ? kindNames.get(headerKey(kindCell)) : null;
  if (kind === undefined) {
    refuse(line, 'kind_unknown', `“${kindCell.slice(0, 50)}” is not a kind of record: write client, contact or company (société, entreprise).`);
  }

  const externalCell = cell('externalId')?.trim() ?? '';
  let externalId: string | null = null;
  if (externalCell) {
    const parsed = externalIdSchema.safeParse(externalCell);
    if (!parsed.success) refuse(line, 'field_too_long', 'The external id is longer than 100 characters.');
    externalId = parsed.data;
  }

  const emailsCell = cell('emails');
  const domainsCell = cell('domains');
  const phoneCell = cell('phone');
  const companyCell = cell('company');
  const row: CsvRecordRow = { line, name, kind, externalId };
  if (emailsCell !== undefined) row.emails = readEmails(line, emailsCell);
  if (domainsCell !== undefined) row.domains = readDomains(line, domainsCell);
  if (phoneCell !== undefined) row.phone = readText(line, phoneCell, 50, 'The phone number') || null;
  if (companyCell !== undefined) row.company = readText(line, companyCell, limits.shortText, 'The company name') || null;
  if (kind) checkRowKind(row, kind);
  return row;
}

/** Domains only on companies; a company belongs to no company. */
export function checkRowKind(row: CsvRecordRow, kind: RecordKind): void {
  if (kind !== 'company' && row.domains?.length) refuse(row.line, 'domains_not_company', 'Only companies have domains: leave the domain empty for a person.');
  if (kind === 'company' && row.company) refuse(row.line, 'company_for_company', 'A company cannot belong to another company: leave its company empty.');
}
