import { Worker } from 'node:worker_threads';
import type { SheetCells, Table } from './tabular';

/**
 * Reads uploaded XLSX tables and framework workbooks in a worker thread, off the event loop: even within the limits of
 * xlsx-guard.ts a parse holds the thread for a second or more, and every other request would wait.
 * One worker, started on first use and kept; jobs run in order (one parse at a time). Its heap is
 * capped: a workbook that still exhausts it ends that worker, not the server.
 */

/** Heap of the worker; a 20,000 × 12 table needs about a quarter of it. */
const workerHeapMb = 1024;

type Failure = (message: string, line?: number) => Error;
/** What the worker reads: the first sheet as a table, or every sheet as text. */
type Kind = 'table' | 'sheets';
interface Job {
  resolve: (result: never) => void;
  reject: (error: Error) => void;
  fail: Failure;
}

let worker: Worker | undefined;
const jobs = new Map<number, Job>();
let nextId = 0;

function start(): Worker {
  const started = new Worker(new URL('./xlsx-worker-start.mjs', import.meta.url), { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: workerHeapMb } });
  started.on('message', ({ id, result, error }: { id: number; result?: never; error?: { message: string; line?: number } }) => {
    const job = jobs.get(id);
    if (!job) return;
    jobs.delete(id);
    if (jobs.size === 0) started.unref();
    if (error) job.reject(job.fail(error.message, error.line));
    else job.resolve(result!);
  });
  const failAll = (error?: Error) => {
    if (worker === started) worker = undefined;
    for (const job of jobs.values()) {
      const memory = (error as { code?: string } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
      job.reject(job.fail(memory ? `Tệp Excel cần quá nhiều bộ nhớ để đọc (giới hạn ${workerHeapMb} MB). Hãy chia nhỏ tệp.` : 'Không đọc được tệp Excel (bộ đọc dừng giữa chừng). Hãy thử lại.'));
    }
    jobs.clear();
  };
  started.on('error', failAll);
  started.on('exit', () => failAll());
  return started;
}

function runOffThread<T>(kind: Kind, buffer: Buffer, fail: Failure): Promise<T> {
  worker ??= start();
  const id = nextId++;
  // Kept alive while it has work (a command-line run waits for it), let go when idle.
  worker.ref();
  return new Promise<T>((resolve, reject) => {
    jobs.set(id, { resolve: resolve as (result: never) => void, reject, fail });
    const bytes = new Uint8Array(buffer); // a copy, handed over to the worker
    worker!.postMessage({ id, kind, bytes }, [bytes.buffer]);
  });
}

/** The first sheet of the workbook, read by the worker; its refusals come back through `fail`. */
export const readXlsxOffThread = (buffer: Buffer, fail: Failure): Promise<Table> => runOffThread('table', buffer, fail);

/** Every sheet of the workbook as text (a framework workbook), read by the worker. */
export const readWorkbookCellsOffThread = (buffer: Buffer, fail: Failure): Promise<SheetCells[]> => runOffThread('sheets', buffer, fail);
