/**
 * Scoring a framework against a table of inputs — the one code path behind `chiso score` and
 * `POST /api/framework-versions/:id/score`, so the command line and the application show the same
 * figures for the same files.
 *
 * INPUTS (long format, one row per unit and criterion; header names as below, any order; other
 * columns — such as the template's name and guidance — are ignored):
 *   unit, criterion, value, numerator, denominator, occurrences, notApplicable, reason [, group, type]
 * - `criterion`: the node's code ("3.2.1") or its stable key.
 * - choice: `value` = option key (or its label); yes/no and fixed bonus: `value` = có/không;
 *   manual and survey: `value` = points ("0,75" or "0.75"); rates (tiers, proportional, data feed):
 *   `numerator` + `denominator` (or `value` = a percentage); deduction and per-occurrence bonus:
 *   `occurrences` (or `value`); `notApplicable` = x / có with a `reason`.
 * - A row without a unit and without any value (a template line left empty) is skipped.
 * UNITS (optional): unit, name, group, type — the group ranks units together and drives
 * applicability by group; `type` drives applicability by unit type.
 *
 * Pure apart from reading the tables: nothing is stored.
 */
import {
  type Framework,
  type FrameworkNode,
  type NodeInput,
  type NodeScore,
  type Points,
  type Rational,
  type Rule,
  type UnitScore,
  classifyScore,
  formatFixed,
  formatPointsFigure,
  isLeaf,
  pointsToRational,
  rankByGroup,
  traceUnit,
  walkNodes,
} from '@chiso/core';
import { detectFormat, readTable, TabularError, type Table } from '../../files/tabular';

/** One problem in the input files; nothing is computed while there is any. */
export interface ScoreProblem {
  file: 'inputs' | 'units';
  /** Line (CSV) or row (XLSX) of the file. */
  line?: number;
  /** Code of the criterion the row is about, when known. */
  nodeCode?: string;
  message: string;
}

export class ScoreInputsError extends Error {
  constructor(readonly problems: ScoreProblem[]) {
    super(`Tệp dữ liệu có lỗi; chưa tính gì:\n${problems.map((p) => `  ${problemText(p)}`).join('\n')}`);
  }
}

/** "INPUTS dòng 4 (2.3): …" — the labels name the files as the reader knows them. */
export function problemText(p: ScoreProblem, labels: { inputs: string; units: string } = { inputs: 'INPUTS', units: 'UNITS' }): string {
  return `${labels[p.file]}${p.line !== undefined ? ` dòng ${p.line}` : ''}${p.nodeCode ? ` (${p.nodeCode})` : ''}: ${p.message}`;
}

/** Reads a CSV or XLSX upload (told apart by content, then by name). */
export async function readScoreTable(buffer: Buffer, file: 'inputs' | 'units', filename = ''): Promise<Table> {
  const format = detectFormat(buffer, filename);
  if (!format) throw new ScoreInputsError([{ file, message: 'tệp không phải CSV hay Excel (.xlsx)' }]);
  try {
    return await readTable(buffer, format);
  } catch (error) {
    if (error instanceof TabularError) throw new ScoreInputsError([{ file, message: error.message }]);
    throw error;
  }
}

export interface ScoreInputsRequest {
  framework: Framework;
  inputs: Table;
  units?: Table;
}

export interface ScoredUnit {
  unit: string;
  name: string;
  group: string;
  type?: string;
  score: UnitScore;
  /** Rank within the group; null when the unit has no index. */
  rank: number | null;
  classLabel: string | null;
}

export interface ScoreIssue {
  unit: string;
  message: string;
  nodeCode?: string;
}

export interface ScoreInputsResult {
  framework: Framework;
  /** Ordered by group (Vietnamese collation), then rank. */
  units: ScoredUnit[];
  /** Notes per unit (missing inputs, refused claims…); they do not stop the computation. */
  issues: ScoreIssue[];
}

const norm = (s: string) => s.normalize('NFC').trim().toLowerCase();
const YES = new Set(['có', 'co', 'x', '1', 'yes', 'true', 'đạt', 'dat']);
const NO = new Set(['không', 'khong', '0', 'no', 'false', 'không đạt']);

const inputColumns = ['unit', 'criterion', 'value', 'numerator', 'denominator', 'occurrences', 'notapplicable', 'reason', 'group', 'type'];

function columns(table: Table, file: 'inputs' | 'units', required: string[], optional: string[]): Map<string, number> | ScoreProblem {
  const at = new Map<string, number>();
  table.header.forEach((h, i) => {
    if (!at.has(norm(h))) at.set(norm(h), i);
  });
  const missing = required.filter((c) => !at.has(c));
  if (missing.length > 0) return { file, message: `thiếu cột ${missing.map((m) => `“${m}”`).join(', ')} (cần: ${[...required, ...optional].join(', ')})` };
  return at;
}

/** A leaf's input from one row, or the problem with it (without the row's location). */
function toInput(node: FrameworkNode, cell: Record<string, string>): NodeInput | string {
  const value = cell.value ?? '';
  const na = norm(cell.notapplicable ?? '');
  if (na !== '' && !NO.has(na)) {
    if (!YES.has(na)) return `notApplicable “${cell.notapplicable}” — ghi x hoặc để trống`;
    return { kind: 'not_applicable', reason: cell.reason ?? '' };
  }
  const rule = node.rule!;
  const yesNo = (): boolean | string => {
    const v = norm(value);
    if (YES.has(v)) return true;
    if (NO.has(v)) return false;
    return `“${value}” — ghi có hoặc không`;
  };
  const count = (): number | string => {
    const text = (cell.occurrences || value).trim();
    return /^\d+$/.test(text) ? Number(text) : `số lần “${text}” phải là số nguyên không âm`;
  };
  switch (rule.type) {
    case 'choice': {
      const option = rule.options.find((o) => o.key === value.trim()) ?? rule.options.find((o) => norm(o.label) === norm(value));
      return option ? { kind: 'choice', option: option.key } : `“${value}” không phải lựa chọn của tiêu chí (${rule.options.map((o) => o.key).join(', ')})`;
    }
    case 'yes_no': {
      const b = yesNo();
      return typeof b === 'string' ? b : { kind: 'yes_no', value: b };
    }
    case 'rate_tiers':
    case 'proportional':
    case 'data_feed': {
      if (cell.numerator || cell.denominator) return { kind: 'rate', numerator: cell.numerator ?? '', denominator: cell.denominator ?? '' };
      if (value) return { kind: 'rate', numerator: value.replace('%', ''), denominator: '100' };
      return 'cần numerator và denominator (hoặc value là tỷ lệ %)';
    }
    case 'manual':
      return { kind: 'manual', points: value };
    case 'survey':
      return { kind: 'survey', points: value };
    case 'deduction': {
      const n = count();
      return typeof n === 'string' ? n : { kind: 'count', occurrences: n };
    }
    case 'bonus': {
      if (rule.mode === 'per_occurrence') {
        const n = count();
        return typeof n === 'string' ? n : { kind: 'count', occurrences: n };
      }
      const b = yesNo();
      return typeof b === 'string' ? b : { kind: 'awarded', value: b };
    }
  }
}

interface UnitInfo {
  name: string;
  group: string;
  type?: string;
}

/** Scores every unit of the inputs. Throws ScoreInputsError listing every problem (nothing is computed then). */
export function scoreInputs(request: ScoreInputsRequest): ScoreInputsResult {
  const { framework } = request;
  const byKey = new Map<string, FrameworkNode>();
  const byCode = new Map<string, FrameworkNode>();
  for (const { node } of walkNodes(framework.nodes)) {
    byKey.set(node.key, node);
    byCode.set(node.code, node);
  }
  const problems: ScoreProblem[] = [];

  const units = new Map<string, UnitInfo>();
  if (request.units) {
    const at = columns(request.units, 'units', ['unit'], ['name', 'group', 'type']);
    if (!(at instanceof Map)) problems.push(at);
    else {
      for (const row of request.units.rows) {
        const get = (c: string) => (at.has(c) ? (row.cells[at.get(c)!] ?? '').trim() : '');
        const code = get('unit');
        if (!code) continue;
        units.set(code, { name: get('name'), group: get('group'), ...(get('type') ? { type: get('type') } : {}) });
      }
    }
  }

  const at = columns(request.inputs, 'inputs', ['unit', 'criterion'], inputColumns.slice(2));
  if (!(at instanceof Map)) throw new ScoreInputsError([...problems, at]);
  if (problems.length > 0) throw new ScoreInputsError(problems);

  const inputs = new Map<string, Record<string, NodeInput>>();
  for (const row of request.inputs.rows) {
    const cell: Record<string, string> = {};
    for (const f of inputColumns) if (at.has(f)) cell[f] = (row.cells[at.get(f)!] ?? '').trim();
    const here = { file: 'inputs' as const, line: row.line };
    const unit = cell.unit ?? '';
    if (!unit) {
      // A template line left empty is not a problem.
      if (['value', 'numerator', 'denominator', 'occurrences', 'notapplicable'].every((f) => !cell[f])) continue;
      problems.push({ ...here, message: 'thiếu mã đơn vị (unit)' });
      continue;
    }
    const info = units.get(unit) ?? { name: '', group: '' };
    if (cell.group) info.group = cell.group;
    if (cell.type) info.type = cell.type;
    units.set(unit, info);
    const node = byKey.get(cell.criterion ?? '') ?? byCode.get(cell.criterion ?? '');
    if (!node) {
      problems.push({ ...here, message: `không có tiêu chí “${cell.criterion}” trong bộ tiêu chí (ghi mã như 3.2.1 hoặc khóa)` });
      continue;
    }
    if (!isLeaf(node) && norm(cell.notapplicable ?? '') === '') {
      problems.push({ ...here, message: `tiêu chí ${node.code} có tiêu chí con — nhập điểm cho tiêu chí con (chỉ được khai không áp dụng ở đây)` });
      continue;
    }
    const parsed = isLeaf(node) ? toInput(node, cell) : ({ kind: 'not_applicable', reason: cell.reason ?? '' } as const);
    if (typeof parsed === 'string') {
      problems.push({ ...here, nodeCode: node.code, message: parsed });
      continue;
    }
    const mine = inputs.get(unit) ?? {};
    if (mine[node.key]) problems.push({ ...here, message: `đơn vị ${unit} đã có dữ liệu cho tiêu chí ${node.code} ở dòng trước` });
    mine[node.key] = parsed;
    inputs.set(unit, mine);
  }
  if (problems.length > 0) throw new ScoreInputsError(problems);

  const issues: ScoreIssue[] = [];
  const scores = new Map<string, UnitScore>();
  for (const [code, info] of units) {
    const score = traceUnit(framework, { ...(info.group ? { group: info.group } : {}), ...(info.type ? { type: info.type } : {}) }, inputs.get(code) ?? {});
    for (const i of score.issues) issues.push({ unit: code, message: i.message, ...(i.nodeCode ? { nodeCode: i.nodeCode } : {}) });
    scores.set(code, score);
  }
  const ranked = rankByGroup(
    [...scores].map(([unitId, score]) => ({ unitId, score, group: units.get(unitId)!.group })),
    framework.settings.ranking,
  );
  const out: ScoredUnit[] = [];
  for (const group of [...ranked.keys()].sort((a, b) => a.localeCompare(b, 'vi'))) {
    for (const r of ranked.get(group)!) {
      const score = r.score as UnitScore;
      const info = units.get(r.unitId)!;
      out.push({
        unit: r.unitId,
        name: info.name,
        group: info.group,
        ...(info.type ? { type: info.type } : {}),
        score,
        rank: r.rank,
        classLabel: classifyScore(framework, score)?.label ?? null,
      });
    }
  }
  return { framework, units: out, issues };
}

// ---- presentation shared by the command line and the API ----

export type NumberStyle = 'vi' | 'plain';

/**
 * Exact points, with at least the framework's points decimals (2 when it declares none): every
 * decimal of the exact value ("0.675", "3.1875"; sums are never rounded), a value that does not
 * terminate to the thousandth (2/3 → "0.667"; its leaf's explanation gives the fraction).
 */
export function pointsText(p: Points | Rational, framework: Framework, style: NumberStyle): string {
  return formatPointsFigure(typeof p === 'number' ? pointsToRational(p) : p, framework.settings.rounding.pointsDecimals ?? 2, style);
}

/** Points of a field (top-level node) for a unit; '' when the field does not apply to it. */
export function fieldPointsText(unit: ScoredUnit, field: FrameworkNode, framework: Framework, style: NumberStyle): string {
  const ns = unit.score.nodes.get(field.key);
  if (!ns || !ns.applicable) return '';
  return pointsText(ns.exact.achieved, framework, style);
}

export function indexText(unit: ScoredUnit, style: NumberStyle): string {
  return unit.score.publishedIndex ? formatFixed(unit.score.publishedIndex, style) : '';
}

/** The result as the command line writes it: one row per unit. */
export function resultTable(result: ScoreInputsResult, style: NumberStyle): { header: string[]; rows: string[][] } {
  const { framework } = result;
  const fields = framework.nodes;
  const header = ['Đơn vị', 'Tên đơn vị', 'Nhóm', ...fields.map((f) => `Lĩnh vực ${f.code}`), 'Tổng điểm', 'Điểm thưởng', 'Điểm tối đa áp dụng', 'Chỉ số', 'Xếp hạng', 'Xếp loại'];
  const rows = result.units.map((u) => [
    u.unit,
    u.name,
    u.group,
    ...fields.map((f) => fieldPointsText(u, f, framework, style)),
    pointsText(u.score.exact.achieved, framework, style),
    pointsText(u.score.exact.bonus, framework, style),
    pointsText(u.score.applicableMax, framework, style),
    indexText(u, style),
    u.rank === null ? '' : String(u.rank),
    u.classLabel ?? '',
  ]);
  return { header, rows };
}

/** Why a node does not apply, in a sentence. */
export function notApplicableText(ns: NodeScore): string {
  const na = ns.notApplicable;
  if (!na) return '';
  switch (na.kind) {
    case 'declared':
      return na.reason ? `Đơn vị khai không áp dụng: ${na.reason}` : 'Đơn vị khai không áp dụng';
    case 'unit_group':
      return 'Không áp dụng cho nhóm của đơn vị';
    case 'unit_type':
      return 'Không áp dụng cho loại đơn vị này';
    case 'survey_absent':
      return 'Không có điểm điều tra xã hội học; chỉ số tính trên phần tự đánh giá';
    case 'zero_denominator':
      return 'Mẫu số bằng 0: tiêu chí không áp dụng';
    case 'ancestor':
      return 'Tiêu chí cấp trên không áp dụng';
    case 'all_children':
      return 'Mọi tiêu chí con đều không áp dụng';
  }
}

// ---- the inputs template ----

const ruleNames: Record<Rule['type'], string> = {
  choice: 'Chọn mức',
  yes_no: 'Có/Không',
  rate_tiers: 'Mức theo tỷ lệ',
  proportional: 'Tỷ lệ thuận',
  manual: 'Chấm trực tiếp',
  deduction: 'Trừ điểm',
  bonus: 'Điểm thưởng',
  survey: 'Điều tra XHH',
  data_feed: 'Dữ liệu từ hệ thống',
};

function whatToEnter(node: FrameworkNode): string {
  const rule = node.rule!;
  switch (rule.type) {
    case 'choice':
      return `value = một trong: ${rule.options.map((o) => `${o.key} (${o.label})`).join('; ')}`;
    case 'yes_no':
      return 'value = có hoặc không';
    case 'rate_tiers':
    case 'proportional':
    case 'data_feed': {
      return `numerator = ${rule.numeratorLabel}; denominator = ${rule.denominatorLabel} (hoặc value = tỷ lệ %)`;
    }
    case 'manual':
      return 'value = số điểm (ví dụ 0,75)';
    case 'survey':
      return 'value = điểm điều tra xã hội học';
    case 'deduction':
      return `occurrences = số lần${rule.occurrenceLabel ? ` (${rule.occurrenceLabel})` : ''}`;
    case 'bonus':
      return rule.mode === 'per_occurrence' ? 'occurrences = số lần' : 'value = có hoặc không';
  }
}

/** One row per leaf: fill `unit` and the value columns; the other columns are for the reader. */
export function templateTable(framework: Framework): { header: string[]; rows: string[][]; widths: number[] } {
  const header = ['unit', 'criterion', 'Tên tiêu chí', 'Điểm tối đa', 'Cách chấm', 'Cần nhập', 'value', 'numerator', 'denominator', 'occurrences', 'notApplicable', 'reason'];
  const rows: string[][] = [];
  for (const { node } of walkNodes(framework.nodes)) {
    if (!isLeaf(node) || !node.rule) continue;
    const na = node.applicability?.mayDeclareNotApplicable ? '; được khai không áp dụng: notApplicable = x và reason' : '';
    rows.push(['', node.code, node.name, pointsText(node.maxPoints, framework, 'vi'), ruleNames[node.rule.type], `${whatToEnter(node)}${na}`, '', '', '', '', '', '']);
  }
  return { header, rows, widths: [12, 10, 60, 12, 18, 70, 12, 12, 12, 12, 14, 30] };
}
