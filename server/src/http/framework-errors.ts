import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode } from '../../../contract/common';
import { errorBody } from './api-error';
import { securityHeaders } from './security-headers';

/*
 * Errors Fastify and Node answer before a request reaches a route, the error handler or its hooks
 * (a bad URL, an over-long path part, malformed HTTP). Left alone they answer in their own shape;
 * these handlers answer in ours, with the same headers as every other answer.
 */

interface Refusal {
  status: number;
  code: ErrorCode;
  message: string;
}

function frameworkRefusal(error: FastifyError): Refusal {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return { status: 400, code: 'validation_failed', message: 'The address has a malformed %-escape; encode the path with encodeURIComponent.' };
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return { status: 414, code: 'validation_failed', message: 'A part of the address is too long (more than 100 characters).' };
    default:
      return { status: 400, code: 'validation_failed', message: 'The request is not valid.' };
  }
}

/** Fastify's `frameworkErrors` option: routing errors, answered with a reply (logged like any request). */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const { status, code, message } = frameworkRefusal(error);
  request.log.info({ code: error.code, reqId: request.id }, 'refused before routing');
  void reply.status(status).headers(securityHeaders(request.url)).type('application/json; charset=utf-8').send(errorBody(code, message));
}

function clientRefusal(err: Error & { code?: string }): Refusal {
  if (err.code === 'HPE_HEADER_OVERFLOW') {
    return { status: 431, code: 'payload_too_large', message: 'The request headers are too large (16 KB at most).' };
  }
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return { status: 408, code: 'validation_failed', message: 'The request took too long to arrive.' };
  }
  return { status: 400, code: 'validation_failed', message: 'The request is not well-formed HTTP.' };
}

/**
 * Fastify's `clientErrorHandler` option: Node's HTTP parser refused the bytes, so there is no
 * request nor reply, only the socket; write a whole HTTP answer on it and close it, as Node does.
 */
export function answerClientError(err: Error & { code?: string }, socket: Socket): void {
  // A reset connection, or one that already got an answer's headers, can take nothing more.
  const answered = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
  if (err.code === 'ECONNRESET' || socket.destroyed || !socket.writable || answered) {
    socket.destroy();
    return;
  }
  const { status, code, message } = clientRefusal(err);
  const body = JSON.stringify(errorBody(code, message));
  const headers: Record<string, string | number> = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    ...securityHeaders(''),
    connection: 'close',
  };
  const head = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head}\r\n${body}`, () => socket.destroy());
}
