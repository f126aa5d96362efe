/**
 * Comparison with an earlier cycle (so sánh với năm trước): change in index, rank and
 * class. Across a merger a lineage says which predecessor units a unit comes from and how
 * the earlier figure is derived; the result says so in words, so it can be published.
 */
import { compareFixed, type Fixed, fixedFromRational, fixedToRational, formatFixed, subFixed } from '../decimal/fixed.ts';
import { addRational, type Rational } from '../decimal/rational.ts';
import type { Band } from '../framework/types.ts';
import { classifyIndex } from './classify.ts';

/** One unit's published result in a cycle. */
export interface CycleResult {
  readonly unitId: string;
  readonly name?: string;
  readonly index: Fixed | null;
  readonly rank: number | null;
  /** Label of the class (xếp loại), e.g. "Khá". */
  readonly classLabel: string | null;
}

/**
 * How the earlier figure of a unit is derived from its predecessors:
 * - single: one predecessor (renamed or absorbed), its figures taken as they are;
 * - average: arithmetic mean of the predecessors' indexes (national precedent for merged provinces);
 * - max / min: the best / worst predecessor index.
 */
export type Derivation = 'single' | 'average' | 'max' | 'min';

export interface Lineage {
  readonly unitId: string;
  readonly predecessors: readonly string[];
  readonly derivation: Derivation;
}

export interface CycleComparison {
  readonly unitId: string;
  readonly current: CycleResult;
  /** The earlier figures (derived when through a lineage); null when nothing to compare. */
  readonly previous: { readonly index: Fixed | null; readonly rank: number | null; readonly classLabel: string | null } | null;
  /** current − previous index, in index points. */
  readonly indexChange: Fixed | null;
  /** Places moved: positive = up (rank 5 → 3 gives +2). Null when ranks are not comparable. */
  readonly rankChange: number | null;
  readonly classChange: { readonly from: string | null; readonly to: string | null } | null;
  readonly derivation: {
    readonly kind: 'same_unit' | Derivation | 'none';
    readonly predecessors: readonly string[];
    /** Vietnamese sentence for publication, e.g. how a merged unit's earlier index was derived. */
    readonly note: string;
  };
}

export interface CompareOptions {
  readonly lineage?: readonly Lineage[];
  /** Decimals for a derived earlier index (average); default: those of the current index. */
  readonly indexDecimals?: number;
  /** Bands to classify a derived earlier index with (the earlier cycle's bands). */
  readonly previousBands?: readonly Band[];
}

function derive(kind: Derivation, values: readonly Fixed[], decimals: number): Fixed {
  if (kind === 'single' || values.length === 1) return values[0]!;
  const rats = values.map(fixedToRational);
  if (kind === 'average') {
    const sum = rats.reduce<Rational>((a, b) => addRational(a, b), { num: 0n, den: 1n });
    return fixedFromRational({ num: sum.num, den: sum.den * BigInt(values.length) }, decimals);
  }
  const sorted = [...values].sort(compareFixed);
  return kind === 'max' ? sorted[sorted.length - 1]! : sorted[0]!;
}

const DERIVATION_VI: Record<Derivation, string> = {
  single: 'lấy theo đơn vị tiền thân',
  average: 'bằng trung bình cộng chỉ số của các đơn vị tiền thân',
  max: 'bằng chỉ số cao nhất của các đơn vị tiền thân',
  min: 'bằng chỉ số thấp nhất của các đơn vị tiền thân',
};

function label(r: CycleResult): string {
  return `${r.name ?? r.unitId} (${r.index ? formatFixed(r.index) : 'không có chỉ số'})`;
}

function compareOne(cur: CycleResult, prevById: Map<string, CycleResult>, lineage: Lineage | undefined, opts: CompareOptions): CycleComparison {
  const decimals = opts.indexDecimals ?? cur.index?.decimals ?? 2;
  const base = { unitId: cur.unitId, current: cur };
  const none = (note: string, preds: readonly string[] = []): CycleComparison => ({
    ...base, previous: null, indexChange: null, rankChange: null, classChange: null,
    derivation: { kind: 'none', predecessors: preds, note },
  });

  if (!lineage) {
    const prev = prevById.get(cur.unitId);
    if (!prev) return none('Không có kết quả năm trước để so sánh');
    return {
      ...base,
      previous: { index: prev.index, rank: prev.rank, classLabel: prev.classLabel },
      indexChange: cur.index && prev.index ? subFixed(cur.index, prev.index) : null,
      rankChange: cur.rank !== null && prev.rank !== null ? prev.rank - cur.rank : null,
      classChange: prev.classLabel !== cur.classLabel ? { from: prev.classLabel, to: cur.classLabel } : null,
      derivation: { kind: 'same_unit', predecessors: [cur.unitId], note: 'So sánh với kết quả năm trước của chính đơn vị' },
    };
  }

  if (lineage.derivation === 'single' && lineage.predecessors.length !== 1) {
    return none('Cách so sánh "single" cần đúng một đơn vị tiền thân', lineage.predecessors);
  }
  const preds = lineage.predecessors.map((id) => prevById.get(id));
  const found = preds.filter((p): p is CycleResult => p !== undefined && p.index !== null);
  if (found.length === 0 || found.length !== lineage.predecessors.length) {
    return none('Thiếu kết quả năm trước của đơn vị tiền thân: không so sánh được', lineage.predecessors);
  }
  const single = found.length === 1;
  const index = derive(lineage.derivation, found.map((p) => p.index!), decimals);
  // A rank or class of one predecessor carries over only when it is the one the figure is.
  const rank = single ? found[0]!.rank : null;
  const classLabel = single ? found[0]!.classLabel
    : opts.previousBands ? classifyIndex(opts.previousBands, index)?.label ?? null : null;
  const note = `Chỉ số năm trước ${DERIVATION_VI[lineage.derivation]}: ${found.map(label).join('; ')}`
    + (single ? '' : ` = ${formatFixed(index)}`);
  return {
    ...base,
    previous: { index, rank, classLabel },
    indexChange: cur.index ? subFixed(cur.index, index) : null,
    rankChange: cur.rank !== null && rank !== null ? rank - cur.rank : null,
    classChange: classLabel !== null && classLabel !== cur.classLabel ? { from: classLabel, to: cur.classLabel } : null,
    derivation: { kind: lineage.derivation, predecessors: lineage.predecessors, note },
  };
}

/** Compare each current result with the earlier cycle (through the lineage when given). */
export function compareCycles(
  current: readonly CycleResult[],
  previous: readonly CycleResult[],
  opts: CompareOptions = {},
): CycleComparison[] {
  const prevById = new Map(previous.map((p) => [p.unitId, p]));
  const lineageById = new Map((opts.lineage ?? []).map((l) => [l.unitId, l]));
  return current.map((c) => compareOne(c, prevById, lineageById.get(c.unitId), opts));
}
