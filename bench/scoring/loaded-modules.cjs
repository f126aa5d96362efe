// Preloaded with `node --require` by startup.ts: at exit, says on stderr how many of exceljs's
// files the process loaded (ESM imports of CommonJS packages go through the same cache).
const fs = require('node:fs');
process.on('exit', () => {
  const n = Object.keys(require.cache).filter((k) => k.includes('/node_modules/exceljs/')).length;
  fs.writeSync(2, `\nEXCELJS_FILES ${n}\n`);
});
