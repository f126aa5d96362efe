/**
 * A target whose value is a chiso figure: the province's value or rank in an external index (PAR
 * INDEX, SIPAS, PAPI…, issue 12 §4), taken for every year of the plan that has one; a year whose
 * figure is already the value that counts is left alone.
 */
import type { Database } from '../../db/client';
import { insertValueRows, listProvinceIndexFigures, latestValueRows, updateTargetRow } from '../../db/repositories/target-repository';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import { invalid } from '../units/errors';
import { ownTarget, planYears, targetFigure } from './targets';

export interface TargetPulled {
  pulled: number;
  unchanged: number;
  /** Years of the plan (up to `now`'s) without a published figure. */
  missing: number[];
}

export async function pullTargetFromIndex(db: Database, actor: Actor, id: string, now = new Date()): Promise<TargetPulled> {
  return db.transaction(async (tx) => {
    const { plan, target } = await ownTarget(tx, actor, id);
    if (target.source !== 'chiso' || !target.sourceIndexKey) throw invalid('source', 'Chỉ tiêu này không lấy số liệu từ chỉ số bên ngoài.');
    const figure = target.sourceFigure === 'rank' ? 'rank' : 'value';
    const latest = new Map((await latestValueRows(tx, [id])).map((v) => [v.year, targetFigure(v.value)]));
    const result: TargetPulled = { pulled: 0, unchanged: 0, missing: [] };
    const values = [];
    const years = planYears({ startYear: plan.startYear, endYear: Math.min(plan.endYear, now.getUTCFullYear()) });
    const figures = await listProvinceIndexFigures(tx, target.sourceIndexKey, years);
    for (const year of years) {
      const found = figures.get(year);
      const raw = figure === 'rank' ? (found?.rank ?? null) : (found?.value ?? null);
      if (raw === null) {
        result.missing.push(year);
        continue;
      }
      const value = targetFigure(String(raw))!;
      if (latest.get(year) === value) {
        result.unchanged += 1;
        continue;
      }
      const what = figure === 'rank' ? 'xếp hạng' : 'giá trị';
      values.push({ targetId: id, year, value, source: 'chiso' as const, reason: `Lấy từ ${what} của tỉnh trong chỉ số ${target.sourceIndexKey} năm ${year}`, recordedAt: now, recordedBy: actor.userId || null });
    }
    if (values.length) {
      await insertValueRows(tx, values);
      await updateTargetRow(tx, id, target.version, {});
      await recordAudit(tx, actor, { entityType: 'target', entityId: id, action: 'pull_chiso', after: { indexKey: target.sourceIndexKey, figure, values: values.map(({ year, value }) => ({ year, value })) } });
    }
    result.pulled = values.length;
    return result;
  });
}
