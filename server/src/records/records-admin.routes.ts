import { PassThrough, Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { idSchema } from '../../../contract/common';
import {
  RECORD_IMPORT_MAX_BYTES,
  crmRecordSchema,
  externalIdSchema,
  mergeRecordRequestSchema,
  recordDetailSchema,
  recordExportQuerySchema,
  recordImportQuerySchema,
  recordImportResultSchema,
  recordPaths,
  upsertRecordRequestSchema,
  type RecordImportProgressLine,
} from '../../../contract/records';
import { ApiError } from '../http/api-error';
import { errorResponses } from '../http/openapi';
import { requireAdmin } from '../http/request-context';
import { stripNul } from '../sanitize/strip-nul';
import { deleteRecord, mergeRecords, upsertRecordByExternalId } from './records-admin.service';
import { exportRecordsCsv } from './records-export.service';
import { importRecords, IMPORT_BATCH_ROWS, prepareImport } from './records-import.service';

const tags = ['records'];
const params = z.object({ id: idSchema });
/** What browsers and spreadsheets label a .csv file with (Windows says Excel's type). */
const CSV_TYPES = ['text/csv', 'application/csv', 'application/vnd.ms-excel'];

/**
 * The NUL hook of the other routes, minus the body when it is the uploaded file: a JSON walk over
 * a Buffer visits every byte; the CSV reader drops NULs itself.
 */
async function stripNulOutsideFiles(request: FastifyRequest): Promise<void> {
  if (!Buffer.isBuffer(request.body)) request.body = stripNul(request.body);
  stripNul(request.query);
  stripNul(request.params);
}

const IMPORT_DESCRIPTION = `Imports records from a CSV file sent as the raw body (\`Content-Type: text/csv\`, at most ${RECORD_IMPORT_MAX_BYTES / 1024 / 1024} MB, about 100,000 rows). Administrators only.

**File.** UTF-8 (with or without BOM) or Windows-1252; \`,\`, \`;\` or tab between fields (taken from the header line); quoted fields may hold separators and line breaks. The first line names the columns, in English or French, case and accents ignored: Name/Nom (required), Kind/Type (client, contact, company/société/entreprise; empty: contact, or the matched record's kind), Email/E-mail/Courriel (several separated by \`;\`, \`,\` or spaces), Phone/Téléphone, Company/Société/Entreprise, Domain/Domaine (companies), External ID/ID externe. Other columns are ignored. A column the file lacks leaves that field of matched records alone; an empty cell clears it (not Kind nor External ID).

**Matching.** A row updates the record with its external id, else one holding one of its emails, else (companies) one owning one of its domains, else, with no such keys, one of the same name; otherwise it creates one. A row equal to the record counts as \`unchanged\`. A name in Company links to the company of that name, created (and counted in \`created\`) when there is none.

**Answer.** \`{ created, updated, unchanged, refused: [{ line, code, reason }], dryRun }\`: \`line\` is where the refused row starts in the file (the header is line 1). \`?dryRun=true\` answers the same and writes nothing. Rows are written ${IMPORT_BATCH_ROWS.toLocaleString('en')} per transaction; a file that cannot be read at all is a 422 with nothing written.

**Progress.** Send \`Accept: application/x-ndjson\` to get the answer as a stream of lines instead: \`{"type":"progress","done":1000,"total":100000}\` after each batch, then \`{"type":"result","result":{…}}\`, or \`{"type":"error","error":{code,message}}\` if a batch failed (the batches before it stay written). The 422 for an unreadable file comes before the stream, as a normal error answer.`;

export const recordAdminRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preValidation', stripNulOutsideFiles);
  app.addContentTypeParser(CSV_TYPES, { parseAs: 'buffer', bodyLimit: RECORD_IMPORT_MAX_BYTES }, (_req, body, done) => done(null, body));

  app.delete('/api/records/:id', {
    schema: {
      tags,
      description: 'Deletes the record and its filings (`filingCount` of `GET /api/records/:id` says how many); a company\'s contacts stay, without a company. Administrators only.',
      params,
      response: { 204: z.null() },
    },
  }, async (request, reply) => {
    const auth = requireAdmin(request);
    await app.db.transaction().execute((trx) => deleteRecord(trx, auth, request.params.id));
    return reply.status(204).send(null);
  });

  app.post('/api/records/:id/merge', {
    schema: {
      tags,
      description: 'Merges the record `mergeId` into this one, which is kept: emails, domains, filings (a message filed to both stays filed once) and contacts move here, its phone, company and external id fill the ones this record lacks, then `mergeId` is deleted. Companies merge with companies, clients and contacts with each other (422 otherwise, and for a record with itself). Administrators only.',
      params,
      body: mergeRecordRequestSchema,
      response: { 200: recordDetailSchema, ...errorResponses(422) },
    },
  }, async (request) => {
    const auth = requireAdmin(request);
    return app.db.transaction().execute((trx) => mergeRecords(trx, auth, request.params.id, request.body.mergeId));
  });

  app.put('/api/records/by-external-id/:externalId', {
    schema: {
      tags,
      description: 'Creates (201) or replaces (200) the record another system knows by `externalId`. A company cannot become a person nor the reverse (422); another record holding one of the emails is a 409 unless `allowDuplicateEmail`. Administrators only.',
      params: z.object({ externalId: externalIdSchema }),
      body: upsertRecordRequestSchema,
      response: { 200: crmRecordSchema, 201: crmRecordSchema, ...errorResponses(409, 422) },
    },
  }, async (request, reply) => {
    const auth = requireAdmin(request);
    const { record, created } = await app.db.transaction().execute((trx) =>
      upsertRecordByExternalId(trx, auth, request.params.externalId, request.body));
    return reply.status(created ? 201 : 200).send(record);
  });

  app.post(recordPaths.import, {
    bodyLimit: RECORD_IMPORT_MAX_BYTES,
    schema: {
      tags,
      description: IMPORT_DESCRIPTION,
      querystring: recordImportQuerySchema,
      response: { 200: recordImportResultSchema, ...errorResponses(422) },
    },
  }, async (request, reply) => {
    const auth = requireAdmin(request);
    if (!Buffer.isBuffer(request.body)) {
      throw new ApiError(415, 'validation_failed', 'Send the CSV file as the request body (Content-Type: text/csv).');
    }
    const prepared = prepareImport(request.body);
    const dryRun = request.query.dryRun;
    if (!/application\/x-ndjson/.test(request.headers.accept ?? '')) {
      return importRecords(app.db, auth, prepared, { dryRun });
    }
    const out = new PassThrough();
    const send = (line: RecordImportProgressLine) => out.write(`${JSON.stringify(line)}\n`);
    importRecords(app.db, auth, prepared, { dryRun, onProgress: (done, total) => void send({ type: 'progress', done, total }) })
      .then((result) => send({ type: 'result', result }))
      .catch((err: unknown) => {
        request.log.error({ err }, 'records import failed');
        const known = err instanceof ApiError;
        send({ type: 'error', error: { code: known ? err.code : 'internal', message: known ? err.message : 'The import stopped on a server error: the batches before it are written. Try the file again (written rows will count as unchanged).' } });
      })
      .finally(() => out.end());
    return reply.header('content-type', 'application/x-ndjson; charset=utf-8').header('cache-control', 'no-store').send(out);
  });

  app.get(recordPaths.export, {
    schema: {
      tags,
      description: 'The organisation\'s records as CSV (UTF-8 with BOM, English headers: External ID, Kind, Name, Emails, Phone, Company, Domains), streamed in name order; importing it back changes nothing. Administrators only.',
      querystring: recordExportQuerySchema,
      response: { 200: z.instanceof(Readable).meta({ type: 'string', format: 'binary', description: 'The CSV file.' }) },
    },
  }, async (request, reply) => {
    const auth = requireAdmin(request);
    const stream = Readable.from(exportRecordsCsv(app.db, auth, request.query.kind));
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="records.csv"')
      .header('cache-control', 'no-store')
      .send(stream);
  });
};
