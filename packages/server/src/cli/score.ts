/**
 * `chiso score --framework FILE --inputs INPUTS.csv [--units UNITS.csv] [--out RESULT.csv|.xlsx] [--vi]`
 *
 * Re-computes published figures from files alone, no database: an official gives the framework
 * (JSON or Excel) and each unit's inputs per criterion, and gets per unit the points of every field,
 * the total, the applicable maximum, the index, the rank in its group and the class — computed by
 * the same core as the application.
 *
 * The files are read and scored by src/services/scoring/score-inputs.ts, which the application's
 * "Tính thử điểm" (POST /api/framework-versions/:id/score) uses too. INPUTS and UNITS may be CSV or XLSX.
 *
 * INPUTS.csv (long format, one row per unit and criterion; header names as below, any order):
 *   unit, criterion, value, numerator, denominator, occurrences, notApplicable, reason [, group, type]
 * - `criterion`: the node's code ("3.2.1") or its stable key.
 * - choice: `value` = option key (or its label); yes/no and fixed bonus: `value` = có/không;
 *   manual and survey: `value` = points ("0,75" or "0.75"); rates (tiers, proportional, data feed):
 *   `numerator` + `denominator` (or `value` = a percentage); deduction and per-occurrence bonus:
 *   `occurrences` (or `value`); `notApplicable` = x / có with a `reason`.
 * UNITS.csv (optional): unit, name, group, type — the group ranks units together and drives
 * applicability by group; `type` drives applicability by unit type.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readFrameworkFile } from '../documents/framework-file';
import { writeTable } from '../files/tabular';
import { readScoreTable, resultTable, ScoreInputsError, scoreInputs } from '../services/scoring/score-inputs';

export class CliError extends Error {}

export interface ScoreFilesInput {
  framework: Buffer;
  inputs: Buffer;
  units?: Buffer;
  /** Decimal comma in the output. */
  vi?: boolean;
}

export interface ScoreFilesResult {
  header: string[];
  rows: string[][];
  /** Notes per unit (missing inputs, refused claims…), for stderr. */
  warnings: string[];
}

/**
 * Files in, table out — through the same service as the application's "Tính thử điểm"
 * (src/services/scoring/score-inputs.ts). Throws CliError listing every input problem (nothing is
 * computed then).
 */
export async function scoreFiles(input: ScoreFilesInput): Promise<ScoreFilesResult> {
  const read = await readFrameworkFile(input.framework);
  if (!read.ok) throw new CliError(`Bộ tiêu chí có lỗi:\n${read.problems.filter((p) => p.severity === 'error').map((p) => `  ${p.message}`).join('\n')}`);
  try {
    const result = scoreInputs({
      framework: read.framework,
      inputs: await readScoreTable(input.inputs, 'inputs'),
      ...(input.units ? { units: await readScoreTable(input.units, 'units') } : {}),
    });
    const table = resultTable(result, input.vi ? 'vi' : 'plain');
    return { ...table, warnings: result.issues.map((i) => `${i.unit}: ${i.message}`) };
  } catch (error) {
    if (error instanceof ScoreInputsError) throw new CliError(error.message);
    throw error;
  }
}

const usage = 'chiso score --framework BỘ_TIÊU_CHÍ.json|.xlsx --inputs DỮ_LIỆU.csv [--units ĐƠN_VỊ.csv] [--out KẾT_QUẢ.csv|.xlsx] [--vi]';

export async function scoreCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      framework: { type: 'string' },
      inputs: { type: 'string' },
      units: { type: 'string' },
      out: { type: 'string' },
      vi: { type: 'boolean', default: false },
    },
  });
  if (!values.framework || !values.inputs) throw new CliError(`Cần --framework và --inputs.\n  ${usage}`);
  const readFile = (file: string) => {
    try {
      return fs.readFileSync(file);
    } catch {
      throw new CliError(`Không đọc được tệp ${file}`);
    }
  };
  const result = await scoreFiles({
    framework: readFile(values.framework),
    inputs: readFile(values.inputs),
    ...(values.units ? { units: readFile(values.units) } : {}),
    vi: values.vi ?? false,
  });
  for (const w of result.warnings) process.stderr.write(`Lưu ý — ${w}\n`);
  const format = values.out && path.extname(values.out).toLowerCase() === '.xlsx' ? 'xlsx' : 'csv';
  const file = await writeTable(format, result.header, result.rows, { sheetName: 'Kết quả' });
  if (values.out) {
    fs.writeFileSync(values.out, file);
    process.stderr.write(`Đã ghi kết quả của ${result.rows.length} đơn vị vào ${values.out}\n`);
  } else {
    process.stdout.write(file.toString('utf8').replace(/^\uFEFF/, ''));
  }
}
