/**
 * External indices (issue 12 §4): what the province and its units scored in PAR INDEX, SIPAS, PAPI,
 * PCI, DTI and the 766 service index, each value with its change against the previous period and
 * the sentence officials write; the yearly editions (components and maxima); what drives each
 * component. Every signed-in role reads; the province's administrator records, audited.
 */
import {
  checkExternalEdition, checkExternalFigure, compareRational, rationalFromDecimal, externalChange, externalPeriodYear, externalSentence, isExternalPeriod, parseDecimal, unitsToPlain,
  type ExternalEdition, type ExternalFigure, type ExternalPeriodicity,
} from '@chiso/core';
import type {
  ExternalComponentLinkView, ExternalEditionView, ExternalIndexDetail, ExternalIndexSummary, ExternalValueView,
} from '@chiso/contract';
import type { Database, Executor } from '../../db/client';
import {
  deleteLink, findEdition, findExternalIndex, findValue, insertEdition, insertLink, insertValue, listEditionRows, listExternalIndexRows, listLinkedTaskRows,
  listLinkRows, listValueRows, updateEdition, updateValue, type ExternalEditionRow, type ExternalIndexRow, type ExternalValueWithUnit,
} from '../../db/repositories/external-index-repository';
import { findUnitById } from '../../db/repositories/unit-repository';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import { AppError, type ErrorDetail, notFound, staleVersion } from '../errors';
import { assertManagesExternalIndices, assertReadsExternalIndices, mayManageExternalIndices } from '../policies/external-indices';

/** "42,87" / "42.87" / "42.870" → "42.870" (plain, as written); null when not a decimal. */
export function plainDecimal(text: string): string | null {
  const d = parseDecimal(text);
  return d === null ? null : unitsToPlain(d.units, d.scale);
}

export const editionOf = (row: ExternalEditionRow): ExternalEdition => ({ year: row.year, components: row.components, maxValue: row.maxValue, rankOf: row.rankOf });

const editionView = (row: ExternalEditionRow): ExternalEditionView => ({
  year: row.year, components: row.components, maxValue: row.maxValue, rankOf: row.rankOf, note: row.note, version: row.version,
});

const figureOf = (row: ExternalValueWithUnit, edition: ExternalEditionRow | undefined): ExternalFigure => ({
  period: row.period, value: row.value, rank: row.rank, rankOf: row.rankOf ?? edition?.rankOf ?? null, groupLabel: row.groupLabel, components: row.components,
});

/** Each subject's series (the province's, each unit's), oldest first, with the change against the previous period. */
function valueViews(index: ExternalIndexRow, rows: readonly ExternalValueWithUnit[], editions: ReadonlyMap<number, ExternalEditionRow>): ExternalValueView[] {
  const previousOf = new Map<string, ExternalValueWithUnit>();
  const out: ExternalValueView[] = [];
  for (const row of [...rows].sort((a, b) => a.period.localeCompare(b.period))) {
    const subject = row.unitId ?? '';
    const previous = previousOf.get(subject) ?? null;
    previousOf.set(subject, row);
    const edition = editions.get(row.year);
    const previousEdition = previous ? editions.get(previous.year) : undefined;
    const figure = figureOf(row, edition);
    const change = externalChange(figure, edition ? editionOf(edition) : null, previous ? figureOf(previous, previousEdition) : null, previousEdition ? editionOf(previousEdition) : null);
    out.push({
      id: row.id,
      period: row.period,
      unit: row.unitId ? { id: row.unitId, code: row.unitCode ?? '', name: row.unitName ?? '' } : null,
      value: row.value,
      rank: row.rank,
      rankOf: figure.rankOf,
      groupLabel: row.groupLabel,
      source: row.source,
      version: row.version,
      previousPeriod: change.previousPeriod,
      valueChange: change.valueChange,
      rankChange: change.rankChange,
      rankNote: change.rankNote,
      sentence: externalSentence({ label: index.label, figure, change, valueUnit: index.valueUnit }),
      components: change.components,
    });
  }
  return out;
}

const head = (i: ExternalIndexRow) => ({
  key: i.key, label: i.label, name: i.name, publisher: i.publisher, periodicity: i.periodicity as ExternalPeriodicity,
  subjects: i.subjects as 'province' | 'province_and_units', valueUnit: i.valueUnit, source: i.source,
});

/** A linked task's status, as its note. */
const TASK_STATUS_TEXT: Record<string, string> = { open: 'Chưa thực hiện', in_progress: 'Đang thực hiện', done: 'Đã hoàn thành', cancelled: 'Đã hủy' };

const byYear = (rows: readonly ExternalEditionRow[]) => new Map(rows.map((e) => [e.year, e]));

/** Every index with the province's latest value and its change (the tabs; the follow-up dashboard). */
export async function listExternalIndices(db: Executor, actor: Actor): Promise<ExternalIndexSummary[]> {
  assertReadsExternalIndices(actor);
  const [indices, editions, values] = await Promise.all([listExternalIndexRows(db), listEditionRows(db), listValueRows(db)]);
  return indices.map((i) => {
    const province = values.filter((v) => v.indexKey === i.key && v.unitId === null);
    const views = valueViews(i, province, byYear(editions.filter((e) => e.indexKey === i.key)));
    return { ...head(i), latest: views.at(-1) ?? null };
  });
}

export async function getExternalIndex(db: Executor, actor: Actor, key: string): Promise<ExternalIndexDetail> {
  assertReadsExternalIndices(actor);
  const index = await findExternalIndex(db, key);
  if (!index) throw notFound('chỉ số');
  const [editions, values, links, tasks] = await Promise.all([listEditionRows(db, key), listValueRows(db, key), listLinkRows(db, key), listLinkedTaskRows(db, key)]);
  const editionsByYear = byYear(editions);
  const views = valueViews(index, values, editionsByYear);
  const linkViews: ExternalComponentLinkView[] = [
    ...links.map((l) => ({
      id: l.id, componentKey: l.componentKey, kind: l.kind as 'unit' | 'criterion',
      unit: l.unitId ? { id: l.unitId, code: l.unitCode ?? '', name: l.unitName ?? '' } : null,
      programCode: l.programCode, nodeKey: l.nodeKey, label: l.label, note: l.note,
    })),
    ...tasks.map((t) => ({
      id: t.taskId, componentKey: t.componentKey ?? '', kind: 'task' as const, unit: { id: t.unitId, code: t.unitCode, name: t.unitName },
      programCode: null, nodeKey: null, label: t.title, note: TASK_STATUS_TEXT[t.status] ?? t.status,
    })),
  ];
  return {
    ...head(index),
    version: index.version,
    editions: editions.map(editionView),
    values: views.filter((v) => v.unit === null),
    unitValues: views.filter((v) => v.unit !== null),
    links: linkViews,
    may: { manage: mayManageExternalIndices(actor) },
  };
}

async function lockedIndex(tx: Executor, key: string): Promise<ExternalIndexRow> {
  const index = await findExternalIndex(tx, key, true);
  if (!index) throw notFound('chỉ số');
  return index;
}

const invalidDetails = (message: string, details: ErrorDetail[]) => new AppError('VALIDATION_FAILED', details.length === 1 ? details[0]!.message : message, details);

/** Plain decimals of an edition's figures, or the problems with where they are. */
function normaliseEdition(input: { components: { key: string; name: string; maxPoints: string | null }[]; maxValue: string | null; rankOf: number | null }, year: number) {
  const details: ErrorDetail[] = [];
  const plain = (path: string, v: string | null) => {
    if (v === null) return null;
    const p = plainDecimal(v);
    if (p === null) details.push({ path, message: `“${v}” không phải là số` });
    return p;
  };
  const edition: ExternalEdition = {
    year,
    components: input.components.map((c, i) => ({ key: c.key, name: c.name, maxPoints: plain(`components.${i}.maxPoints`, c.maxPoints) })),
    maxValue: plain('maxValue', input.maxValue),
    rankOf: input.rankOf,
  };
  details.push(...checkExternalEdition(edition).map((i) => ({ path: i.field, message: i.message })));
  if (details.length) throw invalidDetails('Thông tin chỉ số chưa hợp lệ', details);
  return edition;
}

/** Creates (no version) or changes (at the version seen) a year's edition: components, maxima, number ranked. */
export async function saveExternalEdition(
  db: Database, actor: Actor, key: string, year: number,
  input: { components: { key: string; name: string; maxPoints: string | null }[]; maxValue: string | null; rankOf: number | null; note: string | null; version?: number },
): Promise<ExternalEditionView> {
  assertManagesExternalIndices(actor);
  const edition = normaliseEdition(input, year);
  return db.transaction(async (tx) => {
    await lockedIndex(tx, key);
    const current = await findEdition(tx, key, year, true);
    const fields = { components: [...edition.components], maxValue: edition.maxValue, rankOf: edition.rankOf, note: input.note };
    if (input.version === undefined) {
      if (current) throw staleVersion(editionView(current));
      const created = await insertEdition(tx, { indexKey: key, year, ...fields });
      if (!created) throw staleVersion(null);
      await recordAudit(tx, actor, { entityType: 'external_index_edition', entityId: `${key}:${year}`, action: 'create', after: fields });
      return editionView(created);
    }
    if (!current) throw notFound('thông tin chỉ số của năm');
    const updated = await updateEdition(tx, key, year, input.version, fields);
    if (!updated) throw staleVersion(editionView(current));
    const before = { components: current.components, maxValue: current.maxValue, rankOf: current.rankOf, note: current.note };
    await recordAudit(tx, actor, { entityType: 'external_index_edition', entityId: `${key}:${year}`, action: 'update', before, after: fields });
    return editionView(updated);
  });
}

export interface ExternalValueInput {
  period: string;
  unitId?: string | null;
  value: string;
  rank: number | null;
  rankOf: number | null;
  groupLabel: string | null;
  components: Record<string, string>;
  source: string | null;
  version?: number;
}

/**
 * Checks one value against its index and edition and gives its stored fields, or the problems
 * (path: value, rank, components.<key>, period, unitId). Used by the form and the import.
 */
export async function checkValueInput(
  tx: Executor, index: ExternalIndexRow, input: ExternalValueInput, editions: Map<number, ExternalEditionRow | undefined>, knownUnitIds?: ReadonlySet<string>,
) {
  const problems: ErrorDetail[] = [];
  const periodicity = index.periodicity as ExternalPeriodicity;
  if (!isExternalPeriod(input.period, periodicity)) {
    problems.push({ path: 'period', message: periodicity === 'month' ? `Chỉ số ${index.label} theo tháng: kỳ ghi dạng 2024-05` : `Chỉ số ${index.label} theo năm: kỳ ghi dạng 2024` });
    return { problems, fields: null };
  }
  const year = externalPeriodYear(input.period);
  if (!editions.has(year)) editions.set(year, await findEdition(tx, index.key, year));
  const edition = editions.get(year);
  if (!edition) problems.push({ path: 'period', message: `Chưa có thông tin chỉ số ${index.label} năm ${year} (thành phần, điểm tối đa): hãy khai báo trước` });
  if (input.unitId) {
    if (index.subjects !== 'province_and_units') problems.push({ path: 'unitId', message: `Chỉ số ${index.label} chỉ chấm điểm cấp tỉnh, không chấm đơn vị` });
    // The import has found its units by code already: no query per row.
    else if (!knownUnitIds?.has(input.unitId) && !(await findUnitById(tx, input.unitId))) problems.push({ path: 'unitId', message: 'Không tìm thấy đơn vị' });
  }
  const value = plainDecimal(input.value);
  if (value === null) problems.push({ path: 'value', message: `Giá trị “${input.value}” không phải là số` });
  const components: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.components)) {
    const p = plainDecimal(v);
    if (p === null) problems.push({ path: `components.${k}`, message: `Giá trị thành phần “${v}” không phải là số` });
    else components[k] = p;
  }
  if (problems.length || value === null) return { problems, fields: null };
  const figure: ExternalFigure = { period: input.period, value, rank: input.rank, rankOf: input.rankOf, components };
  problems.push(...checkExternalFigure(figure, editionOf(edition!)).map((i) => ({ path: i.field, message: i.message })));
  if (problems.length) return { problems, fields: null };
  return {
    problems,
    fields: { year, value, rank: input.rank, rankOf: input.rankOf, groupLabel: input.groupLabel || null, components, source: input.source || null },
  };
}

type StoredFields = NonNullable<Awaited<ReturnType<typeof checkValueInput>>['fields']>;

/** Two figures equal as numbers ("80.30" and "80.3": a spreadsheet drops trailing zeros). */
function sameFigure(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  return x !== null && y !== null && compareRational(rationalFromDecimal(x), rationalFromDecimal(y)) === 0;
}

/** Whether a stored value already says exactly this (an import row with nothing new). */
export function sameStoredValue(row: { value: string; rank: number | null; rankOf: number | null; groupLabel: string | null; components: Record<string, string>; source: string | null }, f: StoredFields): boolean {
  const keys = new Set([...Object.keys(row.components), ...Object.keys(f.components)]);
  return sameFigure(row.value, f.value) && row.rank === f.rank && row.rankOf === f.rankOf && row.groupLabel === f.groupLabel && row.source === f.source
    && [...keys].every((k) => sameFigure(row.components[k], f.components[k]));
}

/** Writes one checked value (insert, or update at `version`; the import passes the stored version) with its audit line. */
export async function storeValue(tx: Executor, actor: Actor, index: ExternalIndexRow, period: string, unitId: string | null, fields: StoredFields, version: number | undefined, action = 'save') {
  const current = await findValue(tx, index.key, period, unitId, true);
  const { year, ...rest } = fields;
  if (version === undefined) {
    if (current) throw staleVersion({ id: current.id, version: current.version, value: current.value });
    const created = await insertValue(tx, { indexKey: index.key, period, year, unitId, ...rest, updatedBy: actor.userId || null });
    if (!created) throw staleVersion(null);
    await recordAudit(tx, actor, { entityType: 'external_index_value', entityId: created.id, action: action === 'save' ? 'create' : action, after: { indexKey: index.key, period, unitId, ...rest } });
    return created;
  }
  if (!current) throw notFound('giá trị chỉ số');
  const updated = await updateValue(tx, current.id, version, { ...rest, updatedBy: actor.userId || null });
  if (!updated) throw staleVersion({ id: current.id, version: current.version, value: current.value });
  const before = { value: current.value, rank: current.rank, rankOf: current.rankOf, groupLabel: current.groupLabel, components: current.components, source: current.source };
  await recordAudit(tx, actor, { entityType: 'external_index_value', entityId: current.id, action: action === 'save' ? 'update' : action, before, after: { indexKey: index.key, period, unitId, ...rest } });
  return updated;
}

/** Records the value of a period (the province's, or a unit's for 766); 409 on a stale version. */
export async function saveExternalValue(db: Database, actor: Actor, key: string, input: ExternalValueInput): Promise<ExternalIndexDetail> {
  assertManagesExternalIndices(actor);
  await db.transaction(async (tx) => {
    const index = await lockedIndex(tx, key);
    const { problems, fields } = await checkValueInput(tx, index, input, new Map());
    if (!fields) throw invalidDetails('Giá trị chỉ số chưa hợp lệ', problems);
    await storeValue(tx, actor, index, input.period, input.unitId ?? null, fields, input.version);
  });
  return getExternalIndex(db, actor, key);
}

/** Links a component to a unit responsible for it, or to a criterion (program + stable node key). */
export async function addComponentLink(
  db: Database, actor: Actor, key: string,
  input: { kind: 'unit'; componentKey: string; unitId: string; note?: string } | { kind: 'criterion'; componentKey: string; programCode: string; nodeKey: string; label?: string; note?: string },
): Promise<ExternalIndexDetail> {
  assertManagesExternalIndices(actor);
  await db.transaction(async (tx) => {
    await lockedIndex(tx, key);
    const editions = await listEditionRows(tx, key);
    if (!editions.some((e) => e.components.some((c) => c.key === input.componentKey))) {
      throw invalidDetails('', [{ path: 'componentKey', message: `Chỉ số không có thành phần “${input.componentKey}”` }]);
    }
    if (input.kind === 'unit' && !(await findUnitById(tx, input.unitId))) throw invalidDetails('', [{ path: 'unitId', message: 'Không tìm thấy đơn vị' }]);
    const link = await insertLink(tx, {
      indexKey: key, componentKey: input.componentKey, kind: input.kind, note: input.note || null, createdBy: actor.userId || null,
      ...(input.kind === 'unit' ? { unitId: input.unitId } : { programCode: input.programCode, nodeKey: input.nodeKey, label: input.label || null }),
    });
    await recordAudit(tx, actor, { entityType: 'external_component_link', entityId: link.id, action: 'create', after: { ...input, indexKey: key } });
  });
  return getExternalIndex(db, actor, key);
}

export async function removeComponentLink(db: Database, actor: Actor, key: string, linkId: string): Promise<ExternalIndexDetail> {
  assertManagesExternalIndices(actor);
  await db.transaction(async (tx) => {
    const removed = await deleteLink(tx, key, linkId);
    if (!removed) throw notFound('liên kết thành phần');
    await recordAudit(tx, actor, { entityType: 'external_component_link', entityId: linkId, action: 'delete', before: removed });
  });
  return getExternalIndex(db, actor, key);
}
