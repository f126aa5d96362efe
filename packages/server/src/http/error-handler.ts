import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorDetail } from '../services/errors';

/** One error envelope for every failure: `{ error: { code, message, details? } }`. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error.retryAfterSeconds !== undefined) void reply.header('retry-after', String(error.retryAfterSeconds));
      return reply.status(error.status).send({ error: { code: error.code, message: error.message, details: error.details } });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details: ErrorDetail[] = error.validation.map((issue) => ({
        path: issue.instancePath.replace(/^\//, '').replaceAll('/', '.'),
        message: issue.message ?? 'Giá trị không hợp lệ',
      }));
      return reply.status(400).send({ error: { code: 'VALIDATION_FAILED', message: 'Dữ liệu gửi lên không hợp lệ. Hãy kiểm tra các trường được đánh dấu.', details } });
    }
    if (error.statusCode === 429) {
      return reply.status(429).send({ error: { code: 'RATE_LIMITED', message: 'Bạn thao tác quá nhanh. Hãy chờ một lát rồi thử lại.' } });
    }
    if (error.statusCode === 413 || error.code === 'FST_REQ_FILE_TOO_LARGE' || error.code === 'FST_FILES_LIMIT') {
      return reply.status(413).send({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'Tệp hoặc dữ liệu gửi lên quá lớn.' } });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ error: { code: 'BAD_REQUEST', message: `Yêu cầu không hợp lệ: ${error.message}` } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: 'Đã có lỗi ở máy chủ. Dữ liệu của bạn chưa được lưu; hãy thử lại hoặc báo quản trị viên.' } });
  });
}
