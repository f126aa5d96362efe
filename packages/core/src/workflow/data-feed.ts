/**
 * Values of data-feed leaves (tiêu chí lấy dữ liệu từ hệ thống): when one may still be received,
 * and how a figure chiso has published becomes the leaf's input.
 */
import { normalizeDecimal, parseDecimal } from '../decimal/parse.ts';
import { pow10, roundHalfUp, unitsToPlain } from '../decimal/rational.ts';
import type { ChisoAggregate } from '../framework/types.ts';
import type { NodeInput } from '../scoring/inputs.ts';
import type { UnitState } from './unit-states.ts';

/** States in which the unit's appraisal is final: its scores change only through an amendment. */
const FINAL_STATES: ReadonlySet<UnitState> = new Set(['appraised', 'council_reviewed', 'approved', 'published']);

export const isAppraisalFinal = (state: UnitState): boolean => FINAL_STATES.has(state);

/**
 * Why a data-feed value for a unit in `state` is refused, or null when it may be stored.
 * After the appraisal is final a value never changes silently: an amendment is needed.
 */
export function dataFeedRefusal(state: UnitState, unitCode: string): string | null {
  if (!isAppraisalFinal(state)) return null;
  return state === 'published'
    ? `Kết quả của đơn vị ${unitCode} đã công bố: số liệu mới chỉ được áp dụng qua một lần đính chính (công bố bổ sung) kèm lý do.`
    : `Đơn vị ${unitCode} đã được thẩm định xong: số liệu mới cần được xử lý qua đính chính kết quả (amendment), không thể tự động thay đổi.`;
}

/**
 * The input a published chiso figure gives a data-feed leaf: an index is a percentage, so the
 * rate is index ÷ 100. Null when the figure is not a non-negative decimal.
 */
export function chisoFigureInput(figure: string): Extract<NodeInput, { kind: 'rate' }> | null {
  const d = parseDecimal(figure);
  if (d === null || d.units < 0n) return null;
  return { kind: 'rate', numerator: figure, denominator: '100' };
}

/**
 * The input an aggregate of published figures gives a data-feed leaf (a department's "average
 * index of its sub-units"): exact, never through floats. The average of n indexes is the rate
 * (their sum) ÷ (100·n); with `decimals`, the average is first rounded half-up to that many
 * decimals, then ÷ 100. Null when there is no figure or one is not a non-negative decimal.
 */
export function chisoAggregateInput(
  figures: readonly string[], aggregate: ChisoAggregate, decimals?: number,
): Extract<NodeInput, { kind: 'rate' }> | null {
  if (figures.length === 0 || aggregate !== 'average') return null;
  const parsed = figures.map((f) => parseDecimal(f));
  if (parsed.some((d) => d === null || d.units < 0n)) return null;
  const scale = Math.max(...parsed.map((d) => d!.scale));
  const sum = parsed.reduce((acc, d) => acc + d!.units * pow10(scale - d!.scale), 0n);
  const n = BigInt(figures.length);
  if (decimals === undefined) {
    const exact = normalizeDecimal({ units: sum, scale });
    return { kind: 'rate', numerator: unitsToPlain(exact.units, exact.scale), denominator: String(100n * n) };
  }
  const rounded = normalizeDecimal({ units: roundHalfUp({ num: sum, den: n * pow10(scale) }, decimals), scale: decimals });
  return { kind: 'rate', numerator: unitsToPlain(rounded.units, rounded.scale), denominator: '100' };
}
