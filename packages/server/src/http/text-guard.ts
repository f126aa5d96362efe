import type { FastifyInstance } from 'fastify';
import { findUnsafeJson, showJsonPath, type UnsafeJson } from '@chiso/core';
import { AppError } from '../services/errors';

/**
 * One check for every request's path parameters, query string and JSON body, before validation:
 * a NUL character (U+0000) or half a surrogate pair (`\ud800` alone) in any string or key is
 * refused (PostgreSQL's text and jsonb cannot hold them, so the save would fail with a 500), and
 * so is nesting deeper than `maxJsonDepth` (validation, the framework reader, jsonb and the
 * response serializer recurse). Multipart form fields do not pass here: `formField`
 * (imports/upload.ts) refuses a NUL in them with `refuseNulInFields`.
 */
export const maxJsonDepth = 64;

function unsafeTextError(found: UnsafeJson): AppError {
  const path = showJsonPath(found.path, 'dotted');
  const message = {
    nul: `Trường “${path}” có ký tự NUL (mã 0), không lưu được. Hãy xóa ký tự này rồi gửi lại.`,
    surrogate: `Trường “${path}” có ký tự Unicode hỏng (nửa cặp \\uD800–\\uDFFF), không lưu được. Hãy gõ lại nội dung này rồi gửi lại.`,
    depth: `Dữ liệu gửi lên lồng nhau quá sâu (quá ${maxJsonDepth} cấp) ở “${path}”.`,
  }[found.problem];
  return new AppError('VALIDATION_FAILED', message, [{ path, message }]);
}

/** For text that arrives outside the JSON body (multipart form fields). */
export function refuseNulInFields(fields: object): void {
  const found = findUnsafeJson(fields, 1);
  if (found) throw unsafeTextError(found);
}

export function installTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const value of [request.params, request.query, request.body]) {
      const found = findUnsafeJson(value, maxJsonDepth);
      if (found) throw unsafeTextError(found);
    }
  });
}
