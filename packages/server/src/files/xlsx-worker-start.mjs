// Entry of the XLSX worker thread (xlsx-thread.ts): plain JavaScript, so that Node starts it
// whatever loader the main thread has, then the TypeScript worker through tsx.
import { tsImport } from 'tsx/esm/api';

await tsImport('./xlsx-worker.ts', import.meta.url);
