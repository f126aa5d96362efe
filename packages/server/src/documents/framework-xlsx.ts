/**
 * The Excel workbook officials author frameworks in (habit 11 of the design guide):
 *
 * - sheet "Bộ tiêu chí": one row per node, in document order —
 *   `Mã | Tên tiêu chí | Điểm tối đa | Cách chấm | Loại quy tắc | Tham số quy tắc |
 *    Tài liệu kiểm chứng | Cơ quan thẩm định | Nguồn | Áp dụng | Khóa`.
 *   The tree comes from the codes ("3.2.1" is a child of "3.2"). Points may be written with a
 *   decimal comma. "Tham số quy tắc" holds one `Nhãn: giá trị` per line (see RULE_HELP);
 *   "Khóa" (the stable key) may be left empty for new rows and is then made from the name.
 * - sheet "Cài đặt": `Thiết lập | Giá trị` (id, name, year, rounding, survey, bonus, ranking).
 * - sheet "Xếp loại": `Khóa | Xếp loại | Từ (%)`, highest band first.
 * - sheet "Cơ quan thẩm định": `Mã | Tên cơ quan`.
 *
 * Reading builds the canonical JSON and hands it to the core (parseFramework, validateFramework);
 * every problem — ours and the core's — is reported with its cell ("C12: …"), all at once.
 * Several sheets: the worker (files/xlsx-thread.ts) returns every sheet's cell texts, read here.
 */
import type ExcelJS from 'exceljs';
import { loadExcel } from '../files/lazy-modules';
import type { SheetCells } from '../files/tabular';
import { readWorkbookCellsOffThread } from '../files/xlsx-thread';
import { type Framework, type Issue, frameworkToJson, normalizeDecimal, parseDecimal, parsePoints, pointsToString, unitsToPlain } from '@chiso/core';

export const SHEETS = { nodes: 'Bộ tiêu chí', settings: 'Cài đặt', bands: 'Xếp loại', agencies: 'Cơ quan thẩm định' } as const;

const NODE_COLUMNS = [
  ['code', 'Mã', 10],
  ['name', 'Tên tiêu chí', 50],
  ['maxPoints', 'Điểm tối đa', 10],
  ['guidance', 'Cách chấm', 50],
  ['ruleType', 'Loại quy tắc', 18],
  ['ruleParams', 'Tham số quy tắc', 45],
  ['evidenceExpected', 'Tài liệu kiểm chứng', 35],
  ['appraisingAgency', 'Cơ quan thẩm định', 14],
  ['source', 'Nguồn', 14],
  ['applicability', 'Áp dụng', 35],
  ['key', 'Khóa', 28],
] as const;
type NodeColumn = (typeof NODE_COLUMNS)[number][0];

const RULE_LABELS: Record<string, string> = {
  choice: 'Chọn mức',
  yes_no: 'Có/Không',
  rate_tiers: 'Mức theo tỷ lệ',
  proportional: 'Tỷ lệ thuận',
  manual: 'Chấm trong khoảng',
  deduction: 'Trừ điểm',
  bonus: 'Điểm thưởng',
  survey: 'Điều tra XHH',
  data_feed: 'Dữ liệu từ hệ thống',
};
const SOURCE_LABELS: Record<string, string> = { self_assessment: 'Tự đánh giá', survey: 'Điều tra XHH', data_feed: 'Dữ liệu từ hệ thống' };
const ZERO_LABELS: Record<string, string> = { not_applicable: 'không áp dụng', full_points: 'đủ điểm', zero_points: '0 điểm' };

/** How "Tham số quy tắc" is written, per rule (shown in error messages). */
export const RULE_HELP: Record<string, string> = {
  choice: '“Lựa chọn: khóa | nhãn | điểm” (mỗi mức một dòng, ít nhất 2)',
  yes_no: '“Có: điểm” và “Không: điểm”',
  rate_tiers: '“Tử số: …”, “Mẫu số: …”, “Mẫu số bằng 0: không áp dụng | đủ điểm | 0 điểm” và các dòng “Mức: [90; 100] → 2”',
  proportional: '“Tử số: …”, “Mẫu số: …”, “Mẫu số bằng 0: …”, (tùy chọn) “Làm tròn: 2” (số chữ số thập phân; không có thì điểm giữ chính xác)',
  manual: '“Từ: 0”, “Đến: 2”, “Bước: 0,25”',
  deduction: '“Bắt đầu: 2”, “Trừ mỗi lần: 0,5”, “Tối thiểu: 0”, “Đếm: …”',
  bonus: '“Cách cộng: cố định | theo số lần”, “Điểm: 1”, “Tối đa: 2”, tùy chọn “Đếm: …”',
  survey: 'để trống, hoặc “Làm tròn: 2” (số chữ số thập phân; không có thì điểm giữ chính xác)',
  data_feed: '“Nguồn dữ liệu: …”, (tùy chọn) “Lấy từ chiso: mã chương trình | index” (trung bình của các đơn vị thuộc: “… | index | đơn vị thuộc | trung bình”), “Tử số: …”, “Mẫu số: …”, “Mẫu số bằng 0: …”, “Cách tính: theo mức | tỷ lệ” và các dòng “Mức: …”, (tùy chọn, với tỷ lệ) “Làm tròn: 2”',
};

type Json = Record<string, unknown>;

/** Words of the rule line of a feed of the units a unit organises (“… | đơn vị thuộc | trung bình”). */
const CHISO_UNITS_UNDER = 'đơn vị thuộc';
const CHISO_AVERAGE = 'trung bình';
const chisoLine = (c: Json) =>
  [c.program, c.figure, ...(c.source === 'units_under' ? [CHISO_UNITS_UNDER, CHISO_AVERAGE, ...(c.decimals === undefined ? [] : [c.decimals])] : [])].map(String).join(' | ');

/** One problem in a workbook: its cell (sheet, row, column) and a message that starts with the cell. */
export interface XlsxProblem {
  sheet: string;
  line?: number;
  column?: string;
  message: string;
}

// ---------------------------------------------------------------- writing

const vi = (plain: string) => plain.replace('.', ',');
const bool = (b: unknown) => (b ? 'Có' : 'Không');

function boundText(b: { percent: string; inclusive: boolean } | null, side: 'lower' | 'upper'): [string, string] {
  if (!b) return side === 'lower' ? ['(', '-∞'] : [')', '+∞'];
  return side === 'lower' ? [b.inclusive ? '[' : '(', vi(b.percent)] : [b.inclusive ? ']' : ')', vi(b.percent)];
}

function tierText(t: Json): string {
  const [lb, lv] = boundText(t.lower as never, 'lower');
  const [ub, uv] = boundText(t.upper as never, 'upper');
  return `Mức: ${lb}${lv}; ${uv}${ub} → ${vi(String(t.points))}`;
}

function rateLines(r: Json): string[] {
  return [`Tử số: ${String(r.numeratorLabel)}`, `Mẫu số: ${String(r.denominatorLabel)}`, `Mẫu số bằng 0: ${ZERO_LABELS[String(r.zeroDenominator)]}`];
}

/** A rule's own rounding: “Làm tròn: 2”. */
const roundingLines = (r: Json): string[] => (r.rounding ? [`Làm tròn: ${String((r.rounding as Json).decimals)}`] : []);

function ruleParams(r: Json): string {
  const p = (k: string) => vi(String(r[k]));
  switch (r.type) {
    case 'choice':
      return (r.options as Json[]).map((o) => `Lựa chọn: ${String(o.key)} | ${String(o.label)} | ${vi(String(o.points))}`).join('\n');
    case 'yes_no':
      return `Có: ${p('yesPoints')}\nKhông: ${p('noPoints')}`;
    case 'rate_tiers':
      return [...rateLines(r), ...(r.tiers as Json[]).map(tierText)].join('\n');
    case 'proportional':
      return [...rateLines(r), ...roundingLines(r)].join('\n');
    case 'survey':
      return roundingLines(r).join('\n');
    case 'manual':
      return `Từ: ${p('min')}\nĐến: ${p('max')}\nBước: ${p('step')}`;
    case 'deduction':
      return `Bắt đầu: ${p('start')}\nTrừ mỗi lần: ${p('perOccurrence')}\nTối thiểu: ${p('floor')}\nĐếm: ${String(r.occurrenceLabel)}`;
    case 'bonus':
      return [
        `Cách cộng: ${r.mode === 'fixed' ? 'cố định' : 'theo số lần'}`,
        `Điểm: ${p('points')}`,
        `Tối đa: ${p('cap')}`,
        ...(r.occurrenceLabel !== undefined ? [`Đếm: ${String(r.occurrenceLabel)}`] : []),
      ].join('\n');
    case 'data_feed': {
      const s = r.scoring as Json;
      return [
        `Nguồn dữ liệu: ${String(r.feed)}`,
        ...(r.chiso ? [`Lấy từ chiso: ${chisoLine(r.chiso as Json)}`] : []),
        ...rateLines(r),
        `Cách tính: ${s.kind === 'tiers' ? 'theo mức' : 'tỷ lệ'}`,
        ...(s.kind === 'tiers' ? (s.tiers as Json[]).map(tierText) : []),
        ...roundingLines(r),
      ].join('\n');
    }
    default:
      return '';
  }
}

function applicabilityText(a: Json | undefined): string {
  if (!a) return '';
  const lines = [`Được khai không áp dụng: ${bool(a.mayDeclareNotApplicable)}`];
  if (a.condition !== undefined) lines.push(`Điều kiện: ${String(a.condition)}`);
  if (a.unitGroups !== undefined) lines.push(`Nhóm đơn vị: ${(a.unitGroups as string[]).join('; ')}`);
  if (a.unitTypes !== undefined) lines.push(`Loại đơn vị: ${(a.unitTypes as string[]).join('; ')}`);
  return lines.join('\n');
}

const TIEBREAK_TEXT = { achieved_points: 'điểm đạt', applicable_max: 'điểm tối đa áp dụng' } as const;

interface SettingRow {
  label: string;
  path: string;
  write: (doc: Json) => string | number;
}

const SETTING_ROWS: SettingRow[] = [
  { label: 'Phiên bản định dạng', path: '$.formatVersion', write: (d) => Number(d.formatVersion) },
  { label: 'Mã bộ tiêu chí', path: '$.id', write: (d) => String(d.id) },
  { label: 'Tên bộ tiêu chí', path: '$.name', write: (d) => String(d.name) },
  { label: 'Năm', path: '$.year', write: (d) => (d.year === undefined ? '' : Number(d.year)) },
  { label: 'Phiên bản', path: '$.version', write: (d) => (d.version === undefined ? '' : String(d.version)) },
  { label: 'Mô tả', path: '$.description', write: (d) => (d.description === undefined ? '' : String(d.description)) },
  { label: 'Cấp đơn vị', path: '$.unitLevel', write: (d) => (d.unitLevel === undefined ? '' : String(d.unitLevel)) },
  { label: 'Số chữ số thập phân của điểm', path: '$.settings.rounding.pointsDecimals', write: (d) => optionalNumber(settingsOf(d).rounding.pointsDecimals) },
  { label: 'Số chữ số thập phân của chỉ số', path: '$.settings.rounding.indexDecimals', write: (d) => Number(settingsOf(d).rounding.indexDecimals) },
  { label: 'Điều tra XHH không bắt buộc', path: '$.settings.survey.optional', write: (d) => bool(settingsOf(d).survey.optional) },
  { label: 'Điểm thưởng tính vào chỉ số', path: '$.settings.bonus.countsInIndex', write: (d) => bool(settingsOf(d).bonus.countsInIndex) },
  {
    label: 'Tổng điểm thưởng tối đa',
    path: '$.settings.bonus.totalCap',
    write: (d) => (settingsOf(d).bonus.totalCap === undefined ? '' : vi(String(settingsOf(d).bonus.totalCap))),
  },
  {
    label: 'Xếp hạng theo',
    path: '$.settings.ranking.basis',
    write: (d) => (settingsOf(d).ranking.basis === 'exact' ? 'giá trị chính xác' : 'chỉ số công bố'),
  },
  {
    label: 'Tiêu chí phụ khi bằng chỉ số',
    path: '$.settings.ranking.tieBreaks',
    write: (d) =>
      (settingsOf(d).ranking.tieBreaks as Json[])
        .map((t) => (t.kind === 'component_index' ? `chỉ số thành phần: ${String(t.fieldKey)}` : TIEBREAK_TEXT[t.kind as keyof typeof TIEBREAK_TEXT]))
        .join('\n'),
  },
];

/** Empty when absent: no framework default rounding of points (they stay exact). */
const optionalNumber = (v: unknown) => (v === undefined ? '' : Number(v));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const settingsOf = (d: Json) => d.settings as any;

function styleHeader(sheet: ExcelJS.Worksheet): void {
  const row = sheet.getRow(1);
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
}

/** The workbook of a framework. Reading it back gives the same framework (tested on the demo frameworks). */
export async function frameworkToXlsx(framework: Framework): Promise<Buffer> {
  const doc = frameworkToJson(framework);
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  wb.creator = 'chiso';

  const nodes = wb.addWorksheet(SHEETS.nodes, { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
  nodes.columns = NODE_COLUMNS.map(([key, header, width]) => ({ key, header, width }));
  styleHeader(nodes);
  const walk = (list: Json[], depth: number) => {
    for (const n of list) {
      const rule = n.rule as Json | undefined;
      const row = nodes.addRow({
        code: String(n.code),
        name: String(n.name),
        maxPoints: Number(n.maxPoints),
        guidance: n.guidance ?? '',
        ruleType: rule ? RULE_LABELS[String(rule.type)] : '',
        ruleParams: rule ? ruleParams(rule) : '',
        evidenceExpected: n.evidenceExpected ?? '',
        appraisingAgency: n.appraisingAgency ?? '',
        source: n.source ? SOURCE_LABELS[String(n.source)] : '',
        applicability: applicabilityText(n.applicability as Json | undefined),
        key: String(n.key),
      });
      row.alignment = { vertical: 'top', wrapText: true };
      if (depth === 0) row.font = { bold: true };
      row.getCell('code').numFmt = '@';
      row.getCell('maxPoints').numFmt = '0.###';
      walk((n.children as Json[] | undefined) ?? [], depth + 1);
    }
  };
  walk(doc.nodes as Json[], 0);

  const settings = wb.addWorksheet(SHEETS.settings);
  settings.columns = [
    { header: 'Thiết lập', width: 36 },
    { header: 'Giá trị', width: 70 },
  ];
  styleHeader(settings);
  for (const s of SETTING_ROWS) settings.addRow([s.label, s.write(doc)]).alignment = { vertical: 'top', wrapText: true };

  const bands = wb.addWorksheet(SHEETS.bands);
  bands.columns = [
    { header: 'Khóa', width: 20 },
    { header: 'Xếp loại', width: 30 },
    { header: 'Từ (%)', width: 10 },
  ];
  styleHeader(bands);
  for (const b of settingsOf(doc).classification.bands as Json[]) bands.addRow([String(b.key), String(b.label), vi(String(b.minPercent))]);

  const agencies = wb.addWorksheet(SHEETS.agencies);
  agencies.columns = [
    { header: 'Mã', width: 14 },
    { header: 'Tên cơ quan', width: 50 },
  ];
  styleHeader(agencies);
  for (const a of doc.agencies as Json[]) agencies.addRow([String(a.code), String(a.name)]);

  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------- reading

const norm = (s: string) => s.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');

class Problems {
  readonly list: XlsxProblem[] = [];
  add(sheet: string, line: number | undefined, column: string | undefined, message: string): undefined {
    const where = line !== undefined ? `${column ?? ''}${line}` : '';
    const prefix = sheet === SHEETS.nodes ? where : `${sheet}${where ? `!${where}` : ''}`;
    this.list.push({ sheet, ...(line !== undefined ? { line } : {}), ...(column !== undefined ? { column } : {}), message: prefix ? `${prefix}: ${message}` : message });
    return undefined;
  }
}

/** Canonical decimal text ("0.25") of "0,25" / "0.25" / a number; null when invalid. */
function decimalText(text: string): string | null {
  const d = parseDecimal(text);
  if (d === null || d.units < 0n) return null;
  const n = normalizeDecimal(d);
  return unitsToPlain(n.units, n.scale);
}

function pointsText(text: string): string | null {
  const p = parsePoints(text);
  return p === null || p < 0 ? null : pointsToString(p);
}

function slugKey(name: string): string {
  const s = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s.split('-').slice(0, 5).join('-').slice(0, 60) || 'tieu-chi';
}

interface Line {
  /** Normalised label, for matching. */
  label: string;
  /** The label as written, for messages. */
  written: string;
  value: string;
}

function paramLines(text: string): Line[] | string {
  const out: Line[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const i = line.indexOf(':');
    if (i <= 0) return `dòng “${line}” cần dạng “Nhãn: giá trị”`;
    out.push({ label: norm(line.slice(0, i)), written: line.slice(0, i).trim(), value: line.slice(i + 1).trim() });
  }
  return out;
}

const TIER_PATTERN = /^([[(])\s*(.*?)\s*;\s*(.*?)\s*([\])])\s*(?:→|->|=>)\s*(.+)$/;

function parseTier(text: string): Json | string {
  const m = TIER_PATTERN.exec(text.trim());
  if (!m) return `mức “${text}” cần dạng “[70; 90) → 1” ([ ] gồm cả cận, ( ) không gồm; -∞ / +∞ khi không giới hạn)`;
  const [, lb, lv, uv, ub, pts] = m as unknown as [string, string, string, string, string, string];
  const unbounded = (v: string) => v === '' || /^[-+]?∞$/.test(v) || /^[-+]?inf/i.test(v);
  const bound = (v: string, inclusive: boolean) => {
    if (unbounded(v)) return null;
    const percent = decimalText(v.replace('%', ''));
    return percent === null ? undefined : { percent, inclusive };
  };
  const lower = bound(lv, lb === '[');
  const upper = bound(uv, ub === ']');
  const points = pointsText(pts);
  if (lower === undefined || upper === undefined) return `mức “${text}”: cận không phải là số`;
  if (points === null) return `mức “${text}”: điểm “${pts}” không hợp lệ`;
  return { lower, upper, points };
}

const ZERO_INPUT: Record<string, string> = {
  'không áp dụng': 'not_applicable',
  not_applicable: 'not_applicable',
  'đủ điểm': 'full_points',
  full_points: 'full_points',
  '0 điểm': 'zero_points',
  '0': 'zero_points',
  'không điểm': 'zero_points',
  zero_points: 'zero_points',
};

function lookup(map: Record<string, string>, value: string): string | undefined {
  const v = norm(value);
  for (const [k, code] of Object.entries(map)) if (norm(k) === v || norm(code) === v) return code;
  return undefined;
}

function parseRule(type: string, text: string): Json | string {
  const lines = paramLines(text);
  if (typeof lines === 'string') return lines;
  const errors: string[] = [];
  const used = new Set<number>();
  const all = (label: string) =>
    lines.flatMap((l, i) => {
      if (l.label !== norm(label)) return [];
      used.add(i);
      return [l.value];
    });
  const one = (label: string, optional = false): string | undefined => {
    const v = all(label);
    if (v.length === 0) {
      if (!optional) errors.push(`thiếu dòng “${label}: …”`);
      return undefined;
    }
    if (v.length > 1) errors.push(`dòng “${label}” xuất hiện nhiều lần`);
    return v[0];
  };
  const pts = (label: string): string | undefined => {
    const v = one(label);
    if (v === undefined) return undefined;
    const p = pointsText(v);
    if (p === null) errors.push(`“${label}: ${v}” — điểm không hợp lệ (số không âm, tối đa 3 chữ số thập phân)`);
    return p ?? undefined;
  };
  const rate = () => {
    const numeratorLabel = one('Tử số');
    const denominatorLabel = one('Mẫu số');
    const zv = one('Mẫu số bằng 0');
    const zeroDenominator = zv === undefined ? undefined : lookup(ZERO_INPUT, zv);
    if (zv !== undefined && !zeroDenominator) errors.push(`“Mẫu số bằng 0: ${zv}” — chọn không áp dụng, đủ điểm hoặc 0 điểm`);
    return { numeratorLabel, denominatorLabel, zeroDenominator };
  };
  const rounding = () => {
    const v = one('Làm tròn', true);
    if (v === undefined) return {};
    if (!/^[0-3]$/.test(v.trim())) {
      errors.push(`“Làm tròn: ${v}” — số chữ số thập phân, từ 0 đến 3`);
      return {};
    }
    return { rounding: { decimals: Number(v.trim()) } };
  };
  const tiers = () =>
    all('Mức').flatMap((t) => {
      const r = parseTier(t);
      if (typeof r === 'string') {
        errors.push(r);
        return [];
      }
      return [r];
    });

  let rule: Json;
  switch (type) {
    case 'choice':
      rule = {
        type,
        options: all('Lựa chọn').flatMap((o) => {
          const parts = o.split('|').map((s) => s.trim());
          const points = parts.length === 3 ? pointsText(parts[2]!) : null;
          if (parts.length !== 3 || !parts[0] || !parts[1] || points === null) {
            errors.push(`“Lựa chọn: ${o}” cần dạng “khóa | nhãn | điểm”`);
            return [];
          }
          return [{ key: parts[0], label: parts[1], points }];
        }),
      };
      break;
    case 'yes_no':
      rule = { type, yesPoints: pts('Có'), noPoints: pts('Không') };
      break;
    case 'rate_tiers':
      rule = { type, ...rate(), tiers: tiers() };
      break;
    case 'proportional':
      rule = { type, ...rate(), ...rounding() };
      break;
    case 'manual':
      rule = { type, min: pts('Từ'), max: pts('Đến'), step: pts('Bước') };
      break;
    case 'deduction':
      rule = { type, start: pts('Bắt đầu'), perOccurrence: pts('Trừ mỗi lần'), floor: pts('Tối thiểu'), occurrenceLabel: one('Đếm') };
      break;
    case 'bonus': {
      const mv = one('Cách cộng');
      const mode = mv === undefined ? undefined : lookup({ 'cố định': 'fixed', 'theo số lần': 'per_occurrence' }, mv);
      if (mv !== undefined && !mode) errors.push(`“Cách cộng: ${mv}” — chọn cố định hoặc theo số lần`);
      const occurrenceLabel = one('Đếm', true);
      rule = { type, mode, points: pts('Điểm'), cap: pts('Tối đa'), ...(occurrenceLabel !== undefined ? { occurrenceLabel } : {}) };
      break;
    }
    case 'survey':
      rule = { type, ...rounding() };
      break;
    case 'data_feed': {
      const feed = one('Nguồn dữ liệu');
      const r = rate();
      const kv = one('Cách tính');
      const kind = kv === undefined ? undefined : lookup({ 'theo mức': 'tiers', 'tỷ lệ': 'proportional' }, kv);
      if (kv !== undefined && !kind) errors.push(`“Cách tính: ${kv}” — chọn theo mức hoặc tỷ lệ`);
      // A feed from chiso itself: “Lấy từ chiso: chương trình | số liệu”, e.g. “par-index | index”; of the units a unit
      // organises: “… | đơn vị thuộc | trung bình” and optionally “| 2” (decimals of the average).
      const from = one('Lấy từ chiso', true)?.split('|').map((x) => x.trim());
      const under = from !== undefined && from.length >= 4 && from.length <= 5 && norm(from[2]!) === norm(CHISO_UNITS_UNDER) && norm(from[3]!) === norm(CHISO_AVERAGE);
      const decimals = under && from.length === 5 ? Number(from[4]) : undefined;
      if (from && !(from.length === 2 || under) || !from?.[0] || !from?.[1] || (decimals !== undefined && !Number.isInteger(decimals))) {
        if (from) errors.push(`“Lấy từ chiso: …” cần dạng “mã chương trình | index” hoặc “mã chương trình | index | ${CHISO_UNITS_UNDER} | ${CHISO_AVERAGE}” (thêm “| 2” để làm tròn trung bình)`);
      }
      const chiso = from?.length === 2 ? { chiso: { program: from[0], figure: from[1] } }
        : under ? { chiso: { program: from[0], figure: from[1], source: 'units_under', aggregate: 'average', ...(decimals !== undefined ? { decimals } : {}) } } : {};
      rule = { type, feed, ...r, scoring: kind === 'tiers' ? { kind, tiers: tiers() } : { kind }, ...chiso, ...rounding() };
      break;
    }
    default:
      return `loại quy tắc “${type}” không rõ`;
  }
  lines.forEach((l, i) => {
    if (!used.has(i)) errors.push(`dòng “${l.written}” không dùng cho loại quy tắc này`);
  });
  if (errors.length > 0) return `${errors.join('; ')}. Cách viết: ${RULE_HELP[type]}`;
  return rule;
}

function parseApplicability(text: string): Json | string {
  const lines = paramLines(text);
  if (typeof lines === 'string') return lines;
  const out: Json = { mayDeclareNotApplicable: false };
  for (const l of lines) {
    if (l.label === norm('Được khai không áp dụng')) {
      const b = parseBool(l.value);
      if (b === undefined) return `“${l.value}”: ghi Có hoặc Không`;
      out.mayDeclareNotApplicable = b;
    } else if (l.label === norm('Điều kiện')) out.condition = l.value;
    else if (l.label === norm('Nhóm đơn vị')) out.unitGroups = splitList(l.value);
    else if (l.label === norm('Loại đơn vị')) out.unitTypes = splitList(l.value);
    else return `dòng “${l.written}” không rõ (dùng Được khai không áp dụng, Điều kiện, Nhóm đơn vị, Loại đơn vị)`;
  }
  return out;
}

const splitList = (v: string) =>
  v
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);

function parseBool(v: string): boolean | undefined {
  const n = norm(v);
  if (['có', 'co', 'x', 'true', 'yes', '1'].includes(n)) return true;
  if (['không', 'khong', '', 'false', 'no', '0'].includes(n)) return false;
  return undefined;
}

interface Sheet {
  name: string;
  header: Map<string, number>;
  rows: { line: number; cells: Map<number, string> }[];
}

/** A sheet's header (line 1) by normalised title, and the rows under it. */
function readSheet(ws: SheetCells): Sheet {
  const header = new Map<string, number>();
  const rows: Sheet['rows'] = [];
  for (const row of ws.rows) {
    if (row.line === 1) for (const [col, text] of row.cells) header.set(norm(text), col);
    else rows.push(row);
  }
  return { name: ws.name, header, rows };
}

const colLetter = (col: number): string => {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/** Where each part of the built document came from, to place the core's findings on cells. */
interface Locations {
  /** JSON path of a node ("$.nodes[2].children[0]") → row. */
  nodeRows: Map<string, number>;
  codeRows: Map<string, number>;
  nodeColumns: Map<NodeColumn, string>;
  settingRows: Map<string, number>;
  bandRows: number[];
  agencyRows: number[];
}

export type XlsxReadResult =
  | { ok: true; document: Json; locate: (issue: Issue) => XlsxProblem }
  | { ok: false; problems: XlsxProblem[] };

/** Reads a framework workbook into the canonical JSON shape (not yet validated by the core). */
export async function readFrameworkXlsx(buffer: Buffer): Promise<XlsxReadResult> {
  let worksheets: SheetCells[];
  try {
    // In the worker: parsing holds a thread for a second or more (the worker's refusals are worded).
    worksheets = await readWorkbookCellsOffThread(buffer, (message) => new Error(message));
  } catch (error) {
    return { ok: false, problems: [{ sheet: '', message: (error as Error).message }] };
  }
  const byName = (name: string) => worksheets.find((w) => norm(w.name) === norm(name));
  const nodesWs = byName(SHEETS.nodes) ?? worksheets[0];
  if (!nodesWs) return { ok: false, problems: [{ sheet: SHEETS.nodes, message: `Tệp không có trang “${SHEETS.nodes}”.` }] };
  const nodes = readSheet(nodesWs);
  const problems = new Problems();
  const loc: Locations = { nodeRows: new Map(), codeRows: new Map(), nodeColumns: new Map(), settingRows: new Map(), bandRows: [], agencyRows: [] };
  const colOf = nodeColumns(nodes, loc, problems);
  if (problems.list.length > 0) return { ok: false, problems: problems.list };

  const top = readNodes(nodes, colOf, loc, problems);
  const doc: Json = { formatVersion: 1 };
  const settings: Json = { rounding: { mode: 'half_up' }, survey: {}, bonus: {}, ranking: {}, classification: {} };
  const setWs = byName(SHEETS.settings);
  if (!setWs) problems.add(SHEETS.settings, undefined, undefined, `thiếu trang “${SHEETS.settings}” (mã, tên bộ tiêu chí và các thiết lập)`);
  else readSettings(readSheet(setWs), doc, settings as SettingsJson, loc, problems);
  const bandWs = byName(SHEETS.bands);
  (settings.classification as Json).bands = bandWs ? readBands(readSheet(bandWs), loc, problems) : [];
  const agWs = byName(SHEETS.agencies);
  const agencies = agWs ? readAgencies(readSheet(agWs), loc, problems) : [];

  if (problems.list.length > 0) return { ok: false, problems: problems.list };
  const document: Json = {
    formatVersion: doc.formatVersion,
    id: doc.id,
    name: doc.name,
    ...(doc.year !== undefined ? { year: doc.year } : {}),
    ...(doc.version !== undefined ? { version: doc.version } : {}),
    ...(doc.description !== undefined ? { description: doc.description } : {}),
    ...(doc.unitLevel !== undefined ? { unitLevel: doc.unitLevel } : {}),
    agencies,
    settings,
    nodes: top,
  };
  return { ok: true, document, locate: (issue) => locateIssue(issue, loc, nodes.name) };
}

/** The nodes sheet's columns found by their header (recorded as letters); the required ones missing are problems. */
function nodeColumns(nodes: Sheet, loc: Locations, problems: Problems): Map<NodeColumn, number> {
  const colOf = new Map<NodeColumn, number>();
  for (const [key, header] of NODE_COLUMNS) {
    const col = nodes.header.get(norm(header));
    if (col !== undefined) {
      colOf.set(key, col);
      loc.nodeColumns.set(key, colLetter(col));
    }
  }
  for (const required of ['code', 'name', 'maxPoints'] as const) {
    if (!colOf.has(required)) {
      const header = NODE_COLUMNS.find(([k]) => k === required)![1];
      problems.add(nodes.name, 1, undefined, `thiếu cột “${header}” ở dòng tiêu đề`);
    }
  }
  return colOf;
}

/** The rows of the nodes sheet as the tree their codes make ("3.2.1" under "3.2"), keys filled in. */
function readNodes(nodes: Sheet, colOf: Map<NodeColumn, number>, loc: Locations, problems: Problems): Json[] {
  const top: Json[] = [];
  const byCode = new Map<string, Json>();
  const usedKeys = new Set<string>();
  for (const row of nodes.rows) {
    const get = (c: NodeColumn) => {
      const col = colOf.get(c);
      return col === undefined ? '' : (row.cells.get(col) ?? '').trim();
    };
    const fail = (c: NodeColumn, message: string) => problems.add(nodes.name, row.line, loc.nodeColumns.get(c) ?? colLetter(colOf.get(c) ?? 1), message);
    const node = readNodeRow(get, fail);
    if (node.key) usedKeys.add(String(node.key));
    const code = String(node.code);
    if (!code) continue;
    if (byCode.has(code)) {
      fail('code', `mã “${code}” trùng với dòng ${loc.codeRows.get(code)}`);
      continue;
    }
    const dot = code.lastIndexOf('.');
    const parentCode = dot > 0 ? code.slice(0, dot) : null;
    if (parentCode !== null) {
      const parent = byCode.get(parentCode);
      if (!parent) {
        fail('code', `không tìm thấy tiêu chí cha “${parentCode}” ở các dòng phía trên`);
        continue;
      }
      ((parent.children ??= []) as Json[]).push(node);
    } else {
      top.push(node);
    }
    byCode.set(code, node);
    loc.codeRows.set(code, row.line);
  }
  fillKeys(byCode.values(), usedKeys);
  recordNodeRows(top, '$.nodes', loc);
  if (nodes.rows.length === 0) problems.add(nodes.name, undefined, undefined, `trang “${nodes.name}” chưa có tiêu chí nào`);
  return top;
}

/** One row of the nodes sheet as a node (without children); each unreadable cell is reported through `fail`. */
function readNodeRow(get: (c: NodeColumn) => string, fail: (c: NodeColumn, message: string) => void): Json {
  const code = get('code');
  const name = get('name');
  if (!code) fail('code', 'thiếu mã tiêu chí');
  if (!name) fail('name', 'thiếu tên tiêu chí');
  const maxText = get('maxPoints');
  const maxPoints = pointsText(maxText);
  if (maxPoints === null) fail('maxPoints', maxText ? `điểm tối đa “${maxText}” không hợp lệ (số không âm, tối đa 3 chữ số thập phân)` : 'thiếu điểm tối đa');
  const node: Json = { key: get('key'), code, name, maxPoints };
  const guidance = get('guidance');
  if (guidance) node.guidance = guidance;
  const evidence = get('evidenceExpected');
  if (evidence) node.evidenceExpected = evidence;
  const agency = get('appraisingAgency');
  if (agency) node.appraisingAgency = agency;
  const sourceText = get('source');
  if (sourceText) {
    const source = lookup({ ...Object.fromEntries(Object.entries(SOURCE_LABELS).map(([k, v]) => [v, k])), 'Hệ thống': 'data_feed' }, sourceText);
    if (!source) fail('source', `nguồn “${sourceText}” không rõ (Tự đánh giá, Điều tra XHH, Dữ liệu từ hệ thống)`);
    else node.source = source;
  }
  const appText = get('applicability');
  if (appText) {
    const app = parseApplicability(appText);
    if (typeof app === 'string') fail('applicability', app);
    else node.applicability = app;
  }
  const typeText = get('ruleType');
  const paramsText = get('ruleParams');
  if (typeText) {
    const type = lookup(Object.fromEntries(Object.entries(RULE_LABELS).map(([k, v]) => [v, k])), typeText);
    if (!type) fail('ruleType', `loại quy tắc “${typeText}” không rõ (${Object.values(RULE_LABELS).join(', ')})`);
    else {
      const rule = parseRule(type, paramsText);
      if (typeof rule === 'string') fail('ruleParams', rule);
      else node.rule = rule;
    }
  } else if (paramsText) {
    fail('ruleType', 'có tham số quy tắc nhưng chưa chọn loại quy tắc');
  }
  return node;
}

/** Keys left empty: made from the name, unique within the framework. */
function fillKeys(nodes: Iterable<Json>, usedKeys: Set<string>): void {
  for (const node of nodes) {
    if (node.key) continue;
    let key = slugKey(String(node.name));
    for (let i = 2; usedKeys.has(key); i++) key = `${slugKey(String(node.name))}-${i}`;
    usedKeys.add(key);
    node.key = key;
  }
}

/** The row of each node by its JSON path ("$.nodes[2].children[0]"), to place the core's findings. */
function recordNodeRows(list: Json[], path: string, loc: Locations): void {
  list.forEach((n, i) => {
    const p = `${path}[${i}]`;
    loc.nodeRows.set(p, loc.codeRows.get(String(n.code))!);
    if (n.children) recordNodeRows(n.children as Json[], `${p}.children`, loc);
  });
}

type SettingsJson = { rounding: Json; survey: Json; bonus: Json; ranking: Json };

/** The settings sheet (`Thiết lập | Giá trị`) into the document's top fields and its settings. */
function readSettings(sheet: Sheet, doc: Json, settings: SettingsJson, loc: Locations, problems: Problems): void {
  const seen = new Set<string>();
  for (const row of sheet.rows) {
    const label = (row.cells.get(1) ?? '').trim();
    const value = (row.cells.get(2) ?? '').trim();
    const spec = SETTING_ROWS.find((s) => norm(s.label) === norm(label));
    if (!spec) {
      problems.add(sheet.name, row.line, 'A', `thiết lập “${label}” không rõ`);
      continue;
    }
    seen.add(spec.path);
    loc.settingRows.set(spec.path, row.line);
    applySetting(spec.path, value, doc, settings, (message) => problems.add(sheet.name, row.line, 'B', message));
  }
  for (const required of ['$.id', '$.name']) {
    if (!seen.has(required) || !doc[required.slice(2)]) {
      const label = SETTING_ROWS.find((s) => s.path === required)!.label;
      const line = loc.settingRows.get(required);
      problems.add(sheet.name, line, line ? 'B' : undefined, `thiếu “${label}”`);
    }
  }
}

/** One setting's value written where its path says; an unreadable value is reported through `fail`. */
function applySetting(path: string, value: string, doc: Json, r: SettingsJson, fail: (message: string) => undefined): void {
  const int = (min: number, max: number) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) return fail(`cần số nguyên từ ${min} đến ${max}`);
    return n;
  };
  const yesNo = () => {
    const b = parseBool(value);
    return b === undefined ? fail('ghi Có hoặc Không') : b;
  };
  switch (path) {
    case '$.formatVersion':
      if (value) doc.formatVersion = Number(value);
      break;
    case '$.id':
    case '$.name':
      doc[path.slice(2)] = value;
      break;
    case '$.year':
      if (value) doc.year = int(1900, 2999);
      break;
    case '$.version':
    case '$.description':
    case '$.unitLevel':
      if (value) doc[path.slice(2)] = value;
      break;
    case '$.settings.rounding.pointsDecimals':
      if (value) r.rounding.pointsDecimals = int(0, 3);
      break;
    case '$.settings.rounding.indexDecimals':
      if (value) r.rounding.indexDecimals = int(0, 6);
      break;
    case '$.settings.survey.optional':
      r.survey.optional = yesNo();
      break;
    case '$.settings.bonus.countsInIndex':
      r.bonus.countsInIndex = value ? yesNo() : true;
      break;
    case '$.settings.bonus.totalCap':
      if (value) {
        const cap = pointsText(value);
        if (cap === null) fail(`tổng điểm thưởng tối đa “${value}” không hợp lệ`);
        else r.bonus.totalCap = cap;
      }
      break;
    case '$.settings.ranking.basis': {
      const basis = value ? lookup({ 'chỉ số công bố': 'published', 'giá trị chính xác': 'exact' }, value) : 'published';
      if (!basis) fail('ghi “chỉ số công bố” hoặc “giá trị chính xác”');
      else r.ranking.basis = basis;
      break;
    }
    case '$.settings.ranking.tieBreaks':
      r.ranking.tieBreaks = readTieBreaks(value, fail);
      break;
  }
}

/** "chỉ số thành phần: khóa" / "điểm đạt" / "điểm tối đa áp dụng", one per line. */
function readTieBreaks(value: string, fail: (message: string) => undefined): Json[] {
  return value
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean)
    .flatMap((t) => {
      const m = /^chỉ số thành phần\s*:\s*(.+)$/i.exec(t.normalize('NFC'));
      if (m) return [{ kind: 'component_index', fieldKey: m[1]!.trim() }];
      const kind = lookup({ 'điểm đạt': 'achieved_points', 'điểm tối đa áp dụng': 'applicable_max' }, t);
      if (!kind) {
        fail(`“${t}” không rõ (chỉ số thành phần: khóa lĩnh vực; điểm đạt; điểm tối đa áp dụng)`);
        return [];
      }
      return [{ kind }];
    });
}

/** The classification bands sheet (`Khóa | Xếp loại | Từ (%)`). */
function readBands(sheet: Sheet, loc: Locations, problems: Problems): Json[] {
  return sheet.rows.map((row) => {
    const key = (row.cells.get(1) ?? '').trim();
    const label = (row.cells.get(2) ?? '').trim();
    const minText = (row.cells.get(3) ?? '').trim();
    const minPercent = decimalText(minText.replace('%', ''));
    if (!key) problems.add(sheet.name, row.line, 'A', 'thiếu khóa xếp loại');
    if (!label) problems.add(sheet.name, row.line, 'B', 'thiếu tên xếp loại');
    if (minPercent === null) problems.add(sheet.name, row.line, 'C', `ngưỡng “${minText}” không hợp lệ`);
    loc.bandRows.push(row.line);
    return { key, label, minPercent };
  });
}

/** The appraising agencies sheet (`Mã | Tên cơ quan`). */
function readAgencies(sheet: Sheet, loc: Locations, problems: Problems): Json[] {
  return sheet.rows.map((row) => {
    const code = (row.cells.get(1) ?? '').trim();
    const name = (row.cells.get(2) ?? '').trim();
    if (!code) problems.add(sheet.name, row.line, 'A', 'thiếu mã cơ quan');
    if (!name) problems.add(sheet.name, row.line, 'B', 'thiếu tên cơ quan');
    loc.agencyRows.push(row.line);
    return { code, name };
  });
}

const ISSUE_COLUMN: [RegExp, NodeColumn][] = [
  [/^duplicate_key$/, 'key'],
  [/^duplicate_code$/, 'code'],
  [/^children_sum$|^total_zero$/, 'maxPoints'],
  [/^(leaf_without_rule|inner_with_rule)$/, 'ruleType'],
  [/^source_rule_mismatch$/, 'source'],
  [/agency/, 'appraisingAgency'],
  [/^(rule_|tiers?_|choice_|manual_|deduction_|bonus_)/, 'ruleParams'],
];

const FIELD_COLUMN: Record<string, NodeColumn> = {
  key: 'key',
  code: 'code',
  name: 'name',
  maxPoints: 'maxPoints',
  guidance: 'guidance',
  evidenceExpected: 'evidenceExpected',
  appraisingAgency: 'appraisingAgency',
  source: 'source',
  applicability: 'applicability',
  rule: 'ruleParams',
};

/** Places a core finding (by JSON path or node code) on its sheet, row and column. */
function locateIssue(issue: Issue, loc: Locations, nodesSheet: string): XlsxProblem {
  const problems = new Problems();
  const path = issue.path ?? '';
  const nodeMatch = /^(\$\.nodes(?:\[\d+\](?:\.children)?)*\[\d+\])(?:\.(\w+))?/.exec(path);
  if (nodeMatch) {
    let prefix = nodeMatch[1]!;
    // The longest node path we know (the deepest node the path goes through).
    while (!loc.nodeRows.has(prefix) && prefix.includes('.children')) prefix = prefix.slice(0, prefix.lastIndexOf('.children'));
    const rest = path.slice(prefix.length);
    const field = /^\.(\w+)/.exec(rest)?.[1];
    const col = field === 'rule' && /^\.rule\.type/.test(rest) ? 'ruleType' : field ? FIELD_COLUMN[field] : undefined;
    problems.add(nodesSheet, loc.nodeRows.get(prefix), col ? loc.nodeColumns.get(col) : undefined, issue.message);
    return problems.list[0]!;
  }
  if (issue.nodeCode !== undefined && loc.codeRows.has(issue.nodeCode)) {
    const col = ISSUE_COLUMN.find(([re]) => re.test(issue.code))?.[1];
    problems.add(nodesSheet, loc.codeRows.get(issue.nodeCode), col ? loc.nodeColumns.get(col) : undefined, issue.message);
    return problems.list[0]!;
  }
  const band = /^\$\.settings\.classification\.bands\[(\d+)\](?:\.(\w+))?/.exec(path);
  if (band || /^band/.test(issue.code)) {
    const row = band ? loc.bandRows[Number(band[1])] : undefined;
    const col = band?.[2] === 'key' ? 'A' : band?.[2] === 'label' ? 'B' : band?.[2] === 'minPercent' ? 'C' : undefined;
    problems.add(SHEETS.bands, row, col, issue.message);
    return problems.list[0]!;
  }
  const agency = /^\$\.agencies\[(\d+)\](?:\.(\w+))?/.exec(path);
  if (agency) {
    problems.add(SHEETS.agencies, loc.agencyRows[Number(agency[1])], agency[2] === 'name' ? 'B' : 'A', issue.message);
    return problems.list[0]!;
  }
  const setting = [...loc.settingRows.entries()].find(([p]) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));
  if (setting || /^tiebreak/.test(issue.code)) {
    const line = setting?.[1] ?? loc.settingRows.get('$.settings.ranking.tieBreaks');
    problems.add(SHEETS.settings, line, line ? 'B' : undefined, issue.message);
    return problems.list[0]!;
  }
  problems.add(nodesSheet, undefined, undefined, issue.message);
  return problems.list[0]!;
}
