/**
 * Reads a framework file — canonical JSON or the Excel workbook — into a validated framework, or
 * every problem found, each with where it is: a JSON path, or an XLSX cell ("C12: …").
 */
import { detectTextEncoding, type Framework, type Issue, parseFramework, validateFramework } from '@chiso/core';
import { notUtf8Message } from '../files/tabular';

export interface FileProblem {
  severity: 'error' | 'warning';
  message: string;
  code?: string;
  nodeCode?: string;
  /** JSON path (JSON files). */
  path?: string;
  /** Row (XLSX) or line (JSON). */
  line?: number;
  /** Column letter (XLSX) or character (JSON). */
  column?: string;
  /** Sheet of the workbook. */
  sheet?: string;
}

export type FrameworkFileResult =
  | { ok: true; format: 'json' | 'xlsx'; framework: Framework; document: Record<string, unknown>; warnings: FileProblem[] }
  | { ok: false; format: 'json' | 'xlsx'; problems: FileProblem[] };

export const isXlsx = (buffer: Buffer) => buffer.length >= 4 && buffer[0] === 0x50 && buffer[1] === 0x4b && buffer[2] === 0x03 && buffer[3] === 0x04;

function jsonSyntaxProblem(text: string, error: Error): FileProblem {
  const m = /position (\d+)/.exec(error.message);
  if (!m) return { severity: 'error', code: 'format_json', message: `Không đọc được JSON: ${error.message}` };
  const pos = Number(m[1]);
  const before = text.slice(0, pos).split('\n');
  const line = before.length;
  const col = before.at(-1)!.length + 1;
  return { severity: 'error', code: 'format_json', line, column: String(col), message: `Dòng ${line}, cột ${col}: JSON không hợp lệ (${error.message})` };
}

const fromIssue = (i: Issue): FileProblem => ({
  severity: i.severity,
  code: i.code,
  message: i.path && !i.message.startsWith(i.path) ? `${i.path}: ${i.message}` : i.message,
  ...(i.nodeCode !== undefined ? { nodeCode: i.nodeCode } : {}),
  ...(i.path !== undefined ? { path: i.path } : {}),
});

export async function readFrameworkFile(buffer: Buffer): Promise<FrameworkFileResult> {
  if (isXlsx(buffer)) {
    // The XLSX reader (and exceljs with it) is loaded only for an XLSX framework.
    const { readFrameworkXlsx } = await import('./framework-xlsx');
    const read = await readFrameworkXlsx(buffer);
    if (!read.ok) return { ok: false, format: 'xlsx', problems: read.problems.map((p) => ({ severity: 'error', ...p })) };
    const placed = (i: Issue): FileProblem => {
      const where = read.locate(i);
      return { severity: i.severity, code: i.code, ...(i.nodeCode !== undefined ? { nodeCode: i.nodeCode } : {}), ...where };
    };
    const parsed = parseFramework(read.document);
    if (!parsed.ok) return { ok: false, format: 'xlsx', problems: parsed.errors.map(placed) };
    const issues = validateFramework(parsed.framework).map(placed);
    if (issues.some((i) => i.severity === 'error')) return { ok: false, format: 'xlsx', problems: issues };
    return { ok: true, format: 'xlsx', framework: parsed.framework, document: read.document, warnings: issues };
  }
  const encoding = detectTextEncoding(buffer);
  if (encoding !== 'utf-8') return { ok: false, format: 'json', problems: [{ severity: 'error', code: 'format_encoding', message: notUtf8Message(encoding, 'json') }] };
  const text = buffer.toString('utf8').replace(/^\uFEFF/, '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, format: 'json', problems: [jsonSyntaxProblem(text, error as Error)] };
  }
  const parsed = parseFramework(json);
  if (!parsed.ok) return { ok: false, format: 'json', problems: parsed.errors.map(fromIssue) };
  const issues = validateFramework(parsed.framework).map(fromIssue);
  if (issues.some((i) => i.severity === 'error')) return { ok: false, format: 'json', problems: issues };
  return { ok: true, format: 'json', framework: parsed.framework, document: json as Record<string, unknown>, warnings: issues };
}
