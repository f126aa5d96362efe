import type { FastifyRequest } from 'fastify';
import { detectFormat, readTable, TabularError, type Table } from '../../files/tabular';
import { AppError, msg } from '../../services/errors';
import { maxImportBytes, readUploadedFile } from './upload';

/** The CSV or XLSX table uploaded in the multipart field `file`, with the file's name. */
export async function readUploadedTable(request: FastifyRequest): Promise<{ table: Table; fileName: string }> {
  const { buffer, fileName } = await readUploadedFile(request, maxImportBytes);
  const format = detectFormat(buffer, fileName);
  if (!format) throw new AppError('IMPORT_INVALID', 'Chỉ nhận tệp CSV (UTF-8) hoặc Excel (.xlsx).', [{ line: 1, ...msg('import.unsupportedFormat') }]);
  try {
    return { table: await readTable(buffer, format), fileName };
  } catch (error) {
    if (error instanceof TabularError) throw new AppError('IMPORT_INVALID', error.message, [{ line: error.line ?? 1, message: error.message }]);
    throw error;
  }
}
