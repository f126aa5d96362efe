import { parentPort } from 'node:worker_threads';
import { readXlsx, TabularError } from './tabular';

// The worker side of xlsx-thread.ts: reads one table per message, in order.
parentPort!.on('message', async ({ id, bytes }: { id: number; bytes: Uint8Array }) => {
  try {
    const table = await readXlsx(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    parentPort!.postMessage({ id, table });
  } catch (error) {
    const known = error instanceof TabularError;
    parentPort!.postMessage({ id, error: { message: known ? error.message : `Không đọc được tệp Excel: ${(error as Error).message}`, line: known ? error.line : undefined } });
  }
});
