/**
 * A feed from chiso itself: a data-feed leaf that declares `rule.chiso` (e.g. the task-performance
 * framework's "PAR index of the unit") takes the unit's figure published in that program's cycle of
 * the same year. The administrator pulls them with one action; the source names the snapshot.
 */
import { chisoFigureInput, cycleRefusal, walkNodes, type CycleStatus } from '@chiso/core';
import type { Database } from '../../db/client';
import { findCycleOfProgram, latestPublishedUnits } from '../../db/repositories/data-feed-repository';
import type { Actor } from '../actor';
import { assertAdministrator } from '../policies/roles';
import { loadCycleContext } from '../cycles/context';
import { refusalError, ruleViolation } from '../errors';
import { checkFeedEntries, isDataFeedLeaf, storeFeedValues, storedFeedValues, type FeedEntry } from './feed-values';

export interface ChisoPullResult {
  pulled: number;
  unchanged: number;
  /** Unit × criterion left out, with why (nothing published yet, appraisal final…). */
  skipped: { unit: string; criterion: string; message: string }[];
}

export async function pullChisoFeeds(db: Database, actor: Actor, cycleId: string, now = new Date()): Promise<ChisoPullResult> {
  assertAdministrator(actor);
  const ctx = await loadCycleContext(db, cycleId);
  const refused = cycleRefusal(ctx.cycle.status as CycleStatus, 'pull_chiso_feeds');
  if (refused) throw refusalError(refused);
  const skipped: ChisoPullResult['skipped'] = [];
  const entries: FeedEntry[] = [];
  const snapshotIds = new Map<string, string>();
  const sources = new Map<string, Awaited<ReturnType<typeof findCycleOfProgram>> | null>();
  let leaves = 0;
  for (const group of ctx.groups.values()) {
    const members = [...ctx.units.values()].filter((u) => u.groupId === group.groupId);
    for (const { node } of walkNodes(group.framework.nodes)) {
      const rule = node.rule;
      if (!isDataFeedLeaf(node) || rule?.type !== 'data_feed' || !rule.chiso) continue;
      leaves += 1;
      const key = rule.chiso.program;
      if (!sources.has(key)) sources.set(key, (await findCycleOfProgram(db, key, ctx.cycle.year)) ?? null);
      const source = sources.get(key);
      if (!source) {
        for (const u of members) skipped.push({ unit: u.code, criterion: node.code, message: `Chưa có kỳ đánh giá “${key}” năm ${ctx.cycle.year}` });
        continue;
      }
      const published = await latestPublishedUnits(db, source.id, members.map((u) => u.unitId));
      for (const u of members) {
        const p = published.get(u.unitId);
        const input = p ? chisoFigureInput(p.indexValue) : null;
        if (!p || !input) {
          skipped.push({ unit: u.code, criterion: node.code, message: `Chưa công bố kết quả của đơn vị trong “${source.name}”` });
          continue;
        }
        snapshotIds.set(`${u.unitId}\u0000${node.key}`, p.snapshotId);
        const what = p.number === 1 ? 'công bố' : `đính chính lần ${p.number - 1}`;
        entries.push({
          unit: u.code, criterion: node.key, numerator: String(input.numerator), denominator: String(input.denominator), period: String(ctx.cycle.year),
          source: `chiso: ${source.name}, ${what}${p.decisionNumber ? ` (QĐ ${p.decisionNumber})` : ''}`,
        });
      }
    }
  }
  if (leaves === 0) throw ruleViolation('Bộ tiêu chí của kỳ này không có tiêu chí nào lấy số liệu từ kết quả chiso đã công bố.');
  const stored = await storedFeedValues(db, cycleId);
  const { values, unchanged } = checkFeedEntries(ctx, entries, stored, (e, _field, message) => skipped.push({ unit: e.unit, criterion: e.criterion, message }), 'chiso');
  await db.transaction(async (tx) => {
    await storeFeedValues(tx, actor, ctx, values, { channel: 'chiso', snapshotIds, now }, 'pull_chiso_feeds');
  });
  return { pulled: values.length, unchanged, skipped };
}
