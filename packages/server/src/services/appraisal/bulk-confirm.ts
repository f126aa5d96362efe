/**
 * Bulk confirmation of not-applicable claims (xác nhận "không áp dụng" hàng loạt) for one
 * criterion across units: all or nothing. Every unit's claim is decided by the core exactly as in
 * the drawer (`decide` / `confirm_not_applicable`, its own audit event and version check), inside
 * one transaction; the first refusal — a stale version, a criterion of another agency, a unit
 * that claimed nothing — rolls the whole batch back with a message naming the unit.
 */
import { inTransaction, type RequestContext } from '../context';
import { assertAppraiserFor } from '../policies/criterion-record';
import { loadCycleContext, participant, type CycleContext } from '../cycles/context';
import { AppError } from '../errors';
import { runCriterionCommandIn } from './criterion-command';

export interface BulkConfirmItem {
  unitId: string;
  version: number;
}

export interface BulkConfirmResult {
  confirmed: number;
}

function unitName(ctx: CycleContext, unitId: string): string {
  return ctx.units.get(unitId)?.name ?? unitId;
}

/** The item's refusal, restated for the whole batch: which unit, and that nothing was saved. */
function batchError(error: AppError, unit: string, code: string): AppError {
  const nothing = 'Chưa xác nhận đơn vị nào.';
  if (error.code === 'CONFLICT') {
    return new AppError(
      'CONFLICT',
      `Hồ sơ tiêu chí ${code} của ${unit} đã được thay đổi sau khi bạn mở bảng thẩm định. ${nothing} Hãy tải lại bảng rồi xác nhận lại.`,
      error.details,
    );
  }
  return new AppError(error.code, `${unit}: ${error.message.replace(/\.?$/, '.')} ${nothing}`, error.details);
}

/** All or nothing, in one transaction, the cycle's context loaded once. */
export async function bulkConfirmNotApplicable(context: RequestContext, cycleId: string, nodeKey: string, items: readonly BulkConfirmItem[]): Promise<BulkConfirmResult> {
  assertAppraiserFor(context.actor, 'confirm_not_applicable');
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.unitId)) throw new AppError('VALIDATION_FAILED', 'Mỗi đơn vị chỉ được chọn một lần.', [{ path: 'items', message: 'Đơn vị trùng lặp' }]);
    seen.add(item.unitId);
  }
  await inTransaction(context, async (t) => {
    const ctx = await loadCycleContext(t.tx, cycleId); // 404 for an unknown cycle
    for (const item of items) participant(ctx, item.unitId); // 404 for a unit outside the cycle
    // One order of locks for every batch, so two running at once cannot deadlock.
    const ordered = [...items].sort((a, b) => a.unitId.localeCompare(b.unitId));
    for (const item of ordered) {
      try {
        await runCriterionCommandIn(t, { cycleId, unitId: item.unitId, nodeKey, version: item.version }, {
          action: 'decide',
          command: { type: 'decide', decision: { kind: 'confirm_not_applicable' } },
        }, ctx);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const code = participant(ctx, item.unitId).group.nodes.get(nodeKey)?.code ?? nodeKey;
        throw batchError(error, unitName(ctx, item.unitId), code);
      }
    }
  });
  return { confirmed: items.length };
}
