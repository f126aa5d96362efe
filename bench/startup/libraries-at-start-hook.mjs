// Preloaded with `node --import` by libraries-at-start.mjs: counts the files loaded per package (ESM through
// a loader hook, CommonJS through require.cache); on SIGUSR2 writes "LOADED exceljs=N docx=N ..." to stderr.
import fs from 'node:fs';
import { createRequire, register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
const cache = createRequire(import.meta.url).cache;
const esm = new Set();
const { port1, port2 } = new MessageChannel();
port1.on('message', (url) => esm.add(url));
port1.unref();
register('data:text/javascript,' + encodeURIComponent(`
let port;
export function initialize(d) { port = d.port; }
export async function load(url, context, next) { if (url.includes('/node_modules/')) port.postMessage(url); return next(url, context); }
`), { data: { port: port2 }, transferList: [port2] });
process.on('SIGUSR2', () => {
  const all = [...Object.keys(cache), ...[...esm].map((u) => u.replace(/^file:\/\//, ''))];
  const n = (p) => new Set(all.filter((k) => k.includes(`/node_modules/${p}/`))).size;
  fs.writeSync(2, `\nLOADED ${['exceljs', 'docx', 'nodemailer', 'qrcode', '@aws-sdk'].map((p) => `${p}=${n(p)}`).join(' ')}\n`);
});
