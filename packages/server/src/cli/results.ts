/**
 * `chiso results export --program CODE --year YYYY [--group G] --format csv|xlsx|json [--out FILE]`
 * (issue 11 §8): the published results of a program's year — every published group of every cycle
 * of that program and year, or the group whose code or name is G — with, per unit, the previous
 * year's index, the change, the previous rank, the rank change and the class change (empty where
 * the unit has no predecessor with a published result). The figures are the year-over-year
 * service's (services/results/year-over-year.ts), the same the API and the public site show.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { UnitYearOverYear, YearOverYear, YearOverYearExport } from '@chiso/contract';
import type { Config } from '../config/env';
import type { Executor } from '../db/client';
import { openConfiguredDatabase } from '../db/open-configured';
import { findProgram } from '../db/repositories/framework-repository';
import { listPublishedGroupsOfYear } from '../db/repositories/year-over-year-repository';
import { type YoyFigure, yearOverYearToXlsx } from '../documents/year-over-year-xlsx';
import { writeTable } from '../files/tabular';
import { slug } from '../services/publication/results';
import { groupYearOverYear } from '../services/results/year-over-year';

export type ResultsExportFormat = 'csv' | 'xlsx' | 'json';

/** A refusal with its Vietnamese message (the command prints it and exits with 1). */
export class ResultsCommandError extends Error {}

export interface ResultsExportOptions {
  programCode: string;
  year: number;
  /** A group's code or name (case and accents as written, spaces ignored at the ends). */
  group?: string;
  format: ResultsExportFormat;
}

export const resultsExportHeader = [
  'Nhóm', 'Mã đơn vị', 'Tên đơn vị', 'Điểm đạt được', 'Điểm tối đa', 'Chỉ số (%)', 'Xếp hạng', 'Xếp loại',
  'Năm so sánh', 'Chỉ số năm trước (%)', 'Thay đổi chỉ số', 'Xếp hạng năm trước (hạng/số đơn vị)', 'Thay đổi thứ hạng (bậc)', 'Xếp loại năm trước', 'Thay đổi xếp loại', 'Cơ sở so sánh',
];

const classChangeText = { up: 'Tăng', down: 'Giảm', same: 'Giữ nguyên' } as const;

function basisText(u: UnitYearOverYear): string {
  const p = u.previous;
  if (!p) return '';
  const names = p.results.map((r) => r.unitName).join(', ');
  if (p.basis === 'merged') return `Bình quân chỉ số năm ${p.year} của các đơn vị hợp nhất: ${names}`;
  if (p.basis === 'split') return `Chỉ số năm ${p.year} của đơn vị được chia tách: ${names}`;
  return p.results[0]?.unitId === u.unitId ? '' : `Đơn vị trước sắp xếp: ${names}`;
}

const decimalsOf = (text: string) => text.split('.')[1]?.length ?? 0;
const figure = (text: string | null, signed = false): YoyFigure => ({ figure: text, decimals: text === null ? 0 : decimalsOf(text), signed });
/** Points shown with two decimals at least, as the published results' workbook does. */
const pointsFigure = (text: string): YoyFigure => ({ figure: text, decimals: Math.max(2, decimalsOf(text)) });

/** One row per unit: figures as exact decimal strings (CSV) or as figures with their decimals (XLSX). */
function unitCells(g: YearOverYear, u: UnitYearOverYear): (string | number | YoyFigure | null)[] {
  const p = u.previous;
  return [
    g.groupName, u.unitCode, u.unitName, pointsFigure(u.achieved), pointsFigure(u.applicableMax), figure(u.index), u.rank, u.classLabel ?? '',
    p?.year ?? null, figure(p?.index ?? null), figure(u.change?.index ?? null, true), p?.rank == null ? null : `${p.rank}/${p.rankedUnits}`, figure(u.change?.rank === null || u.change?.rank === undefined ? null : String(u.change.rank), true), p?.classLabel ?? null,
    u.change?.classChange ? classChangeText[u.change.classChange] : null, basisText(u) || null,
  ];
}

/** The export's data: every matching published group of the program's year, year over year. */
export async function yearResults(db: Executor, options: Omit<ResultsExportOptions, 'format'>): Promise<YearOverYearExport> {
  const program = await findProgram(db, options.programCode);
  if (!program) throw new ResultsCommandError(`Không có chương trình mã “${options.programCode}”.`);
  const published = await listPublishedGroupsOfYear(db, options.programCode, options.year);
  if (published.length === 0) throw new ResultsCommandError(`Chương trình “${program.name}” chưa có kết quả công bố năm ${options.year}.`);
  const wanted = options.group?.trim().normalize('NFC').toLocaleLowerCase('vi');
  const chosen = wanted ? published.filter((g) => g.groupCode.toLocaleLowerCase('vi') === wanted || g.groupName.normalize('NFC').toLocaleLowerCase('vi') === wanted) : published;
  if (chosen.length === 0) {
    const names = [...new Set(published.map((g) => `${g.groupCode} (${g.groupName})`))].join('; ');
    throw new ResultsCommandError(`Không có nhóm “${options.group}” trong kết quả công bố năm ${options.year}. Các nhóm đã công bố: ${names}.`);
  }
  const groups: YearOverYear[] = [];
  for (const g of chosen) groups.push(await groupYearOverYear(db, g.cycleId, g.groupId));
  return { program: { code: program.code, name: program.name }, year: options.year, groups };
}

/** The export as a file: its bytes, a default name, and how many groups and units it holds. */
export async function exportYearResults(db: Executor, options: ResultsExportOptions): Promise<{ buffer: Buffer; filename: string; groups: number; units: number }> {
  const data = await yearResults(db, options);
  const units = data.groups.reduce((n, g) => n + g.units.length, 0);
  const stem = slug(`ket-qua-${data.program.code}-${data.year}${options.group ? `-${data.groups[0]!.groupName}` : ''}`);
  const rows = data.groups.flatMap((g) => g.units.map((u) => unitCells(g, u)));
  let buffer: Buffer;
  if (options.format === 'json') {
    buffer = Buffer.from(`${JSON.stringify(data, null, 2)}\n`, 'utf8');
  } else if (options.format === 'csv') {
    buffer = await writeTable('csv', resultsExportHeader, rows.map((r) => r.map((c) => (c !== null && typeof c === 'object' ? c.figure : c))));
  } else {
    const previousYears = [...new Set(data.groups.map((g) => g.previousYear).filter((y): y is number => y !== null))];
    buffer = await yearOverYearToXlsx({
      title: `Kết quả ${data.program.name} năm ${data.year}`,
      subtitle: previousYears.length > 0 ? `So sánh với năm ${previousYears.sort().join(', ')} (kết quả đã công bố)` : 'Chưa có kết quả công bố năm trước để so sánh',
      header: resultsExportHeader, rows, widths: [22, 12, 32, 10, 10, 10, 9, 11, 9, 11, 10, 10, 10, 11, 10, 40],
    });
  }
  return { buffer, filename: `${stem}.${options.format}`, groups: data.groups.length, units };
}

const usage = 'chiso results export --program MÃ --year NĂM [--group NHÓM] --format csv|xlsx|json [--out TỆP]';

export interface ResultsCommandDeps {
  open?: typeof openConfiguredDatabase;
  print?: (text: string) => void;
}

/** `chiso results export …`. */
export async function resultsCommand(args: string[], config: Config, deps: ResultsCommandDeps = {}): Promise<{ file: string; groups: number; units: number }> {
  const print = deps.print ?? ((text: string) => console.log(text));
  const { positionals, values } = parseArgs({
    args, allowPositionals: true,
    options: { program: { type: 'string' }, year: { type: 'string' }, group: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
  });
  if (positionals[0] !== 'export' || positionals.length !== 1) throw new ResultsCommandError(`Cách dùng: ${usage}`);
  const year = Number(values.year);
  if (!values.program || !Number.isInteger(year) || year < 1900 || year > 9999) throw new ResultsCommandError(`Cần --program và --year (bốn chữ số). Cách dùng: ${usage}`);
  const format = values.format ?? 'csv';
  if (format !== 'csv' && format !== 'xlsx' && format !== 'json') throw new ResultsCommandError(`Định dạng “${format}” không hỗ trợ: chọn csv, xlsx hoặc json.`);
  const opened = await (deps.open ?? openConfiguredDatabase)(config);
  try {
    const result = await exportYearResults(opened.handle.db, { programCode: values.program, year, format, ...(values.group ? { group: values.group } : {}) });
    const file = values.out ?? result.filename;
    await writeFile(file, result.buffer);
    print(`Đã xuất kết quả công bố năm ${year} (${result.groups} nhóm, ${result.units} đơn vị, có so sánh với năm trước) vào ${file}`);
    return { file, groups: result.groups, units: result.units };
  } finally {
    await opened.close();
  }
}
