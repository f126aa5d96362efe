/**
 * A feed from chiso itself: a data-feed leaf that declares `rule.chiso` takes a figure chiso has
 * published for a program's cycle of the same year:
 * - `same_unit` (the default): the unit's own figure (e.g. the task-performance framework's "PAR
 *   index of the unit"), from the cycle of that program the unit takes part in — one organised by
 *   the same owner as the pulling cycle first, then any other; refused when several are equally
 *   possible;
 * - `units_under`: an aggregate (the average) of the published figures of every participant of the
 *   cycle of that program the unit itself organises (a department's sub-units, before 2025 a
 *   district's communes), taken only once all of them are published.
 * The administrator pulls them with one action; each value keeps its origin (the cycle, every
 * published figure with its snapshot), which the feed view and the published trace show.
 */
import { chisoAggregateInput, chisoFigureInput, cycleRefusal, walkNodes, type ChisoFeed, type CycleStatus, type FrameworkNode } from '@chiso/core';
import type { Database } from '../../db/client';
import {
  latestPublishedUnits, listCyclesOfProgram, participantsOfCycles, type ProgramCycle, type PublishedFigure,
} from '../../db/repositories/data-feed-repository';
import type { ChisoOrigin } from '../../db/repositories/data-feed-repository';
import type { Actor } from '../actor';
import { assertAdministers } from '../policies/roles';
import { loadCycleContext, type CycleContext } from '../cycles/context';
import type { CycleUnitView } from '../../db/repositories/cycle-repository';
import { refusalError, ruleViolation } from '../errors';
import { checkFeedEntries, isDataFeedLeaf, storeFeedValues, storedFeedValues, type FeedEntry } from './feed-values';

export interface ChisoPullResult {
  pulled: number;
  unchanged: number;
  /** Unit × criterion left out, with why (nothing published yet, several possible cycles, appraisal final…). */
  skipped: { unit: string; criterion: string; message: string }[];
}

/** A figure found for one unit × leaf, or why not. */
type Found = { input: { numerator: string; denominator: string }; origin: ChisoOrigin; source: string; snapshotId: string } | { skip: string };

const MAX_SOURCE = 200;
const names = (cs: readonly ProgramCycle[]) => cs.map((c) => `“${c.name}”${c.ownerName ? ` của ${c.ownerName}` : ''}`).join(', ');
const published = (p: PublishedFigure) => (p.number === 1 ? 'công bố' : `đính chính lần ${p.number - 1}`) + (p.decisionNumber ? ` (QĐ ${p.decisionNumber})` : '');
const clip = (s: string) => (s.length <= MAX_SOURCE ? s : `${s.slice(0, MAX_SOURCE - 1)}…`);

/** The program's cycles of the pulling cycle's year, their participants and published figures, read once per pull. */
class ProgramCycles {
  private readonly cycles = new Map<string, Promise<ProgramCycle[]>>();
  private readonly participants = new Map<string, Promise<Set<string>>>();
  private readonly figures = new Map<string, Promise<Map<string, PublishedFigure>>>();

  constructor(private readonly db: Database, private readonly ctx: CycleContext) {}

  of(program: string): Promise<ProgramCycle[]> {
    if (!this.cycles.has(program)) {
      this.cycles.set(program, listCyclesOfProgram(this.db, program, this.ctx.cycle.year).then((cs) => cs.filter((c) => c.id !== this.ctx.cycle.id)));
    }
    return this.cycles.get(program)!;
  }

  participantsOf(cycleId: string): Promise<Set<string>> {
    if (!this.participants.has(cycleId)) this.participants.set(cycleId, participantsOfCycles(this.db, [cycleId]).then((m) => m.get(cycleId)!));
    return this.participants.get(cycleId)!;
  }

  /** Published figures of the cycle: of its participants and of the pulling cycle's units. */
  async figuresOf(cycleId: string): Promise<Map<string, PublishedFigure>> {
    if (!this.figures.has(cycleId)) {
      const ids = async () => [...new Set([...(await this.participantsOf(cycleId)), ...this.ctx.units.keys()])];
      this.figures.set(cycleId, ids().then((unitIds) => latestPublishedUnits(this.db, cycleId, unitIds)));
    }
    return this.figures.get(cycleId)!;
  }
}

function originOf(cycle: ProgramCycle, feed: ChisoFeed, year: number, figures: readonly PublishedFigure[]): ChisoOrigin {
  return {
    cycleId: cycle.id, cycleName: cycle.name, year, programCode: feed.program, ownerUnitId: cycle.ownerUnitId, ownerName: cycle.ownerName,
    source: feed.source ?? 'same_unit', aggregate: feed.source === 'units_under' ? (feed.aggregate ?? 'average') : null, decimals: feed.decimals ?? null,
    figures: figures.map((f) => ({
      unitId: f.unitId, unitCode: f.unitCode, unitName: f.unitName, index: f.indexValue, snapshotId: f.snapshotId, snapshotNumber: f.number, decisionNumber: f.decisionNumber,
    })),
  };
}

/** The unit's own published figure, from the one cycle of the program it belongs to (the pulling cycle's owner first). */
async function ownFigure(cycles: ProgramCycles, ctx: CycleContext, feed: ChisoFeed, unit: CycleUnitView): Promise<Found> {
  const year = ctx.cycle.year;
  const mine: ProgramCycle[] = [];
  for (const c of await cycles.of(feed.program)) {
    if ((await cycles.participantsOf(c.id)).has(unit.unitId) || (await cycles.figuresOf(c.id)).has(unit.unitId)) mine.push(c);
  }
  if (mine.length === 0) return { skip: `Chưa có kỳ đánh giá “${feed.program}” năm ${year} có đơn vị ${unit.code}` };
  const sameOwner = mine.filter((c) => c.ownerUnitId === ctx.cycle.ownerUnitId);
  const pool = sameOwner.length > 0 ? sameOwner : mine;
  if (pool.length > 1) {
    return { skip: `Đơn vị ${unit.code} có trong ${pool.length} kỳ “${feed.program}” năm ${year} (${names(pool)}): chưa rõ lấy chỉ số từ kỳ nào. Hãy nhập số liệu này bằng tệp` };
  }
  const source = pool[0]!;
  const p = (await cycles.figuresOf(source.id)).get(unit.unitId);
  const input = p ? chisoFigureInput(p.indexValue) : null;
  if (!p || !input) return { skip: `Chưa công bố kết quả của đơn vị trong “${source.name}”` };
  return { input: plainInput(input), origin: originOf(source, feed, year, [p]), source: clip(`chiso: ${source.name}, ${published(p)}`), snapshotId: p.snapshotId };
}

/** The aggregate of the published figures of every participant of the one cycle of the program the unit organises. */
async function figureOfUnitsUnder(cycles: ProgramCycles, ctx: CycleContext, feed: ChisoFeed, unit: CycleUnitView): Promise<Found> {
  const year = ctx.cycle.year;
  const owned = (await cycles.of(feed.program)).filter((c) => c.ownerUnitId === unit.unitId);
  if (owned.length === 0) return { skip: `Đơn vị ${unit.code} chưa tổ chức kỳ đánh giá “${feed.program}” năm ${year} cho các đơn vị thuộc` };
  if (owned.length > 1) return { skip: `Đơn vị ${unit.code} tổ chức ${owned.length} kỳ “${feed.program}” năm ${year} (${names(owned)}): chưa rõ lấy kết quả từ kỳ nào. Hãy nhập số liệu này bằng tệp` };
  const source = owned[0]!;
  const members = [...(await cycles.participantsOf(source.id))].filter((id) => id !== unit.unitId);
  if (members.length === 0) return { skip: `Kỳ “${source.name}” chưa có đơn vị tham gia` };
  const figures = await cycles.figuresOf(source.id);
  const found = members.flatMap((id) => (figures.has(id) ? [figures.get(id)!] : []));
  if (found.length < members.length) {
    return { skip: `Kỳ “${source.name}” mới công bố kết quả của ${found.length}/${members.length} đơn vị: chỉ lấy trung bình khi đã công bố đủ` };
  }
  found.sort((a, b) => a.unitCode.localeCompare(b.unitCode, 'vi'));
  const input = chisoAggregateInput(found.map((f) => f.indexValue), feed.aggregate ?? 'average', feed.decimals);
  if (!input) return { skip: `Chỉ số đã công bố trong “${source.name}” không hợp lệ` };
  const newest = found.reduce((a, b) => (b.createdAt > a.createdAt ? b : a));
  const rounding = feed.decimals === undefined ? '' : `, làm tròn ${feed.decimals} chữ số thập phân`;
  return {
    input: plainInput(input), origin: originOf(source, feed, year, found), snapshotId: newest.snapshotId,
    source: clip(`chiso: trung bình chỉ số của ${found.length} đơn vị${rounding}, ${source.name}`),
  };
}

export async function pullChisoFeeds(db: Database, actor: Actor, cycleId: string, now = new Date()): Promise<ChisoPullResult> {
  const ctx = await loadCycleContext(db, cycleId);
  assertAdministers(actor, ctx.cycle.ownerUnitId);
  const refused = cycleRefusal(ctx.cycle.status as CycleStatus, 'pull_chiso_feeds');
  if (refused) throw refusalError(refused);
  const skipped: ChisoPullResult['skipped'] = [];
  const entries: FeedEntry[] = [];
  const snapshotIds = new Map<string, string>();
  const origins = new Map<string, ChisoOrigin>();
  const cycles = new ProgramCycles(db, ctx);
  let leaves = 0;
  for (const group of ctx.groups.values()) {
    const members = [...ctx.units.values()].filter((u) => u.groupId === group.groupId);
    for (const { node } of walkNodes(group.framework.nodes)) {
      const feed = chisoFeedOf(node);
      if (!feed) continue;
      leaves += 1;
      for (const u of members) {
        const found = feed.source === 'units_under' ? await figureOfUnitsUnder(cycles, ctx, feed, u) : await ownFigure(cycles, ctx, feed, u);
        if ('skip' in found) {
          skipped.push({ unit: u.code, criterion: node.code, message: found.skip });
          continue;
        }
        const key = `${u.unitId}\u0000${node.key}`;
        snapshotIds.set(key, found.snapshotId);
        origins.set(key, found.origin);
        entries.push({
          unit: u.code, criterion: node.key, numerator: found.input.numerator, denominator: found.input.denominator, period: String(ctx.cycle.year), source: found.source,
        });
      }
    }
  }
  if (leaves === 0) throw ruleViolation('Bộ tiêu chí của kỳ này không có tiêu chí nào lấy số liệu từ kết quả chiso đã công bố.');
  const stored = await storedFeedValues(db, cycleId);
  const { values, unchanged } = checkFeedEntries(ctx, entries, stored, (e, _field, message) => skipped.push({ unit: e.unit, criterion: e.criterion, message }), 'chiso');
  await db.transaction(async (tx) => {
    await storeFeedValues(tx, actor, ctx, values, { channel: 'chiso', snapshotIds, origins, now }, 'pull_chiso_feeds');
  });
  return { pulled: values.length, unchanged, skipped };
}

function chisoFeedOf(node: FrameworkNode): ChisoFeed | null {
  return isDataFeedLeaf(node) && node.rule?.type === 'data_feed' && node.rule.chiso ? node.rule.chiso : null;
}

const plainInput = (i: { numerator: unknown; denominator: unknown }) => ({ numerator: String(i.numerator), denominator: String(i.denominator) });
