// Builds the web app before `npm start` when its build is missing or older than its sources,
// so a fresh clone needs only `npm install && npm start`.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'packages/web');
const core = path.join(root, 'packages/core/src');
const built = path.join(web, 'dist/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
if (builtAt < Math.max(newestMtime(web), newestMtime(core))) {
  console.log('Đang dựng giao diện web (chỉ lần đầu hoặc khi mã nguồn thay đổi)…');
  execSync('npm run --silent build -w @chiso/web', { cwd: root, stdio: 'inherit' });
}
