import { parentPort } from 'node:worker_threads';
import { readWorkbookCells, readXlsx, TabularError } from './tabular';
import { XlsxLimitError } from './xlsx-guard';

// The worker side of xlsx-thread.ts: reads one workbook per message, in order.
parentPort!.on('message', async ({ id, kind, bytes }: { id: number; kind: 'table' | 'sheets'; bytes: Uint8Array }) => {
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const result = kind === 'sheets' ? await readWorkbookCells(buffer) : await readXlsx(buffer);
    parentPort!.postMessage({ id, result });
  } catch (error) {
    const known = error instanceof TabularError || error instanceof XlsxLimitError;
    const line = error instanceof TabularError ? error.line : undefined;
    parentPort!.postMessage({ id, error: { message: known ? error.message : `Không đọc được tệp Excel: ${(error as Error).message}`, line } });
  }
});
