/**
 * Earlier years' published results, imported from a file (issue 11 §2), so year-over-year
 * comparisons start from the first year on chiso. One import is one group's published table: per
 * unit points, maximum, index, rank, class and, when known, each field's points. It is stored as
 * every publication is — an immutable, sealed result snapshot (number 1; a re-import is an
 * amendment n+1 with its reason) — in one "imported" cycle per owner, program and year (closed, no
 * participants, origin 'imported'). All or nothing: every bad row is reported with its line.
 */
import {
  type ExactDecimal, type Framework, compareRational, divRational, mulRational, normalizeDecimal, parseDecimal, pointsToString, rationalFromDecimal,
  rationalFromInt, rationalToFixedString, unitsToPlain,
  USUAL_CLASS_ORDER,
} from '@chiso/core';
import type { ImportedResults } from '@chiso/contract';
import type { Executor } from '../../db/client';
import { findVersionHeads, insertCycle, programName } from '../../db/repositories/cycle-repository';
import {
  chisoCycleWithGroup, findGroupWithSet, findUnitsByCodes, listCurrentGroupMembers, lockImportedCycle, type UnitByCode,
} from '../../db/repositories/imported-results-repository';
import { insertSnapshot, latestSnapshotNumber, type NewSnapshot } from '../../db/repositories/result-repository';
import type { Table } from '../../files/tabular';
import { recordAudit } from '../audit';
import { inTransaction, type RequestContext, type TxContext } from '../context';
import type { Actor } from '../actor';
import { loadFrameworkVersion } from '../cycles/context';
import { assertFrameworkReach, assertGroupSetReach, ownerOfNewCycle, ownerReach, reachesParticipant } from '../cycles/owner';
import { AppError, type ErrorDetail, notFound, ruleViolation } from '../errors';
import { assertNoImportErrors, type ImportColumn, locateColumns, normaliseHeader, rowReader } from '../imports/table-import';
import { sealSnapshot } from '../integrity/chain';
import { slug } from '../publication/results';
import { isUniqueViolation } from '../units/errors';
import { today } from '../units/dates';
import { assertAdministersCycle } from '../policies/cycle';
import { assertReadsOwnedBy } from '../policies/framework';

type Column = 'code' | 'name' | 'achieved' | 'max' | 'index' | 'rank' | 'class';

/** The file's columns (docs/user-guide.md "Nhập kết quả các năm trước"); field columns follow them. */
export const importColumns: readonly ImportColumn<Column>[] = [
  { key: 'code', vi: 'Mã đơn vị', aliases: ['unit code', 'unit', 'mã'] },
  { key: 'name', vi: 'Tên đơn vị', aliases: ['unit name', 'đơn vị', 'tên'], optional: true },
  { key: 'achieved', vi: 'Điểm đạt', aliases: ['achieved', 'points', 'điểm đạt được', 'tổng điểm đạt', 'tổng điểm đạt được', 'tổng điểm'] },
  { key: 'max', vi: 'Điểm tối đa', aliases: ['maximum', 'max', 'max points', 'điểm tối đa được đánh giá', 'tổng điểm tối đa'] },
  { key: 'index', vi: 'Chỉ số', aliases: ['index', 'chỉ số (%)', 'chỉ số cchc', 'chỉ số cải cách hành chính'] },
  { key: 'rank', vi: 'Xếp hạng', aliases: ['rank', 'xếp thứ', 'thứ hạng', 'thứ tự xếp hạng'] },
  { key: 'class', vi: 'Xếp loại', aliases: ['class', 'phân loại', 'kết quả xếp loại'], optional: true },
];


/** A field column's header: "<code>. <name> (<max>)", e.g. "1. Công tác chỉ đạo, điều hành CCHC (12)". */
const FIELD_HEADER = /^([\p{L}\p{N}]+(?:\.[\p{L}\p{N}]+)*)\.\s*(.+?)\s*\(\s*(\d+(?:[.,]\d+)?)\s*(?:điểm)?\s*\)$/iu;
/** Ends like a field column ("… (12)") but not written as one. */
const LOOKS_LIKE_FIELD = /\(\s*\d+(?:[.,]\d+)?\s*(?:điểm)?\s*\)\s*$/iu;

/** Decimals the snapshot columns hold: points numeric(10,3), indexes numeric(9,4). */
const POINTS_DECIMALS = 3;
const INDEX_DECIMALS = 4;

/** A field's header for the template and the file: "<code>. <name> (<max>)". */
export const fieldHeader = (field: { code: string; name: string; maxPoints: string }) => `${field.code}. ${field.name} (${field.maxPoints.replace('.', ',')})`;

/** The known columns' headers, in the template's order (field columns follow them). */
export const importTemplateHeader: readonly string[] = importColumns.map((c) => c.vi);

/** What the template holds: the header, one row per member unit of the group, column widths and the instructions sheet. */
export interface PublishedResultsTemplate {
  header: string[];
  rows: string[][];
  widths: number[];
  instructions: string[][];
}

/**
 * The template: the known columns, then, when a framework version is named, one column per field
 * (only a published version the actor reads — the province's, or an owner's its scope covers — as
 * the import itself takes); with a group (of a set the owner reaches, as the import checks), one row
 * per current member unit, code and name filled, figures empty. A second sheet explains the columns.
 */
export async function publishedResultsTemplate(
  db: Executor, actor: Actor, options: { frameworkVersionId?: string; groupId?: string; ownerUnitId?: string | null } = {},
): Promise<PublishedResultsTemplate> {
  const framework = options.frameworkVersionId ? await templateFramework(db, actor, options.frameworkVersionId) : null;
  const fields = (framework?.nodes ?? []).map((n) => fieldHeader({ code: n.code, name: n.name, maxPoints: pointsToString(n.maxPoints) }));
  const members = options.groupId ? await templateMembers(db, actor, options.groupId, options.ownerUnitId) : [];
  const header = [...importTemplateHeader, ...fields];
  return {
    header,
    rows: members.map((u) => [u.code, u.name, ...header.slice(2).map(() => '')]),
    widths: [14, 36, 11, 12, 10, 10, 12, ...fields.map((f) => Math.min(40, Math.max(14, f.length)))],
    instructions: templateInstructions(fields, framework?.settings.classification.bands.map((b) => b.label) ?? USUAL_CLASS_ORDER),
  };
}

async function templateMembers(db: Executor, actor: Actor, groupId: string, ownerUnitId: string | null | undefined) {
  const group = await findGroupWithSet(db, groupId);
  if (!group) throw notFound('nhóm đơn vị');
  const reach = await ownerReach(db, await ownerOfNewCycle(db, actor, ownerUnitId));
  assertGroupSetReach(reach, { name: group.groupSetName, ownerUnitId: group.groupSetOwnerUnitId }, 'groupId');
  return listCurrentGroupMembers(db, groupId, today());
}

/** The "Hướng dẫn" sheet: what each column means and how figures are written. */
function templateInstructions(fields: readonly string[], classLabels: readonly string[]): string[][] {
  const classes = classLabels.join(', ');
  return [
    ['Cột', 'Ý nghĩa và cách ghi'],
    ['Mã đơn vị', 'Bắt buộc. Mã đơn vị trên chiso (đã điền sẵn các đơn vị hiện thuộc nhóm; xoá dòng của đơn vị không có kết quả).'],
    ['Tên đơn vị', 'Không bắt buộc, chỉ để đối chiếu.'],
    ['Điểm đạt', 'Bắt buộc. Tổng điểm đạt đã công bố, ví dụ 73,79 (dấu phẩy hoặc dấu chấm thập phân đều được).'],
    ['Điểm tối đa', 'Bắt buộc. Tổng điểm tối đa được đánh giá của đơn vị, ví dụ 100.'],
    ['Chỉ số', 'Bắt buộc. Chỉ số (%) đã công bố, ví dụ 73,79.'],
    ['Xếp hạng', 'Bắt buộc. Thứ hạng trong nhóm: số nguyên từ 1 đến số đơn vị của nhóm (đồng hạng được ghi cùng số).'],
    ['Xếp loại', `Không bắt buộc. Một trong: ${classes}.`],
    ...(fields.length > 0
      ? [['Cột lĩnh vực', `Không bắt buộc. Điểm đạt của từng lĩnh vực, không vượt điểm tối đa ghi trong ngoặc ở tiêu đề cột. Giữ nguyên tiêu đề cột “<mã>. <tên> (<điểm tối đa>)”.`]]
      : [['Cột lĩnh vực', 'Chọn phiên bản bộ tiêu chí trước khi tải tệp mẫu để có sẵn một cột cho mỗi lĩnh vực.']]),
    ['Lưu ý', 'Chỉ trang tính đầu tiên được đọc; giữ nguyên dòng tiêu đề. Mỗi dòng một đơn vị.'],
  ];
}

async function templateFramework(db: Executor, actor: Actor, versionId: string): Promise<Framework> {
  const [head] = await findVersionHeads(db, [versionId]);
  if (!head) throw notFound('phiên bản bộ tiêu chí');
  assertReadsOwnedBy(actor, head.ownerUnitId);
  if (head.status !== 'published') throw unpublishedVersion();
  return loadFrameworkVersion(db, versionId);
}

const unpublishedVersion = () => {
  const message = 'Chỉ dùng được phiên bản bộ tiêu chí đã ban hành.';
  return new AppError('VALIDATION_FAILED', message, [{ path: 'frameworkVersionId', message }]);
};

/** Rows held in memory (the demo loader): a header and its rows, cells as text or numbers. */
export interface RowsTable {
  header: readonly string[];
  rows: readonly (readonly (string | number | null | undefined)[])[];
}

export interface ImportPublishedInput {
  programCode: string;
  year: number;
  groupId: string;
  /** The organising unit (null: the province's own; omitted: the actor's scope unit, the province for the province's administrator). */
  ownerUnitId?: string | null;
  /** A published framework version whose field codes give the stable field keys and names. */
  frameworkVersionId?: string | null;
  decisionNumber?: string | null;
  /** The publication date, YYYY-MM-DD (the snapshot's date). */
  publishedOn: string;
  /** Required when the group was imported before (an amendment). */
  reason?: string | null;
  /** A file read by files/tabular `readTable`, or rows in memory. */
  table: Table | RowsTable;
  /** Where the figures came from (the file's name), for the audit trail. */
  source?: string | null;
  /** Check only: everything is done and then rolled back (nothing saved); the answer says what would be. */
  dryRun?: boolean;
}

/** Rolls a dry run's transaction back, carrying what it would have stored. */
class DryRun extends Error {
  constructor(readonly result: ImportedResults) {
    super('dry run');
  }
}

/** Rows in memory as a table: the header on line 1, the rows on lines 2, 3… (numbers as their shortest text). */
export function tableOfRows(rows: RowsTable): Table {
  const text = (cell: string | number | null | undefined) => (cell === null || cell === undefined ? '' : String(cell));
  return {
    header: rows.header.map((h) => h.trim()),
    headerLine: 1,
    rows: rows.rows.map((cells, i) => ({ line: i + 2, cells: cells.map(text) })).filter((r) => r.cells.some((c) => c.trim() !== '')),
  };
}

const isTable = (t: Table | RowsTable): t is Table => 'headerLine' in t;

interface FieldColumn {
  column: number;
  header: string;
  fieldKey: string;
  code: string;
  name: string;
  max: ExactDecimal;
}

const plain = (d: ExactDecimal) => {
  const n = normalizeDecimal(d);
  return unitsToPlain(n.units, Math.max(n.scale, 0));
};
const compare = (a: ExactDecimal, b: ExactDecimal) => compareRational(rationalFromDecimal(a), rationalFromDecimal(b));
const ZERO: ExactDecimal = { units: 0n, scale: 0 };
const HUNDRED = rationalFromInt(100);
/**
 * A field's component index as chiso's own snapshots store it: achieved ÷ maximum × 100 exactly,
 * rounded half-up to the snapshot's index decimals; none when the maximum is 0.
 */
const componentIndexOf = (achieved: ExactDecimal, max: ExactDecimal, decimals: number): string | null =>
  (max.units === 0n ? null : rationalToFixedString(divRational(mulRational(rationalFromDecimal(achieved), HUNDRED), rationalFromDecimal(max)), decimals));
/** Below numeric(9,4)'s limit (an index with bonus points may pass 100). */
const INDEX_LIMIT: ExactDecimal = { units: 99999n, scale: 0 };
const normCode = (code: string) => normaliseHeader(code).replace(/\.$/, '');

/** The field columns of the header; with a framework version, each code must be one of its fields. */
function fieldColumns(table: Table, known: ReadonlySet<number>, framework: Framework | null, errors: ErrorDetail[]): { fields: FieldColumn[]; ignored: string[] } {
  const byCode = new Map((framework?.nodes ?? []).map((n) => [normCode(n.code), n]));
  const fields: FieldColumn[] = [];
  const ignored: string[] = [];
  const seen = new Map<string, string>();
  table.header.forEach((header, column) => {
    if (known.has(column) || header.trim() === '') return;
    const at = { line: table.headerLine, column: header };
    const match = FIELD_HEADER.exec(header.normalize('NFC').trim());
    if (!match) {
      if (LOOKS_LIKE_FIELD.test(header)) errors.push({ ...at, message: `Cột “${header}”: cột lĩnh vực phải viết “<mã>. <tên lĩnh vực> (<điểm tối đa>)”, ví dụ “1. Công tác chỉ đạo, điều hành CCHC (12)”.` });
      else ignored.push(header);
      return;
    }
    const [, code, name, maxText] = match as unknown as [string, string, string, string];
    const max = parseDecimal(maxText)!;
    if (max.units <= 0n) return void errors.push({ ...at, message: `Cột “${header}”: điểm tối đa của lĩnh vực phải lớn hơn 0.` });
    if (normalizeDecimal(max).scale > POINTS_DECIMALS) return void errors.push({ ...at, message: `Cột “${header}”: điểm tối đa có quá ${POINTS_DECIMALS} chữ số thập phân.` });
    const earlier = seen.get(normCode(code));
    if (earlier) return void errors.push({ ...at, message: `Cột “${header}”: mã lĩnh vực ${code} trùng với cột “${earlier}”.` });
    seen.set(normCode(code), header);
    if (framework) {
      const node = byCode.get(normCode(code));
      if (!node) {
        const codes = framework.nodes.map((n) => n.code).join(', ');
        return void errors.push({ ...at, message: `Cột “${header}”: bộ tiêu chí đã chọn không có lĩnh vực mã ${code} (có: ${codes}).` });
      }
      fields.push({ column, header, fieldKey: node.key, code: node.code, name: node.name, max });
    } else {
      fields.push({ column, header, fieldKey: `code-${code}`, code, name: name.trim(), max });
    }
  });
  return { fields, ignored };
}

interface ParsedRow {
  line: number;
  unit: UnitByCode;
  name: string;
  achieved: ExactDecimal;
  max: ExactDecimal;
  index: ExactDecimal;
  rank: number;
  /** The class as stored (canonical label and key), or none. */
  classLabel: { key: string; label: string } | null;
  fields: { field: FieldColumn; achieved: ExactDecimal }[];
}

/** A non-negative decimal with at most `decimals` decimals, or why not. */
function decimalCell(text: string, what: string, decimals: number): ExactDecimal | string {
  if (text === '') return `Thiếu ${what}.`;
  const d = parseDecimal(text);
  if (d === null) return `${what[0]!.toUpperCase()}${what.slice(1)} “${text}” không phải là số (viết 73,79 hoặc 73.79).`;
  if (d.units < 0n) return `${what[0]!.toUpperCase()}${what.slice(1)} không được âm.`;
  if (normalizeDecimal(d).scale > decimals) return `${what[0]!.toUpperCase()}${what.slice(1)} “${text}” có quá ${decimals} chữ số thập phân.`;
  return d;
}

interface Check {
  owner: string | null;
  reach: Awaited<ReturnType<typeof ownerReach>>;
  framework: Framework | null;
}

/** Every row checked; all problems collected with their line (all or nothing). */
async function checkTable(tx: Executor, table: Table, check: Check): Promise<{ rows: ParsedRow[]; fields: FieldColumn[]; ignored: string[]; indexDecimals: number }> {
  const at = locateColumns(table, importColumns);
  const errors: ErrorDetail[] = [];
  const { fields, ignored } = fieldColumns(table, new Set(at.values()), check.framework, errors);
  const codeAt = at.get('code')!;
  const unitsByCode = await findUnitsByCodes(tx, table.rows.map((r) => (r.cells[codeAt] ?? '').trim()).filter((c) => c !== ''));
  const n = table.rows.length;
  const firstLineOf = new Map<string, number>();
  const rows: ParsedRow[] = [];
  let indexDecimals = 0;
  for (const row of table.rows) {
    const { cell, fail } = rowReader(row, at, importColumns, errors);
    const before = errors.length;
    const code = cell('code');
    const unit = code === '' ? undefined : unitsByCode.get(code.toLowerCase());
    if (code === '') fail('code', 'Thiếu mã đơn vị.');
    else if (!unit) fail('code', `Không có đơn vị mã “${code}” (kể cả đơn vị đã giải thể).`);
    else if (firstLineOf.has(unit.id)) fail('code', `Đơn vị ${unit.code} đã có ở dòng ${firstLineOf.get(unit.id)}: mỗi đơn vị một dòng.`);
    else if (!reachesParticipant(check.reach, unit.id)) fail('code', `Đơn vị ${unit.code} (${unit.name}) không thuộc ${check.reach.label}.`);
    if (unit && !firstLineOf.has(unit.id)) firstLineOf.set(unit.id, row.line);

    const decimal = (k: Column, what: string, decimals: number) => {
      const d = decimalCell(cell(k), what, decimals);
      if (typeof d === 'string') return void fail(k, d);
      return d;
    };
    const achieved = decimal('achieved', 'điểm đạt', POINTS_DECIMALS);
    const max = decimal('max', 'điểm tối đa', POINTS_DECIMALS);
    if (max && max.units === 0n) fail('max', 'Điểm tối đa phải lớn hơn 0.');
    if (achieved && max && compare(achieved, max) > 0) fail('achieved', `Điểm đạt ${cell('achieved')} lớn hơn điểm tối đa ${cell('max')}.`);
    const index = decimal('index', 'chỉ số', INDEX_DECIMALS);
    if (index && compare(index, INDEX_LIMIT) > 0) fail('index', `Chỉ số “${cell('index')}” quá lớn.`);
    if (index) indexDecimals = Math.max(indexDecimals, index.scale);
    const rankText = cell('rank');
    const rank = /^\d+$/.test(rankText) ? Number(rankText) : NaN;
    if (!(rank >= 1 && rank <= n)) fail('rank', `Xếp hạng “${rankText}” phải là số nguyên từ 1 đến ${n} (số đơn vị trong tệp).`);

    const classText = cell('class');
    const classLabel = classText === '' ? null : classOf(check.framework, classText);
    if (classLabel === undefined) {
      const bands = check.framework!.settings.classification.bands.map((b) => b.label).join(', ');
      fail('class', `Xếp loại “${classText}” không có trong bộ tiêu chí đã chọn (có: ${bands || USUAL_CLASSES.map((c) => c.label).join(', ')}).`);
    }

    const fieldValues: ParsedRow['fields'] = [];
    for (const field of fields) {
      const text = (row.cells[field.column] ?? '').trim();
      if (text === '') continue;
      const problem = (message: string) => errors.push({ line: row.line, column: field.header, message });
      const d = decimalCell(text, `điểm lĩnh vực ${field.code}`, POINTS_DECIMALS);
      if (typeof d === 'string') problem(d);
      else if (compare(d, field.max) > 0) problem(`Điểm lĩnh vực ${field.code} là ${text}, lớn hơn điểm tối đa ${plain(field.max).replace('.', ',')} của lĩnh vực.`);
      else fieldValues.push({ field, achieved: d });
    }
    if (errors.length > before || !unit || !achieved || !max || !index || classLabel === undefined) continue;
    rows.push({ line: row.line, unit, name: cell('name') || unit.name, achieved, max, index, rank, classLabel, fields: fieldValues });
  }
  const decimals = Math.min(indexDecimals, INDEX_DECIMALS);
  // Ranks are checked against the indexes of the whole table only (not when a row is already refused).
  checkConsistency(rows, decimals, { ranks: rows.length === table.rows.length, tieBreaks: (check.framework?.settings.ranking.tieBreaks.length ?? 0) > 0 }, errors);
  assertNoImportErrors(errors);
  return { rows, fields, ignored, indexDecimals: decimals };
}

const comma = (d: ExactDecimal) => plain(d).replace('.', ',');

/**
 * The published figures must agree: each index is achieved ÷ maximum × 100 rounded half-up at the
 * file's index decimals (exactly), and ranks follow the indexes — highest 1, equal indexes share a
 * rank and the next skips (1, 2, 2, 4); with the framework's tie-breaks, equal indexes may be ordered.
 */
function checkConsistency(rows: readonly ParsedRow[], decimals: number, { ranks, tieBreaks }: { ranks: boolean; tieBreaks: boolean }, errors: ErrorDetail[]): void {
  for (const r of rows) {
    const text = componentIndexOf(r.achieved, r.max, decimals)!;
    if (compare(parseDecimal(text)!, r.index) !== 0) {
      errors.push({
        line: r.line, column: 'Chỉ số',
        message: `Dòng ${r.line}: chỉ số ${comma(r.index)} khác với điểm đạt ÷ điểm tối đa × 100 = ${comma(r.achieved)} ÷ ${comma(r.max)} × 100 = ${text.replace('.', ',')} (làm tròn ${decimals} chữ số thập phân).`,
      });
    }
  }
  if (!ranks) return;
  for (const r of rows) {
    const higher = rows.filter((o) => compare(o.index, r.index) > 0).length;
    const equal = rows.filter((o) => compare(o.index, r.index) === 0).length;
    const ok = tieBreaks ? r.rank > higher && r.rank <= higher + equal : r.rank === higher + 1;
    if (ok) continue;
    const expected = tieBreaks && equal > 1 ? `từ ${higher + 1} đến ${higher + equal}` : `${higher + 1}`;
    errors.push({
      line: r.line, column: 'Xếp hạng',
      message: `Dòng ${r.line}: xếp hạng ${r.rank} không theo thứ tự chỉ số: chỉ số ${comma(r.index)} có ${higher} đơn vị cao hơn${equal > 1 ? ` và ${equal - 1} đơn vị bằng` : ''} nên xếp hạng ${expected}${!tieBreaks && equal > 1 ? ' (chỉ số bằng nhau cùng hạng)' : ''}.`,
    });
  }
}

/** The usual class labels (xếp loại) and their keys, as the frameworks name them. */
const USUAL_CLASSES: readonly { key: string; label: string }[] = USUAL_CLASS_ORDER.map((label) => ({ key: slug(label), label }));

/**
 * A published class label as stored: the named framework's band of that label, else the usual label,
 * compared without case or accents ("KHÁ", "kha" → "Khá"), so that year over year counts one class.
 * With a framework, another label is refused (undefined); without, it is kept as typed.
 */
function classOf(framework: Framework | null, label: string): { key: string; label: string } | undefined {
  const folded = slug(label);
  const known = framework?.settings.classification.bands.find((b) => slug(b.label) === folded) ?? USUAL_CLASSES.find((c) => slug(c.label) === folded);
  if (known) return { key: known.key, label: known.label };
  return framework ? undefined : { key: normaliseHeader(label), label };
}

/** The instant of a publication date: its midnight in Asia/Ho_Chi_Minh. */
function publicationInstant(date: string, now: Date): Date {
  const utc = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T00:00:00Z`) : null;
  if (!utc || Number.isNaN(utc.getTime()) || utc.toISOString().slice(0, 10) !== date) {
    throw new AppError('VALIDATION_FAILED', 'Ngày công bố không hợp lệ.', [{ path: 'publishedOn', message: 'Ngày công bố không hợp lệ (YYYY-MM-DD)' }]);
  }
  const at = new Date(`${date}T00:00:00+07:00`);
  if (at.getTime() > now.getTime()) throw new AppError('VALIDATION_FAILED', 'Ngày công bố chưa đến.', [{ path: 'publishedOn', message: 'Ngày công bố không được sau hôm nay' }]);
  return at;
}

/** The name of the imported cycle of a program and year. */
export const importedCycleName = (program: string, year: number) => `${program} năm ${year} (kết quả đã công bố, nhập từ tệp)`;

/**
 * Imports one group's published results of an earlier year (see the module comment). The actor must
 * administer the owner (the province's administrator for the province's). Returns what was stored.
 */
export async function importPublishedResults(context: RequestContext, input: ImportPublishedInput): Promise<ImportedResults> {
  const table = isTable(input.table) ? input.table : tableOfRows(input.table);
  const published = publicationInstant(input.publishedOn, context.now);
  try {
    return await inTransaction(context, (t) => importInTransaction(t, input, table, published));
  } catch (error) {
    if (error instanceof DryRun) return error.result;
    // Two first imports of the same owner, program and year at once: the later one's cycle is a duplicate.
    if (isUniqueViolation(error, 'cycles_owner_program_year_name_key')) {
      throw new AppError('CONFLICT', `Kỳ kết quả nhập của năm ${input.year} vừa được tạo bởi một lần nhập khác (hoặc đã có kỳ cùng tên): hãy kiểm tra danh sách kỳ đánh giá rồi nhập lại.`);
    }
    throw error;
  }
}

async function importInTransaction({ tx, actor }: TxContext, input: ImportPublishedInput, table: Table, published: Date): Promise<ImportedResults> {
  const reason = input.reason?.trim() || null;
  const decisionNumber = input.decisionNumber?.trim() || null;
  const owner = await ownerOfNewCycle(tx, actor, input.ownerUnitId);
  assertAdministersCycle(actor, { ownerUnitId: owner });
  const reach = await ownerReach(tx, owner);
  const program = await programName(tx, input.programCode);
  if (!program) throw new AppError('VALIDATION_FAILED', 'Không có chương trình này.', [{ path: 'programCode', message: `Không có chương trình mã “${input.programCode}”` }]);
  const group = await findGroupWithSet(tx, input.groupId);
  if (!group) throw notFound('nhóm đơn vị');
  assertGroupSetReach(reach, { name: group.groupSetName, ownerUnitId: group.groupSetOwnerUnitId }, 'groupId');
  const framework = input.frameworkVersionId ? await importFramework(tx, reach, input.frameworkVersionId, input.programCode) : null;

  const key = { ownerUnitId: owner, programCode: input.programCode, year: input.year };
  const existing = await lockImportedCycle(tx, key);
  const chiso = await chisoCycleWithGroup(tx, key, group.id);
  if (chiso?.published) {
    throw new AppError('CONFLICT', `Nhóm “${group.name}” đã được công bố trên chiso trong kỳ “${chiso.name}” năm ${input.year}: không nhập kết quả từ tệp cho nhóm này.`);
  }
  if (chiso) {
    throw new AppError('CONFLICT', `Nhóm “${group.name}” đang được đánh giá trên chiso trong kỳ “${chiso.name}” năm ${input.year}: kết quả của nhóm sẽ do kỳ đó công bố, không nhập từ tệp.`);
  }
  if (existing && existing.groupSetId !== group.groupSetId) {
    throw new AppError('CONFLICT', `Kỳ “${existing.name}” đã nhập kết quả theo một bộ nhóm khác: nhóm “${group.name}” không thuộc bộ nhóm đó.`);
  }
  const last = existing ? await latestSnapshotNumber(tx, existing.id, group.id) : 0;
  if (last > 0 && !reason) {
    throw ruleViolation(`Nhóm “${group.name}” đã có kết quả nhập (lần ${last}); nhập lại là điều chỉnh: cần nêu lý do.`, [{ path: 'reason', message: 'Không được để trống khi điều chỉnh' }]);
  }

  const checked = await checkTable(tx, table, { owner, reach, framework });
  const cycle = existing ?? (await createImportedCycle(tx, actor.userId || null, { ...key, name: importedCycleName(program, input.year), groupSetId: group.groupSetId, published }));
  if (!existing) {
    await recordAudit(tx, actor, { entityType: 'cycle', entityId: cycle.id, action: 'create', after: { name: cycle.name, programCode: cycle.programCode, year: cycle.year, ownerUnitId: owner, origin: 'imported' } });
  }
  const number = last + 1;
  const rows = snapshotRows(checked.rows, checked.indexDecimals);
  const head = await insertSnapshot(tx, {
    snapshot: {
      cycleId: cycle.id, groupId: group.id, frameworkVersionId: input.frameworkVersionId ?? null, number, decisionNumber,
      reason, indexDecimals: checked.indexDecimals, createdAt: published, createdBy: actor.userId || null,
    },
    ...rows,
  });
  // Sealed before the audit event, as every snapshot (the snapshot chain's lock before the audit chain's).
  const hash = await sealSnapshot(tx, head.id);
  await recordAudit(tx, actor, {
    entityType: 'result_snapshot',
    entityId: head.id,
    action: number === 1 ? 'publish' : 'amend',
    after: {
      imported: true, source: input.source ?? null, cycleId: cycle.id, groupId: group.id, number, decisionNumber, publishedOn: input.publishedOn, hash,
      frameworkVersionId: input.frameworkVersionId ?? null,
      units: rows.units.map((u) => ({ unit: u.unitCode, achieved: u.achieved, applicableMax: u.applicableMax, index: u.indexValue, rank: u.rank, class: u.classLabel })),
    },
    reason,
  });
  const result: ImportedResults = {
    cycleId: cycle.id, cycleName: cycle.name, cycleCreated: !existing, groupId: group.id, groupName: group.name, snapshotId: head.id, number, decisionNumber,
    publishedOn: input.publishedOn, units: rows.units.length, indexDecimals: checked.indexDecimals,
    fields: checked.fields.map((f) => ({ fieldKey: f.fieldKey, code: f.code, name: f.name, maxPoints: plain(f.max) })), ignoredColumns: checked.ignored,
    dryRun: input.dryRun === true,
  };
  if (input.dryRun) throw new DryRun(result);
  return result;
}

/** A framework version named for the field keys: published, of the program, the owner's or the province's. */
async function importFramework(tx: Executor, reach: Check['reach'], versionId: string, programCode: string): Promise<Framework> {
  const [head] = await findVersionHeads(tx, [versionId]);
  if (!head) throw notFound('phiên bản bộ tiêu chí');
  const invalid = (message: string) => new AppError('VALIDATION_FAILED', message, [{ path: 'frameworkVersionId', message }]);
  if (head.status !== 'published') throw unpublishedVersion();
  if (head.programCode !== programCode) throw invalid(`Bộ tiêu chí “${head.name}” thuộc chương trình khác.`);
  assertFrameworkReach(reach, { name: head.name, ownerUnitId: head.ownerUnitId }, 'frameworkVersionId');
  return loadFrameworkVersion(tx, versionId);
}

async function createImportedCycle(tx: Executor, createdBy: string | null, c: { ownerUnitId: string | null; programCode: string; year: number; name: string; groupSetId: string; published: Date }) {
  const at = c.published;
  return insertCycle(tx, {
    programCode: c.programCode, year: c.year, name: c.name, ownerUnitId: c.ownerUnitId, groupSetId: c.groupSetId, status: 'closed', origin: 'imported',
    selfAssessmentOpens: at, selfAssessmentDeadline: at, appraisalFrom: at, appraisalTo: at, explanationFrom: at, explanationTo: at, councilDate: at, publicationDate: at,
    createdBy,
  });
}

/**
 * The snapshot's rows: figures exactly as published (no leaves: the criteria behind them are not
 * known); each field's component index worked out from its points at the published index decimals.
 */
function snapshotRows(rows: readonly ParsedRow[], indexDecimals: number): Pick<NewSnapshot, 'units' | 'fields' | 'leaves'> {
  const out: Pick<NewSnapshot, 'units' | 'fields' | 'leaves'> = { units: [], fields: [], leaves: [] };
  for (const r of rows) {
    out.units.push({
      unitId: r.unit.id, unitCode: r.unit.code, unitName: r.name, achieved: plain(r.achieved), bonus: plain(ZERO), applicableMax: plain(r.max),
      indexValue: plain(r.index), rank: r.rank, classKey: r.classLabel?.key ?? null, classLabel: r.classLabel?.label ?? null,
    });
    for (const f of r.fields) {
      out.fields.push({
        unitId: r.unit.id, fieldKey: f.field.fieldKey, fieldCode: f.field.code, fieldName: f.field.name, achieved: plain(f.achieved), applicableMax: plain(f.field.max),
        componentIndex: componentIndexOf(f.achieved, f.field.max, indexDecimals),
      });
    }
  }
  return out;
}
