// Preloaded with `node --import` by startup.ts: at exit, says on stderr how many of exceljs's
// files the process loaded (ESM imports of CommonJS packages go through the same cache).
import fs from 'node:fs';
import { createRequire } from 'node:module';

const cache = createRequire(import.meta.url).cache;
process.on('exit', () => {
  const n = Object.keys(cache).filter((k) => k.includes('/node_modules/exceljs/')).length;
  fs.writeSync(2, `\nEXCELJS_FILES ${n}\n`);
});
