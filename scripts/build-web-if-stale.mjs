// Builds the web app before `npm start` when its build is missing or older than one of its inputs,
// so a fresh clone needs only `npm install && npm start`.
// Inputs: the web app's sources, page, build config and manifest, and the workspace packages it
// bundles (core, contract). Its tests are not inputs. The walk stops at the first newer file, so
// an up-to-date build costs one pass over the sources' metadata (milliseconds).
// `--check`: only say whether a build is needed (exit code 1), without building (bench/startup).
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'packages/web');
const built = path.join(web, 'dist/index.html');
const inputs = [
  path.join(web, 'src'),
  path.join(web, 'index.html'),
  path.join(web, 'vite.config.ts'),
  path.join(web, 'package.json'),
  path.join(root, 'packages/core/src'),
  path.join(root, 'packages/core/package.json'),
  path.join(root, 'packages/contract/src'),
  path.join(root, 'packages/contract/package.json'),
];

/** Whether `entry` (a file, or a folder walked recursively) was modified after `time`. */
function newerThan(entry, time) {
  let stat;
  try {
    stat = fs.statSync(entry);
  } catch {
    return false;
  }
  if (!stat.isDirectory()) return stat.mtimeMs > time;
  return fs.readdirSync(entry).some((name) => name !== 'node_modules' && newerThan(path.join(entry, name), time));
}

const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
const stale = inputs.some((input) => newerThan(input, builtAt));
if (process.argv.includes('--check')) {
  process.exitCode = stale ? 1 : 0;
} else if (stale) {
  console.log('Đang dựng giao diện web (chỉ lần đầu hoặc khi mã nguồn thay đổi)…');
  execSync('npm run --silent build -w @chiso/web', { cwd: root, stdio: 'inherit' });
}
