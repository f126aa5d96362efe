/**
 * Classification (xếp loại) by bands: the first band (highest first) whose inclusive lower
 * bound the index reaches. Compared exactly.
 */
import { type Fixed, fixedToRational } from '../decimal/fixed.ts';
import { compareRational, type Rational, rationalFromDecimal } from '../decimal/rational.ts';
import type { Band, Framework } from '../framework/types.ts';

/**
 * The usual class labels, best first: the order of results whose year has no framework bands
 * (an imported year), and the order charts and tables sort labels in (other labels after, then unclassified).
 */
export const USUAL_CLASS_ORDER: readonly string[] = ['Xuất sắc', 'Tốt', 'Khá', 'Trung bình', 'Yếu', 'Kém'];

function isFixed(v: Rational | Fixed): v is Fixed {
  return 'units' in v;
}

/** Band of an index (exact Rational or published Fixed); null when below every band. */
export function classifyIndex(bands: readonly Band[], index: Rational | Fixed | null): Band | null {
  if (index === null) return null;
  const value = isFixed(index) ? fixedToRational(index) : index;
  for (const b of bands) {
    if (compareRational(value, rationalFromDecimal(b.minPercent)) >= 0) return b;
  }
  return null;
}

/**
 * Classify a scored unit by the framework's bands, on the same basis the framework ranks
 * on (published index by default, since the published figure is what is classified).
 */
export function classifyScore(
  framework: Framework,
  score: { readonly index: Rational | null; readonly publishedIndex: Fixed | null },
): Band | null {
  const value = framework.settings.ranking.basis === 'exact' ? score.index : score.publishedIndex;
  return classifyIndex(framework.settings.classification.bands, value);
}
