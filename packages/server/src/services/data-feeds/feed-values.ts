/**
 * Values of data-feed leaves (tiêu chí lấy dữ liệu từ hệ thống) per unit: the one check every way in
 * (imported file, API push, chiso's own published figures) goes through, and the one way they are
 * stored — with their source, period and time of receipt, and an audit event in the same transaction.
 * A value for a unit whose appraisal is final is refused: published results change only by amendment.
 */
import {
  type FrameworkNode, type NodeInput, type UnitInputs, type UnitState, compareRational, dataFeedRefusal, normalizeDecimal, parseDecimal, rationalFromDecimal,
  resolveValue, unitsToPlain,
} from '@chiso/core';
import type { Executor } from '../../db/client';
import { listDataFeedValues, upsertDataFeedValues, type DataFeedValueRow } from '../../db/repositories/data-feed-repository';
import type { ChisoOrigin } from '../../db/repositories/data-feed-repository';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import type { CycleContext, CycleGroupContext } from '../cycles/context';
import { lockCycleUnit, type CycleUnitView } from '../../db/repositories/cycle-repository';
import { ruleViolation } from '../errors';

export type FeedChannel = 'import' | 'api' | 'chiso';
export type FeedField = 'unit' | 'criterion' | 'numerator' | 'denominator' | 'period' | 'source';

/** One value as a file row or a pushed item gives it (text as written). */
export interface FeedEntry {
  unit: string;
  criterion: string;
  numerator: string;
  denominator: string;
  period: string;
  source?: string;
}

/** A checked value, ready to store. */
export interface FeedValue {
  unit: CycleUnitView;
  node: FrameworkNode;
  numerator: string;
  denominator: string;
  period: string;
  source: string;
}

const norm = (s: string) => s.normalize('NFC').trim().toLowerCase();
const maxDecimals = 6;

/** Data-feed leaves of a group, by key and by display code. */
function feedLeaf(group: CycleGroupContext, criterion: string): FrameworkNode | undefined {
  const c = criterion.trim();
  return group.nodes.get(c) ?? group.leaves.find((l) => norm(l.code) === norm(c));
}

export const isDataFeedLeaf = (node: FrameworkNode) => node.children.length === 0 && node.rule?.type === 'data_feed';

/** The stored form of a figure: plain decimal text, or why it is not one. */
function figure(text: string): string | { error: string } {
  const d = parseDecimal(text);
  if (d === null) return { error: `“${text}” không phải là số (dùng dấu phẩy hoặc dấu chấm thập phân)` };
  if (d.units < 0n) return { error: `“${text}” là số âm; số liệu không được âm` };
  const n = normalizeDecimal(d);
  if (n.scale > maxDecimals) return { error: `“${text}” có quá ${maxDecimals} chữ số thập phân` };
  if (n.units >= 10n ** BigInt(12 + n.scale)) return { error: `“${text}” quá lớn` };
  return unitsToPlain(n.units, n.scale);
}

/** A part larger than its whole (e.g. more cases on time than cases): a data error, never a rate over 100%. */
const exceedsWhole = (numerator: string, denominator: string) =>
  compareRational(rationalFromDecimal(parseDecimal(numerator)!), rationalFromDecimal(parseDecimal(denominator)!)) > 0;

const rateInput = (v: { numerator: string; denominator: string }): NodeInput => ({ kind: 'rate', numerator: v.numerator, denominator: v.denominator });

/** The stored values of a cycle's units, by unit id then leaf key. */
export async function storedFeedValues(executor: Executor, cycleId: string, unitIds?: readonly string[]): Promise<Map<string, Map<string, DataFeedValueRow>>> {
  const out = new Map<string, Map<string, DataFeedValueRow>>();
  for (const r of await listDataFeedValues(executor, cycleId, unitIds)) {
    const m = out.get(r.unitId) ?? new Map<string, DataFeedValueRow>();
    m.set(r.nodeKey, r);
    out.set(r.unitId, m);
  }
  return out;
}

/** Stored numerics come back with trailing zeros ("85.370000"): compare in plain form. */
export const canonical = (text: string) => {
  const f = figure(text);
  return typeof f === 'string' ? f : text;
};
const sameValue = (a: DataFeedValueRow | undefined, b: Pick<FeedValue, 'numerator' | 'denominator' | 'period'>) =>
  !!a && canonical(a.numerator) === b.numerator && canonical(a.denominator) === b.denominator && a.period === b.period;

/**
 * Checks entries against the cycle: the unit takes part, the criterion is a data-feed leaf of its
 * group's framework, the figures are non-negative decimals the rule can score, a period is given,
 * no unit × criterion twice, and the unit's appraisal is not final (unless the value is unchanged,
 * which is then left out). Every problem goes to `fail` with its field.
 */
export function checkFeedEntries<E extends FeedEntry>(
  ctx: CycleContext,
  entries: readonly E[],
  stored: Map<string, Map<string, DataFeedValueRow>>,
  fail: (entry: E, field: FeedField, message: string) => void,
  defaultSource: string,
): { values: FeedValue[]; unchanged: number } {
  const unitByCode = new Map([...ctx.units.values()].map((u) => [norm(u.code), u]));
  const seen = new Map<string, E>();
  const values: FeedValue[] = [];
  let unchanged = 0;
  for (const e of entries) {
    let ok = true;
    const bad = (field: FeedField, message: string) => {
      ok = false;
      fail(e, field, message);
    };
    const unit = e.unit.trim() ? unitByCode.get(norm(e.unit)) : undefined;
    if (!e.unit.trim()) bad('unit', 'Thiếu mã đơn vị');
    else if (!unit) bad('unit', `Đơn vị “${e.unit.trim()}” không tham gia kỳ đánh giá này`);
    const group = unit ? ctx.groups.get(unit.groupId) : undefined;
    if (unit && !group) bad('unit', `Nhóm của đơn vị “${unit.code}” chưa được gán bộ tiêu chí`);
    let node: FrameworkNode | undefined;
    if (!e.criterion.trim()) bad('criterion', 'Thiếu mã tiêu chí');
    else if (group) {
      node = feedLeaf(group, e.criterion);
      if (!node) bad('criterion', `Không có tiêu chí “${e.criterion.trim()}” trong bộ tiêu chí của đơn vị ${unit!.code}`);
      else if (!isDataFeedLeaf(node)) {
        bad('criterion', `Tiêu chí ${node.code} không lấy dữ liệu từ hệ thống (quy tắc “${node.rule?.type ?? '—'}”)`);
        node = undefined;
      }
    }
    const numerator = e.numerator.trim() ? figure(e.numerator.trim()) : { error: 'Thiếu tử số' };
    const denominator = e.denominator.trim() ? figure(e.denominator.trim()) : { error: 'Thiếu mẫu số' };
    if (typeof numerator !== 'string') bad('numerator', numerator.error);
    if (typeof denominator !== 'string') bad('denominator', denominator.error);
    const period = e.period.trim();
    if (!period) bad('period', 'Thiếu kỳ số liệu (ví dụ “2025” hoặc “01/2025–12/2025”)');
    else if (period.length > 100) bad('period', 'Kỳ số liệu tối đa 100 ký tự');
    const source = e.source?.trim() || defaultSource;
    if (source.length > 200) bad('source', 'Nguồn tối đa 200 ký tự');
    if (typeof numerator === 'string' && typeof denominator === 'string' && exceedsWhole(numerator, denominator)) {
      bad('numerator', `Tử số ${e.numerator.trim()} lớn hơn mẫu số ${e.denominator.trim()}: tỷ lệ không thể vượt 100%. Hãy kiểm tra lại số liệu`);
    }
    if (!ok || !unit || !node || !group || typeof numerator !== 'string' || typeof denominator !== 'string') continue;

    const resolved = resolveValue(node, { input: rateInput({ numerator, denominator }) }, group.framework.settings.rounding);
    if (!resolved.ok) {
      bad('numerator', `Tiêu chí ${node.code}: ${resolved.error.message}`);
      continue;
    }
    const id = `${unit.unitId}\u0000${node.key}`;
    if (seen.has(id)) {
      bad('criterion', `Trùng đơn vị ${unit.code}, tiêu chí ${node.code} với một dòng trước`);
      continue;
    }
    seen.set(id, e);
    const value = { unit, node, numerator, denominator, period, source };
    if (sameValue(stored.get(unit.unitId)?.get(node.key), value)) {
      unchanged += 1;
      continue;
    }
    const refusal = dataFeedRefusal(unit.state as UnitState, unit.code);
    if (refusal) {
      bad('unit', refusal);
      continue;
    }
    values.push(value);
  }
  return { values, unchanged };
}

/** Who received a value: the administrator's account, an API token, or chiso itself (a snapshot). */
export interface Receipt {
  channel: FeedChannel;
  apiTokenId?: string;
  /** Published snapshot behind each value (chiso), by `unitId \0 nodeKey`. */
  snapshotIds?: ReadonlyMap<string, string>;
  /** Where each value pulled from chiso came from (the cycle, every figure and snapshot), by `unitId \0 nodeKey`. */
  origins?: ReadonlyMap<string, ChisoOrigin>;
  now: Date;
}

/** Stores checked values with their receipt and one audit event, in the caller's transaction. */
export async function storeFeedValues(tx: Executor, actor: Actor, ctx: CycleContext, values: readonly FeedValue[], receipt: Receipt, action: string): Promise<void> {
  if (values.length === 0) return;
  // The states were checked before this transaction: an appraisal completed meanwhile must not change silently.
  const codes = new Map(values.map((v) => [v.unit.unitId, v.unit.code]));
  for (const unitId of [...codes.keys()].sort()) {
    const row = await lockCycleUnit(tx, ctx.cycle.id, unitId);
    const refusal = row ? dataFeedRefusal(row.state as UnitState, codes.get(unitId)!) : null;
    if (refusal) throw ruleViolation(`${refusal} Chưa nhận giá trị nào; hãy gửi lại khi đã xử lý.`);
  }
  const before = await storedFeedValues(tx, ctx.cycle.id, [...new Set(values.map((v) => v.unit.unitId))]);
  await upsertDataFeedValues(tx, values.map((v) => ({
    cycleId: ctx.cycle.id,
    unitId: v.unit.unitId,
    nodeKey: v.node.key,
    numerator: v.numerator,
    denominator: v.denominator,
    period: v.period,
    channel: receipt.channel,
    source: v.source,
    receivedAt: receipt.now,
    receivedBy: actor.userId || null,
    apiTokenId: receipt.apiTokenId ?? null,
    snapshotId: receipt.snapshotIds?.get(`${v.unit.unitId}\u0000${v.node.key}`) ?? null,
    chisoOrigin: receipt.origins?.get(`${v.unit.unitId}\u0000${v.node.key}`) ?? null,
  })));
  const row = (v: Pick<FeedValue, 'numerator' | 'denominator' | 'period' | 'source'>, unit: string, criterion: string) =>
    ({ unit, criterion, numerator: canonical(v.numerator), denominator: canonical(v.denominator), period: v.period, source: v.source });
  await recordAudit(tx, actor, {
    entityType: 'cycle',
    entityId: ctx.cycle.id,
    action,
    before: values.flatMap((v) => {
      const b = before.get(v.unit.unitId)?.get(v.node.key);
      return b ? [row(b, v.unit.code, v.node.code)] : [];
    }),
    after: { channel: receipt.channel, ...(receipt.apiTokenId ? { apiTokenId: receipt.apiTokenId } : {}), rows: values.map((v) => row(v, v.unit.code, v.node.code)) },
  });
}

/** The stored values as consolidation inputs, per unit (`GroupMember.supplied`). */
export async function dataFeedInputs(executor: Executor, cycleId: string, unitIds?: readonly string[]): Promise<Map<string, UnitInputs>> {
  const out = new Map<string, UnitInputs>();
  for (const [unitId, byKey] of await storedFeedValues(executor, cycleId, unitIds)) {
    out.set(unitId, Object.fromEntries([...byKey].map(([k, r]) => [k, rateInput({ numerator: canonical(r.numerator), denominator: canonical(r.denominator) })])));
  }
  return out;
}

/** Refuses a request that gave nothing usable, listing every problem. */
export function refuseFeedProblems(count: number, details: { path?: string; line?: number; column?: string; message: string }[]): never {
  throw ruleViolation(count === 1 ? details[0]!.message : `${count} giá trị không hợp lệ; chưa nhận giá trị nào. Hãy sửa rồi gửi lại.`, details);
}
