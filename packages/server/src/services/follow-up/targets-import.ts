/**
 * A plan's targets from a spreadsheet (one row per target, a column per year for its milestones), or
 * a year's values (one row per target and year). Every row is checked and located; all or nothing;
 * a dry run writes nothing.
 */
import { TARGET_MEASURES, targetValueText, type TargetDirection, type TargetMeasure } from '@chiso/core';
import type { Database, Executor } from '../../db/client';
import {
  findTargetPlan, insertTargetRow, insertValueRows, latestValueRows, listMilestoneRows, listTargetRows, nextTargetPosition, replaceMilestones, updateTargetRow,
  type TargetPlanRow,
} from '../../db/repositories/target-repository';
import { findUnitRefsByIds, findUnitsByCodes } from '../../db/repositories/unit-repository';
import type { Table } from '../../files/tabular';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import type { ErrorDetail } from '../errors';
import { AppError, notFound } from '../errors';
import { assertNoImportErrors, locateColumns, normaliseHeader, rowReader, type ImportColumn } from '../imports/table-import';
import { assertManagesTargets } from '../policies/targets';
import { planYears, targetFields, targetFigure, valueYearProblem, type TargetInput } from './targets';

type TargetColumn = 'code' | 'name' | 'measure' | 'unitLabel' | 'direction' | 'baselineValue' | 'baselineYear' | 'finalValue' | 'unit' | 'sourceNote';
const targetColumns: readonly ImportColumn<TargetColumn>[] = [
  { key: 'code', vi: 'Số TT', aliases: ['stt', 'mã chỉ tiêu', 'code'] },
  { key: 'name', vi: 'Nội dung chỉ tiêu', aliases: ['chỉ tiêu', 'tên chỉ tiêu', 'name'] },
  { key: 'measure', vi: 'Loại', aliases: ['loại chỉ tiêu', 'measure'] },
  { key: 'unitLabel', vi: 'Đơn vị tính', aliases: ['đvt', 'unit label'], optional: true },
  { key: 'direction', vi: 'Chiều', aliases: ['direction'], optional: true },
  { key: 'baselineValue', vi: 'Giá trị cơ sở', aliases: ['baseline', 'giá trị năm cơ sở'], optional: true },
  { key: 'baselineYear', vi: 'Năm cơ sở', aliases: ['baseline year'], optional: true },
  { key: 'finalValue', vi: 'Mục tiêu cuối kỳ', aliases: ['final value', 'mục tiêu đến cuối kỳ'], optional: true },
  { key: 'unit', vi: 'Mã đơn vị chủ trì', aliases: ['đơn vị chủ trì', 'responsible unit'], optional: true },
  { key: 'sourceNote', vi: 'Nguồn số liệu', aliases: ['nguồn', 'source'], optional: true },
];

type ValueColumn = 'code' | 'year' | 'value' | 'reason';
const valueColumns: readonly ImportColumn<ValueColumn>[] = [
  { key: 'code', vi: 'Số TT', aliases: ['stt', 'mã chỉ tiêu', 'code'] },
  { key: 'year', vi: 'Năm', aliases: ['year'] },
  { key: 'value', vi: 'Giá trị', aliases: ['kết quả', 'giá trị đạt được', 'value'] },
  { key: 'reason', vi: 'Căn cứ', aliases: ['lý do', 'reason', 'ghi chú'], optional: true },
];

/** The measure as officials name it in the file ("Tỷ lệ", "Xếp hạng") or its English key. */
const MEASURE_WORDS: Record<string, TargetMeasure> = { 'tỷ lệ': 'rate', 'tỉ lệ': 'rate', 'số lượng': 'count', 'xếp hạng': 'rank', 'thứ hạng': 'rank', 'chỉ số': 'index', 'điểm': 'index' };
const DIRECTION_WORDS: Record<string, TargetDirection> = { 'cao hơn là tốt': 'higher', 'tăng': 'higher', 'thấp hơn là tốt': 'lower', 'giảm': 'lower', higher: 'higher', lower: 'lower' };

export const measureWord: Record<TargetMeasure, string> = { rate: 'Tỷ lệ', count: 'Số lượng', rank: 'Xếp hạng', index: 'Chỉ số' };
export const directionWord: Record<TargetDirection, string> = { higher: 'Cao hơn là tốt', lower: 'Thấp hơn là tốt' };

export interface TargetImportResult {
  created: number;
  updated: number;
  values: number;
  dryRun: boolean;
}

/** A target changed by someone else between reading the file and writing it: nothing is written, the file is imported again. */
function changedMeanwhile(code: string): never {
  throw new AppError('CONFLICT', `Chỉ tiêu số ${code} vừa được người khác thay đổi trong khi nhập tệp; chưa có gì được lưu, hãy nhập lại tệp.`, [{ path: 'code', message: `Chỉ tiêu số ${code} vừa được thay đổi` }]);
}

async function managedPlan(db: Executor, actor: Actor, planId: string): Promise<TargetPlanRow> {
  const plan = await findTargetPlan(db, planId);
  if (!plan) throw notFound('kế hoạch chỉ tiêu');
  assertManagesTargets(actor, plan.ownerUnitId);
  return plan;
}

const yearOf = (text: string) => (/^\d{4}$/.test(text) ? Number(text) : null);

/** Targets with their milestones (the columns named by a year of the plan): a known number updates the target, a new one adds it. */
export async function importTargets(db: Database, actor: Actor, planId: string, table: Table, options: { dryRun?: boolean } = {}): Promise<TargetImportResult> {
  const plan = await managedPlan(db, actor, planId);
  const at = locateColumns(table, targetColumns);
  const yearColumns = table.header.flatMap((h, i) => {
    const y = yearOf(normaliseHeader(h));
    return y !== null && y >= plan.startYear && y <= plan.endYear ? [{ year: y, i }] : [];
  });
  const errors: ErrorDetail[] = [];
  const rows = table.rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const unitCodes = rows.map((r) => (r.cells[at.get('unit') ?? -1] ?? '').trim()).filter(Boolean);
  const unitsByCode = new Map((await findUnitsByCodes(db, unitCodes)).map((u) => [u.code, u.id]));
  const inputs: (TargetInput & { line: number })[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const read = rowReader(row, at, targetColumns, errors);
    const figure = (k: TargetColumn) => {
      const text = read.cell(k);
      if (text === '') return null;
      const v = targetValueText(text);
      if (v === null) read.fail(k, `“${text}” không phải là số`);
      return v;
    };
    const code = read.cell('code');
    if (code === '') read.fail('code', 'Thiếu số thứ tự chỉ tiêu');
    else if (seen.has(code)) read.fail('code', `Chỉ tiêu số ${code} đã có ở dòng ${seen.get(code)}`);
    seen.set(code, row.line);
    const name = read.cell('name');
    if (name === '') read.fail('name', 'Thiếu nội dung chỉ tiêu');
    const measureText = normaliseHeader(read.cell('measure'));
    const measure = MEASURE_WORDS[measureText] ?? (TARGET_MEASURES as readonly string[]).find((m) => m === measureText) as TargetMeasure | undefined;
    if (!measure) read.fail('measure', `Loại “${read.cell('measure')}” không rõ: ghi Tỷ lệ, Số lượng, Xếp hạng hoặc Chỉ số`);
    const directionText = normaliseHeader(read.cell('direction'));
    const direction = directionText === '' ? undefined : DIRECTION_WORDS[directionText];
    if (directionText !== '' && !direction) read.fail('direction', `Chiều “${read.cell('direction')}” không rõ: ghi Cao hơn là tốt hoặc Thấp hơn là tốt`);
    const baselineYearText = read.cell('baselineYear');
    const baselineYear = baselineYearText === '' ? null : yearOf(baselineYearText);
    if (baselineYearText !== '' && baselineYear === null) read.fail('baselineYear', `Năm cơ sở “${baselineYearText}” không hợp lệ`);
    const unitCode = read.cell('unit');
    const responsibleUnitId = unitCode === '' ? null : (unitsByCode.get(unitCode) ?? null);
    if (unitCode !== '' && !responsibleUnitId) read.fail('unit', `Không có đơn vị mã ${unitCode}`);
    const milestones = yearColumns.flatMap(({ year, i }) => {
      const text = (row.cells[i] ?? '').trim();
      if (text === '') return [];
      const value = targetValueText(text);
      if (value === null) {
        errors.push({ line: row.line, column: String(year), message: `Mốc năm ${year} “${text}” không phải là số` });
        return [];
      }
      return [{ year, value }];
    });
    inputs.push({
      line: row.line, code, name, measure: measure ?? 'rate', unitLabel: read.cell('unitLabel'), direction, baselineValue: figure('baselineValue'), baselineYear,
      finalValue: figure('finalValue'), responsibleUnitId, source: 'entered', sourceNote: read.cell('sourceNote') || undefined, milestones,
    });
  }
  assertNoImportErrors(errors);
  const existing = new Map((await listTargetRows(db, [planId])).map((t) => [t.code, t]));
  const created = inputs.filter((i) => !existing.has(i.code)).length;
  const result = { created, updated: inputs.length - created, values: 0, dryRun: !!options.dryRun };
  if (options.dryRun) return result;
  await db.transaction(async (tx) => {
    await managedPlan(tx, actor, planId);
    let position = await nextTargetPosition(tx, planId);
    for (const { line: _line, ...input } of inputs) {
      const current = existing.get(input.code);
      const fields = targetFields(input, current);
      const target = current
        ? ((await updateTargetRow(tx, current.id, current.version, fields)) ?? changedMeanwhile(current.code))
        : await insertTargetRow(tx, { ...(fields as Parameters<typeof insertTargetRow>[1]), planId, position: position++ });
      const before = current ? (await listMilestoneRows(tx, [current.id])).map((m) => ({ year: m.year, value: targetFigure(m.value)! })) : undefined;
      await replaceMilestones(tx, target.id, input.milestones);
      await recordAudit(tx, actor, {
        entityType: 'target', entityId: target.id, action: current ? 'import_update' : 'import_create',
        before: current ? { name: current.name, milestones: before } : undefined, after: { planId, code: target.code, name: target.name, milestones: input.milestones },
      });
    }
  });
  return result;
}

/** A year's values (or several years'): each row a target's number, a year and the value reached. */
export async function importTargetValues(
  db: Database, actor: Actor, planId: string, table: Table, options: { dryRun?: boolean; fileName?: string; now?: Date } = {},
): Promise<TargetImportResult> {
  const plan = await managedPlan(db, actor, planId);
  const at = locateColumns(table, valueColumns);
  const targets = new Map((await listTargetRows(db, [planId])).map((t) => [t.code, t]));
  const errors: ErrorDetail[] = [];
  const values: { targetId: string; year: number; value: string; reason: string }[] = [];
  const seen = new Map<string, number>();
  const defaultReason = options.fileName ? `Nhập từ tệp ${options.fileName}` : 'Nhập từ tệp';
  for (const row of table.rows) {
    if (row.cells.every((c) => c.trim() === '')) continue;
    const read = rowReader(row, at, valueColumns, errors);
    const code = read.cell('code');
    const target = targets.get(code);
    if (!target) read.fail('code', code === '' ? 'Thiếu số thứ tự chỉ tiêu' : `Kế hoạch không có chỉ tiêu số ${code}`);
    const year = yearOf(read.cell('year'));
    const yearProblem = year === null ? `Năm “${read.cell('year')}” không hợp lệ` : valueYearProblem(plan, year);
    if (yearProblem) read.fail('year', yearProblem);
    const key = `${code}|${year}`;
    if (target && year !== null && seen.has(key)) read.fail('year', `Chỉ tiêu số ${code} năm ${year} đã có ở dòng ${seen.get(key)}`);
    seen.set(key, row.line);
    const value = targetValueText(read.cell('value'));
    if (value === null) read.fail('value', read.cell('value') === '' ? 'Thiếu giá trị' : `“${read.cell('value')}” không phải là số`);
    if (target && year !== null && value !== null) values.push({ targetId: target.id, year, value, reason: read.cell('reason') || defaultReason });
  }
  assertNoImportErrors(errors);
  const result = { created: 0, updated: 0, values: values.length, dryRun: !!options.dryRun };
  if (options.dryRun) return result;
  const now = options.now ?? new Date();
  await db.transaction(async (tx) => {
    await managedPlan(tx, actor, planId);
    await insertValueRows(tx, values.map((v) => ({ ...v, source: 'imported', recordedAt: now, recordedBy: actor.userId || null })));
    const byId = new Map([...targets.values()].map((t) => [t.id, t]));
    for (const id of new Set(values.map((v) => v.targetId))) {
      const current = byId.get(id)!;
      if (!(await updateTargetRow(tx, id, current.version, {}))) changedMeanwhile(current.code);
    }
    await recordAudit(tx, actor, { entityType: 'target_plan', entityId: planId, action: 'import_values', after: { values: values.map(({ targetId, year, value }) => ({ targetId, year, value })) }, reason: defaultReason });
  });
  return result;
}

const templateFigure = (v: string | null) => (v === null ? null : Number(targetFigure(v)));

/** The targets template: every target with its milestones (a column per year of the plan). */
export async function targetsTemplate(db: Executor, actor: Actor, planId: string): Promise<{ header: string[]; rows: (string | number | null)[][] }> {
  const plan = await managedPlan(db, actor, planId);
  const targets = await listTargetRows(db, [planId]);
  const milestones = await listMilestoneRows(db, targets.map((t) => t.id));
  const years = planYears(plan);
  const units = await findUnitRefsByIds(db, targets.map((t) => t.responsibleUnitId));
  const header = [...targetColumns.map((c) => c.vi), ...years.map(String)];
  const rows = targets.map((t) => [
    t.code, t.name, measureWord[t.measure as TargetMeasure], t.unitLabel, directionWord[t.direction as TargetDirection], templateFigure(t.baselineValue), t.baselineYear,
    templateFigure(t.finalValue), t.responsibleUnitId ? (units.get(t.responsibleUnitId)?.code ?? null) : null, t.sourceNote,
    ...years.map((y) => templateFigure(milestones.find((m) => m.targetId === t.id && m.year === y)?.value ?? null)),
  ]);
  return { header, rows };
}

/** The values template for a year: one row per target with its milestone and the value that counts so far. */
export async function targetValuesTemplate(db: Executor, actor: Actor, planId: string, year: number): Promise<{ header: string[]; rows: (string | number | null)[][] }> {
  await managedPlan(db, actor, planId);
  const targets = await listTargetRows(db, [planId]);
  const latest = await latestValueRows(db, targets.map((t) => t.id));
  const header = ['Số TT', 'Nội dung chỉ tiêu', 'Năm', 'Giá trị', 'Căn cứ'];
  const rows = targets.map((t) => [t.code, t.name, year, templateFigure(latest.find((v) => v.targetId === t.id && v.year === year)?.value ?? null), null]);
  return { header, rows };
}
