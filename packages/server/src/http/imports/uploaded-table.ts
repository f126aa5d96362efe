import type { FastifyRequest } from 'fastify';
import { detectFormat, readTable, TabularError, type Table } from '../../files/tabular';
import { AppError, msg } from '../../services/errors';
import { maxImportBytes, readUploadedFile } from './upload';

/** The CSV or XLSX table uploaded in the multipart field `file`, with the file's name. */
export async function readUploadedTable(request: FastifyRequest): Promise<{ table: Table; fileName: string }> {
  const { buffer, fileName } = await readUploadedFile(request, maxImportBytes);
  return { table: await tableOfUpload(buffer, fileName), fileName };
}

/** An uploaded file read as a CSV or XLSX table (an unknown format, a bad encoding: 422 with the line). */
export async function tableOfUpload(buffer: Buffer, fileName: string): Promise<Table> {
  const format = detectFormat(buffer, fileName);
  if (!format) throw new AppError('IMPORT_INVALID', 'Chỉ nhận tệp CSV (UTF-8) hoặc Excel (.xlsx).', [{ line: 1, ...msg('import.unsupportedFormat') }]);
  try {
    return await readTable(buffer, format);
  } catch (error) {
    if (error instanceof TabularError) throw new AppError('IMPORT_INVALID', error.message, [{ line: error.line ?? 1, message: error.message }]);
    throw error;
  }
}
