/**
 * `chiso framework validate|import|export` — framework files from the command line.
 * `validate` needs no database; `import` and `export` use the configured one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatPoints, loadFramework, serializeFramework, sumPoints, walkNodes } from '@chiso/core';
import type { Config } from '../config/env';
import { openConfiguredDatabase } from '../db/open-configured';
import { readFrameworkFile, type FileProblem } from '../documents/framework-file';
import { frameworkToXlsx } from '../documents/framework-xlsx';
import { systemActor } from '../services/actor';
import { AppError } from '../services/errors';
import { findLatestVersionByIdentity, importFramework, readVersion } from '../services/frameworks/framework-service';
import { CliError } from './score';

const usage = `Cách dùng:
  chiso framework validate TỆP                     kiểm tra tệp bộ tiêu chí (JSON hoặc Excel)
  chiso framework import TỆP --program par-index --year 2025 --group "Sở, ban, ngành" [--name TÊN] [--publish] [--dry-run]
  chiso framework export MÃ_PHIÊN_BẢN [--format json|xlsx] TỆP_RA
  chiso framework export --program par-index --year 2025 --group "Sở, ban, ngành" [--format json|xlsx] TỆP_RA`;

function problemLine(p: FileProblem): string {
  const kind = p.severity === 'error' ? 'Lỗi' : 'Cảnh báo';
  const node = p.nodeCode && !p.message.includes(p.nodeCode) ? ` [${p.nodeCode}]` : '';
  return `  ${kind}${node}: ${p.message}${p.code ? ` (${p.code})` : ''}`;
}

async function readFile(file: string): Promise<Buffer> {
  try {
    return fs.readFileSync(file);
  } catch {
    throw new CliError(`Không đọc được tệp ${file}`);
  }
}

async function validate(args: string[]): Promise<void> {
  const { positionals } = parseArgs({ args, allowPositionals: true });
  if (positionals.length !== 1) throw new CliError(`Cần đúng một tệp.\n${usage}`);
  const result = await readFrameworkFile(await readFile(positionals[0]!));
  if (!result.ok) {
    const errors = result.problems.filter((p) => p.severity === 'error');
    console.log(result.problems.map(problemLine).join('\n'));
    throw new CliError(`Bộ tiêu chí có ${errors.length} lỗi: chưa dùng được.`);
  }
  if (result.warnings.length > 0) console.log(result.warnings.map(problemLine).join('\n'));
  const f = result.framework;
  const count = [...walkNodes(f.nodes)].length;
  const total = formatPoints(sumPoints(f.nodes.filter((n) => n.rule?.type !== 'bonus').map((n) => n.maxPoints)));
  console.log(`Hợp lệ: “${f.name}” — ${f.nodes.length} lĩnh vực, ${count} tiêu chí, tổng ${total} điểm; ${result.warnings.length} cảnh báo.`);
}

const identityOptions = {
  program: { type: 'string' },
  year: { type: 'string' },
  group: { type: 'string' },
} as const;

function identity(values: { program?: string; year?: string; group?: string }) {
  if (!values.program || !values.year || !values.group) return null;
  const year = Number(values.year);
  if (!Number.isInteger(year)) throw new CliError(`Năm không hợp lệ: ${values.year}`);
  return { programCode: values.program, year, groupLabel: values.group };
}

function explain(error: unknown): never {
  if (error instanceof AppError) {
    const details = (error.details ?? []).map((d) => `  ${d.line !== undefined && !d.message.includes(String(d.line)) ? `dòng ${d.line}: ` : ''}${d.message}`);
    throw new CliError([error.message, ...details].join('\n'));
  }
  throw error;
}

async function importCommand(config: () => Config, args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...identityOptions, name: { type: 'string' }, publish: { type: 'boolean', default: false }, 'dry-run': { type: 'boolean', default: false } },
  });
  const id = identity(values);
  if (positionals.length !== 1 || !id) throw new CliError(`Cần tệp, --program, --year và --group.\n${usage}`);
  const file = positionals[0]!;
  const read = await readFrameworkFile(await readFile(file));
  if (!read.ok) {
    console.log(read.problems.map(problemLine).join('\n'));
    throw new CliError('Tệp bộ tiêu chí có lỗi; chưa nhập gì.');
  }
  const opened = await openConfiguredDatabase(config());
  try {
    const { framework, warnings } = await importFramework(
      opened.handle.db,
      systemActor,
      { ...id, name: values.name ?? read.framework.name, document: read.document, fileName: path.basename(file) },
      { dryRun: values['dry-run'], publish: values.publish },
    ).catch(explain);
    for (const w of warnings) console.log(`  Cảnh báo: ${w.message}`);
    if (!framework) {
      console.log('Kiểm tra xong (--dry-run): tệp nhập được, chưa ghi gì.');
      return;
    }
    const v = framework.versions.at(-1)!;
    console.log(`Đã nhập “${framework.name}” (${framework.program.name}, ${framework.year}, ${framework.groupLabel}): phiên bản ${v.number} ${v.status === 'published' ? 'đã ban hành' : 'bản nháp'}, mã phiên bản ${v.id}`);
  } finally {
    await opened.close();
  }
}

async function exportCommand(config: () => Config, args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...identityOptions, format: { type: 'string' } },
  });
  const id = identity(values);
  const [first, second] = positionals;
  const versionId = id ? undefined : first;
  const out = id ? first : second;
  if (!out || (!id && !versionId)) throw new CliError(`Cần mã phiên bản (hoặc --program, --year, --group) và tệp ra.\n${usage}`);
  const format = values.format ?? (path.extname(out).toLowerCase() === '.xlsx' ? 'xlsx' : 'json');
  if (format !== 'json' && format !== 'xlsx') throw new CliError('--format là json hoặc xlsx');
  const opened = await openConfiguredDatabase(config());
  try {
    const row = id ? await findLatestVersionByIdentity(opened.handle.db, id) : await readVersion(opened.handle.db, versionId!).catch(explain);
    if (!row) throw new CliError('Không tìm thấy bộ tiêu chí với chương trình, năm và nhóm đã cho.');
    const loaded = loadFramework(row.document);
    if (!loaded.ok && format === 'xlsx') throw new CliError('Phiên bản này còn lỗi nên chưa xuất ra Excel được; hãy xuất JSON.');
    const body = !loaded.ok ? `${JSON.stringify(row.document, null, 2)}\n` : format === 'json' ? serializeFramework(loaded.framework) : await frameworkToXlsx(loaded.framework);
    fs.writeFileSync(out, body);
    console.log(`Đã xuất phiên bản ${row.number} (${row.status === 'published' ? 'đã ban hành' : 'bản nháp'}) vào ${out}`);
  } finally {
    await opened.close();
  }
}

/** `chiso framework …`; `config` is read only by the subcommands that use the database. */
export async function frameworkCommand(args: string[], config: () => Config): Promise<void> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'validate':
      return validate(rest);
    case 'import':
      return importCommand(config, rest);
    case 'export':
      return exportCommand(config, rest);
    default:
      throw new CliError(`Lệnh con không rõ: ${sub ?? '(trống)'}\n${usage}`);
  }
}
