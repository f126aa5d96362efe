import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { type LocalizedMessage, localized } from '@chiso/core';
import { AppError, type ErrorDetail, withMessageId } from '../services/errors';

/** The envelope's `error` for a catalog message: code, Vietnamese message, id and parameters. */
function body(code: string, m: LocalizedMessage, details?: ErrorDetail[]) {
  return { error: { code, message: m.message, messageId: m.messageId, params: m.params, ...(details ? { details } : {}) } };
}

/**
 * One error envelope for every failure: `{ error: { code, message, messageId?, params?, details? } }`
 * (`messageId` and `params` name the catalog message, per detail too).
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error.retryAfterSeconds !== undefined) void reply.header('retry-after', String(error.retryAfterSeconds));
      const catalog = error.messageId ? { messageId: error.messageId, params: error.params ?? {} } : {};
      return reply.status(error.status).send({ error: { code: error.code, message: error.message, ...catalog, details: error.details } });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details: ErrorDetail[] = error.validation.map((issue) => {
        const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
        return issue.message ? { path, message: issue.message } : { path, ...localized('error.invalidValue') };
      });
      return reply.status(400).send(body('VALIDATION_FAILED', localized('error.validationFailed'), details.map(withMessageId)));
    }
    if (error.statusCode === 429) {
      return reply.status(429).send(body('RATE_LIMITED', localized('error.tooFast')));
    }
    if (error.statusCode === 413 || error.code === 'FST_REQ_FILE_TOO_LARGE' || error.code === 'FST_FILES_LIMIT') {
      return reply.status(413).send(body('PAYLOAD_TOO_LARGE', localized('error.payloadTooLarge')));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send(body('BAD_REQUEST', localized('error.badRequest', { detail: error.message })));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(body('INTERNAL', localized('error.internal')));
  });
}
