// Which of the heavy libraries `chiso start` has loaded once /api/health answers (they should load on
// first use only): starts the server on an empty PGlite folder with libraries-at-start-hook.mjs
// preloaded, asks it for its counts, stops it. Prints e.g. "LOADED exceljs=0 docx=0 nodemailer=0 qrcode=0 @aws-sdk=0".
//   node bench/startup/libraries-at-start.mjs [port]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const port = process.argv[2] ?? '3430';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-libraries-'));
const child = spawn(process.execPath, ['--import', path.join(here, 'libraries-at-start-hook.mjs'), '--import', 'tsx', 'packages/server/src/cli.ts', 'start'], {
  cwd: root,
  env: { ...process.env, CHISO_DATA_DIR: dir, PORT: port, HOST: '127.0.0.1', CHISO_LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'ignore', 'pipe'],
});
let err = '';
const done = new Promise((resolve) => child.on('exit', resolve));
child.stderr.on('data', (d) => {
  err += d;
  const m = /LOADED .*/.exec(err);
  if (m) {
    console.log(m[0]);
    child.kill('SIGTERM');
  }
});
const t0 = Date.now();
for (;;) {
  if (child.exitCode !== null || Date.now() - t0 > 180_000) {
    console.error('the server did not answer /api/health\n' + err);
    child.kill('SIGKILL');
    process.exitCode = 1;
    break;
  }
  try {
    if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) {
      child.kill('SIGUSR2');
      break;
    }
  } catch {
    // not listening yet
  }
  await new Promise((r) => setTimeout(r, 200));
}
await done;
fs.rmSync(dir, { recursive: true, force: true });
