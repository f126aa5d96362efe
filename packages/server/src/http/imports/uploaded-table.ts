import type { FastifyRequest } from 'fastify';
import { detectFormat, readTable, TabularError, type Table } from '../../files/tabular';
import { AppError } from '../../services/errors';

const maxImportBytes = 5 * 1024 * 1024;

/** The CSV or XLSX table uploaded in the multipart field `file`, with the file's name. */
export async function readUploadedTable(request: FastifyRequest): Promise<{ table: Table; fileName: string }> {
  if (!request.isMultipart()) throw new AppError('BAD_REQUEST', 'Hãy gửi tệp trong trường “file” (multipart/form-data).');
  const part = await request.file({ limits: { fileSize: maxImportBytes, files: 1 } });
  if (!part || part.fieldname !== 'file') throw new AppError('BAD_REQUEST', 'Hãy gửi tệp trong trường “file” (multipart/form-data).');
  const buffer = await part.toBuffer();
  const format = detectFormat(buffer, part.filename);
  if (!format) throw new AppError('IMPORT_INVALID', 'Chỉ nhận tệp CSV (UTF-8) hoặc Excel (.xlsx).', [{ line: 1, message: 'Định dạng tệp không được hỗ trợ' }]);
  try {
    return { table: await readTable(buffer, format), fileName: part.filename };
  } catch (error) {
    if (error instanceof TabularError) throw new AppError('IMPORT_INVALID', error.message, [{ line: error.line ?? 1, message: error.message }]);
    throw error;
  }
}
