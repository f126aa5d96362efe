/**
 * External-index values from a spreadsheet (issue 12 §4): a template per index and year (the
 * province's row, or for the monthly 766 index a row per month and unit, with what is stored), and
 * the import: every row checked with its line, all or nothing, dry run first. A year without an
 * edition takes the newest earlier edition's components and maxima (created with the import,
 * editable afterwards).
 */
import { externalPeriodOfCell, externalPeriodYear, type ExternalPeriodicity } from '@chiso/core';
import type { Database, Executor } from '../../db/client';
import { findExternalIndex, insertEdition, listEditionRows, listValueRows, type ExternalEditionRow, type ExternalIndexRow } from '../../db/repositories/external-index-repository';
import { findUnitsByCodes } from '../../db/repositories/unit-repository';
import type { Table } from '../../files/tabular';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import { AppError, type ErrorDetail, notFound } from '../errors';
import { assertNoImportErrors, locateColumns, rowReader, type ImportColumn } from '../imports/table-import';
import { assertManagesExternalIndices } from '../policies/external-indices';
import { checkValueInput, sameStoredValue, storeValue } from './external-indices';

type Field = 'period' | 'unit' | 'value' | 'rank' | 'rankOf' | 'group' | 'source' | `c:${string}`;

const fixedColumns: readonly ImportColumn<Field>[] = [
  { key: 'period', vi: 'Kỳ', aliases: ['period', 'năm', 'tháng', 'kỳ số liệu'] },
  { key: 'unit', vi: 'Mã đơn vị', aliases: ['unit', 'unit code'], optional: true },
  { key: 'value', vi: 'Giá trị', aliases: ['value', 'điểm', 'điểm số', 'chỉ số'] },
  { key: 'rank', vi: 'Thứ hạng', aliases: ['rank', 'xếp hạng'], optional: true },
  { key: 'rankOf', vi: 'Số tỉnh xếp hạng', aliases: ['rank of', 'trên tổng số', 'số tỉnh, thành phố xếp hạng'], optional: true },
  { key: 'group', vi: 'Nhóm', aliases: ['group', 'nhóm xếp loại', 'xếp loại'], optional: true },
  { key: 'source', vi: 'Nguồn', aliases: ['source', 'nguồn số liệu'], optional: true },
];

/** A component's column: "Tham gia của người dân ở cấp cơ sở (P1)", or its key alone. */
const componentHeader = (c: { key: string; name: string }) => `${c.name} (${c.key})`;

function columnsOf(editions: readonly ExternalEditionRow[]): ImportColumn<Field>[] {
  const byKey = new Map<string, { vi: string; aliases: Set<string> }>();
  for (const e of [...editions].reverse()) {
    for (const c of e.components) {
      const col = byKey.get(c.key) ?? { vi: componentHeader(c), aliases: new Set([c.key]) };
      col.aliases.add(componentHeader(c));
      byKey.set(c.key, col);
    }
  }
  return [...fixedColumns, ...[...byKey].map(([key, c]) => ({ key: `c:${key}` as const, vi: c.vi, aliases: [...c.aliases], optional: true }))];
}

/**
 * Editions by year, a missing year taking the newest earlier edition's components and maxima (marked
 * as new). Not its number of provinces ranked: that changes (63, then 34 from July 2025) — the import
 * takes it from its rows.
 */
function editionsWithCopies(editions: readonly ExternalEditionRow[], years: Iterable<number>) {
  const map = new Map<number, ExternalEditionRow | undefined>(editions.map((e) => [e.year, e]));
  const copies = new Map<number, ExternalEditionRow>();
  for (const year of years) {
    if (map.has(year)) continue;
    const earlier = [...editions].filter((e) => e.year < year).at(-1);
    if (!earlier) continue;
    const copy = { ...earlier, year, version: 1, rankOf: null, note: `Theo thành phần và điểm tối đa năm ${earlier.year}` };
    map.set(year, copy);
    copies.set(year, copy);
  }
  return { map, copies };
}

async function indexOrFail(db: Executor, key: string): Promise<ExternalIndexRow> {
  const index = await findExternalIndex(db, key);
  if (!index) throw notFound('chỉ số');
  return index;
}

/**
 * A new year's number of provinces ranked, from the province's rows of that year: the one they give
 * (none: unknown until entered); rows giving different numbers for one year are refused.
 */
function rankOfFromRows(copies: ReadonlyMap<number, ExternalEditionRow>, rows: readonly { line: number; year: number; rankOf: string; fail: (k: 'rankOf', m: string) => void }[]): void {
  for (const [year, copy] of copies) {
    const given = rows.filter((r) => r.year === year && /^\d+$/.test(r.rankOf));
    const counts = [...new Set(given.map((r) => Number(r.rankOf)))];
    if (counts.length === 1) copy.rankOf = counts[0]!;
    else if (counts.length > 1) {
      const first = given[0]!;
      for (const r of given.filter((g) => Number(g.rankOf) !== Number(first.rankOf))) {
        r.fail('rankOf', `Số tỉnh, thành phố xếp hạng năm ${year} khác nhau giữa các dòng: ${r.rankOf} ở dòng này, ${first.rankOf} ở dòng ${first.line}`);
      }
    }
  }
}

export interface ExternalImportResult {
  imported: number;
  unchanged: number;
  blank: number;
  /** Years whose edition the import creates from the previous year's. */
  newEditions: number[];
  dryRun: boolean;
}

const pathColumn = (path: string, columns: readonly ImportColumn<Field>[]): string => {
  const field: Field = path === 'unitId' ? 'unit' : path.startsWith('components.') ? `c:${path.slice('components.'.length)}` : (path as Field);
  return columns.find((c) => c.key === field)?.vi ?? path;
};

export async function importExternalValues(db: Database, actor: Actor, key: string, table: Table, options: { dryRun?: boolean; fileName?: string } = {}): Promise<ExternalImportResult> {
  assertManagesExternalIndices(actor);
  const index = await indexOrFail(db, key);
  const stored = await listEditionRows(db, key);
  const columns = columnsOf(stored);
  const at = locateColumns(table, columns);
  const componentKeys = columns.filter((c) => c.key.startsWith('c:') && at.has(c.key)).map((c) => c.key.slice(2));
  const errors: ErrorDetail[] = [];
  const unitCodes = new Set<string>();
  const rows: { line: number; read: ReturnType<typeof rowReader<Field>> }[] = [];
  let blank = 0;
  for (const row of table.rows) {
    const read = rowReader(row, at, columns, errors);
    if (read.cell('value') === '' && componentKeys.every((k) => read.cell(`c:${k}`) === '')) {
      blank += 1;
      continue;
    }
    if (read.cell('unit')) unitCodes.add(read.cell('unit'));
    rows.push({ line: row.line, read });
  }
  const units = new Map((await findUnitsByCodes(db, [...unitCodes])).map((u) => [u.code, u.id]));
  const periodOf = (read: (typeof rows)[number]['read']) => externalPeriodOfCell(read.cell('period'), index.periodicity as ExternalPeriodicity);
  const years = rows.map((r) => externalPeriodYear(periodOf(r.read))).filter((y) => Number.isInteger(y) && y >= 2000 && y <= 2100);
  const { map: editions, copies } = editionsWithCopies(stored, years);
  rankOfFromRows(copies, rows.filter((r) => !r.read.cell('unit')).map((r) => ({ line: r.line, year: externalPeriodYear(periodOf(r.read)), rankOf: r.read.cell('rankOf'), fail: r.read.fail })));
  const existing = new Map((await listValueRows(db, key)).map((v) => [`${v.period}|${v.unitId ?? ''}`, v]));
  const seen = new Map<string, number>();
  const writes: { period: string; unitId: string | null; fields: NonNullable<Awaited<ReturnType<typeof checkValueInput>>['fields']>; version: number | undefined }[] = [];
  let unchanged = 0;
  for (const { line, read } of rows) {
    const int = (field: 'rank' | 'rankOf'): number | null => {
      const text = read.cell(field);
      if (text === '') return null;
      if (!/^\d+$/.test(text)) {
        read.fail(field, `“${text}” không phải là số nguyên`);
        return null;
      }
      return Number(text);
    };
    const period = periodOf(read);
    const code = read.cell('unit');
    const unitId = code ? (units.get(code) ?? null) : null;
    if (code && !unitId) read.fail('unit', `Không có đơn vị mã “${code}”`);
    const subject = `${period}|${unitId ?? ''}`;
    const earlier = seen.get(subject);
    if (earlier !== undefined) read.fail('period', `Trùng kỳ ${period}${code ? ` và đơn vị ${code}` : ''} với dòng ${earlier}`);
    seen.set(subject, line);
    const components: Record<string, string> = {};
    for (const k of componentKeys) if (read.cell(`c:${k}`) !== '') components[k] = read.cell(`c:${k}`);
    const input = { period, unitId, value: read.cell('value'), rank: int('rank'), rankOf: int('rankOf'), groupLabel: read.cell('group') || null, components, source: read.cell('source') || (options.fileName ? `Tệp ${options.fileName}` : null) };
    if (read.cell('value') === '') read.fail('value', 'Thiếu giá trị chỉ số');
    if (code && !unitId) continue;
    const { problems, fields } = await checkValueInput(db, index, input, editions, new Set(units.values()));
    for (const p of problems) errors.push({ line, column: pathColumn(p.path ?? '', columns), message: p.message });
    if (!fields) continue;
    const current = existing.get(subject);
    // A source left empty keeps the stored one: re-importing the same figures changes nothing.
    if (!read.cell('source') && current) fields.source = current.source;
    if (current && sameStoredValue(current, fields)) unchanged += 1;
    else writes.push({ period, unitId, fields, version: current?.version });
  }
  // In the file's order (a new year's number ranked is checked across its rows first).
  assertNoImportErrors(errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
  if (writes.length === 0 && unchanged === 0) throw new AppError('IMPORT_INVALID', 'Tệp chưa có giá trị nào để nhập', [{ line: table.headerLine + 1, column: 'Giá trị', message: 'Mọi dòng đều để trống giá trị' }]);
  const newEditions = [...copies.keys()].filter((y) => writes.some((w) => w.fields.year === y)).sort();
  if (options.dryRun) return { imported: writes.length, unchanged, blank, newEditions, dryRun: true };
  await db.transaction(async (tx) => {
    await findExternalIndex(tx, key, true);
    for (const year of newEditions) {
      const copy = copies.get(year)!;
      const created = await insertEdition(tx, { indexKey: key, year, components: copy.components, maxValue: copy.maxValue, rankOf: copy.rankOf, note: copy.note });
      if (created) await recordAudit(tx, actor, { entityType: 'external_index_edition', entityId: `${key}:${year}`, action: 'import', after: { components: copy.components, maxValue: copy.maxValue, rankOf: copy.rankOf, note: copy.note } });
    }
    for (const w of writes) await storeValue(tx, actor, index, w.period, w.unitId, w.fields, w.version, 'import');
  });
  return { imported: writes.length, unchanged, blank, newEditions, dryRun: false };
}

/** The template of an index for a year: its columns (with the year's components) and the rows to fill, with what is stored. */
export async function externalTemplate(db: Executor, actor: Actor, key: string, year: number): Promise<{ header: string[]; rows: (string | number | null)[][]; fileName: string }> {
  assertManagesExternalIndices(actor);
  const index = await indexOrFail(db, key);
  const stored = await listEditionRows(db, key);
  const edition = editionsWithCopies(stored, [year]).map.get(year);
  const components = edition?.components ?? [];
  const byUnit = index.subjects === 'province_and_units';
  const header = ['Kỳ', ...(byUnit ? ['Mã đơn vị', 'Tên đơn vị'] : []), 'Giá trị', 'Thứ hạng', 'Số tỉnh xếp hạng', 'Nhóm', 'Nguồn', ...components.map(componentHeader)];
  const values = await listValueRows(db, key);
  const periods = index.periodicity === 'month' ? Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`) : [String(year)];
  const subjects: { id: string | null; code: string; name: string }[] = [{ id: null, code: '', name: 'Cấp tỉnh' }];
  if (byUnit) {
    const seen = new Set<string>();
    for (const v of values) {
      if (v.unitId && !seen.has(v.unitId)) {
        seen.add(v.unitId);
        subjects.push({ id: v.unitId, code: v.unitCode ?? '', name: v.unitName ?? '' });
      }
    }
  }
  const num = (text: string | null | undefined) => (text == null ? null : Number(text));
  const rows = subjects.flatMap((s) => periods.map((period) => {
    const v = values.find((x) => x.period === period && x.unitId === s.id);
    return [
      period, ...(byUnit ? [s.code, s.name] : []), num(v?.value), v?.rank ?? null, v ? v.rankOf : (edition?.rankOf ?? null), v?.groupLabel ?? null, v?.source ?? null,
      ...components.map((c) => num(v?.components[c.key])),
    ];
  }));
  return { header, rows, fileName: `${key.toLowerCase()}-${year}.xlsx` };
}
