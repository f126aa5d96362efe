/** Pure display logic of the remediation pages (no React): points, the quarter a plan is at. */
import { formatDecimal, todayIso } from '../../../format';

/** Points from the server ("2.5") as people read them, two decimals at least ("2,50"). */
export const planPoints = (text: string | null): string => formatDecimal(text, { group: true, minDecimals: 2 });

/**
 * The quarter of the plan's year to show now: today's in the plan's year, the first before it, the
 * last after it (the plan's year is over).
 */
export function currentQuarter(planYear: number, today: string = todayIso()): 1 | 2 | 3 | 4 {
  const year = Number(today.slice(0, 4));
  if (year < planYear) return 1;
  if (year > planYear) return 4;
  return (Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1) as 1 | 2 | 3 | 4;
}

/** Quarters as Vietnamese documents write them: Quý I … Quý IV. */
export const romanQuarter = (q: number): string => ['I', 'II', 'III', 'IV'][q - 1] ?? String(q);
