import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  attachmentListQuerySchema,
  attachmentListSchema,
  attachmentUploadBodyLimit,
  storedAttachmentSchema,
  uploadAttachmentRequestSchema,
} from '../../../contract/attachments';
import { idSchema } from '../../../contract/common';
import { currentUser } from '../http/request-context';
import { downloadAttachment, formatBytes, listAttachments, tooLarge, uploadAttachment } from './attachments.service';
import { errorResponses } from '../http/openapi';
import { rejectNulCharacters } from '../http/reject-nul';

/** RFC 6266 filename for Content-Disposition: ASCII fallback plus the UTF-8 name. */
function disposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Attachment content of filed messages: upload (capped), list, download. */
export const attachmentRoutes: FastifyPluginAsyncZod = async (app) => {
  // PostgreSQL refuses NUL in text (a 500 there): refused for everyone with a clear 400.
  app.addHook('preValidation', rejectNulCharacters);
  app.post(
    '/api/attachments',
    {
      bodyLimit: attachmentUploadBodyLimit,
      // Refuse an oversized upload from its Content-Length, before reading 30 MB for nothing, and
      // with a message that says what the limit is (the generic body-limit error does not).
      onRequest: async (request) => {
        const length = Number(request.headers['content-length']);
        if (Number.isFinite(length) && length > attachmentUploadBodyLimit) {
          throw tooLarge(`this upload is ${formatBytes(Math.floor((length * 3) / 4))}.`);
        }
      },
      schema: {
        tags: ['attachments'],
        body: uploadAttachmentRequestSchema,
        response: { 200: storedAttachmentSchema, 201: storedAttachmentSchema, ...errorResponses(404, 422) },
      },
    },
    async (request, reply) => {
      const auth = currentUser(request);
      const { attachment, created } = await app.db.transaction().execute((trx) => uploadAttachment(trx, auth, request.body));
      return reply.status(created ? 201 : 200).send(attachment);
    },
  );

  app.get(
    '/api/attachments',
    { schema: { tags: ['attachments'], querystring: attachmentListQuerySchema, response: { 200: attachmentListSchema, ...errorResponses(404, 422) } } },
    async (request) => listAttachments(app.db, currentUser(request), request.query),
  );

  app.get(
    '/api/attachments/:id/content',
    {
      schema: {
        tags: ['attachments'],
        params: z.object({ id: idSchema }),
        querystring: z.strictObject({ accountId: idSchema }),
        // Documents the download; a Buffer reply is sent as it is, never through this schema.
        response: { 200: z.instanceof(Buffer).meta({ type: 'string', format: 'binary', description: "The file's bytes, with its own Content-Type and a Content-Disposition naming it." }) },
      },
    },
    async (request, reply) => {
      const file = await downloadAttachment(app.db, currentUser(request), request.query.accountId, request.params.id);
      return reply
        .type(file.contentType)
        .header('content-disposition', disposition(file.name))
        .header('x-content-type-options', 'nosniff')
        .send(file.content);
    },
  );
};
