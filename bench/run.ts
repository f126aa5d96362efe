/**
 * `npm run bench -- <name> [options]` runs bench/<name>/run.ts in its own Node process (with the
 * garbage collector exposed, as the scoring benchmark wants); with no name it lists the benchmarks.
 * Each benchmark writes bench/<name>/REPORT.md when given --report.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const names = readdirSync(here, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(here, entry.name, 'run.ts')))
  .map((entry) => entry.name)
  .sort();

const [name, ...options] = process.argv.slice(2);
if (!name || !names.includes(name)) {
  if (name) console.error(`Không có phép đo “${name}”.`);
  console.log(`Các phép đo (bench/<tên>/run.ts), chạy: npm run bench -- <tên> [--report]\n${names.map((n) => `  ${n}`).join('\n')}`);
  process.exit(name ? 2 : 0);
}
const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(here, name, 'run.ts'), ...options], { stdio: 'inherit' });
process.exit(result.status ?? 1);
