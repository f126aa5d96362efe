/**
 * Which earlier published results a unit compares against, year by year, through its lineage
 * (merges and splits). Pure. Rules:
 * - the unit's own result in that year: `same`;
 * - otherwise its nearest predecessors with a result that year (a predecessor is left out when a
 *   unit between it and this one has its own result that year): one, whose every link to this unit
 *   went to this unit alone (a rename, a merge absorbing one unit) → `same`; one that also went to
 *   other successors → `split`; several → `merged`.
 */
import type { ComparisonBasis, YoyEarlierResult, YoyEarlierYear } from './year-over-year.ts';

/** A predecessor of a unit, with the successor it went to on the way to that unit. */
export interface YoyAncestor {
  readonly unitId: string;
  readonly successorId: string;
}

export interface YoyDatedResult {
  readonly year: number;
  readonly result: YoyEarlierResult;
}

export interface YoyLineageInput {
  readonly unitId: string;
  /** The unit's predecessors, transitively. */
  readonly ancestors: readonly YoyAncestor[];
  /** Lineage links ("predecessor→successor") whose predecessor also went to other successors in that operation. */
  readonly splitLinks: ReadonlySet<string>;
  /** Published results per unit id (of the unit and its predecessors), the preferred first within a year. */
  readonly results: ReadonlyMap<string, readonly YoyDatedResult[]>;
}

export const lineageLink = (predecessorId: string, successorId: string) => `${predecessorId}→${successorId}`;

/** The unit's earlier years, newest first. */
export function earlierYears(input: YoyLineageInput): YoyEarlierYear[] {
  const successorOf = new Map(input.ancestors.map((a) => [a.unitId, a.successorId]));
  /** The units from a predecessor up to (not including) the unit, and whether a link on the way is a split. */
  const chain = (from: string) => {
    const units: string[] = [];
    let split = false;
    let at = from;
    for (let guard = 0; at !== input.unitId && guard <= input.ancestors.length; guard++) {
      units.push(at);
      const next = successorOf.get(at);
      if (next === undefined) break;
      if (input.splitLinks.has(lineageLink(at, next))) split = true;
      at = next;
    }
    return { units, split };
  };
  const resultIn = (unitId: string, year: number) => input.results.get(unitId)?.find((r) => r.year === year)?.result;
  const years = new Set<number>();
  for (const id of [input.unitId, ...input.ancestors.map((a) => a.unitId)]) for (const r of input.results.get(id) ?? []) years.add(r.year);

  const out: YoyEarlierYear[] = [];
  for (const year of [...years].sort((a, b) => b - a)) {
    const own = resultIn(input.unitId, year);
    if (own) {
      out.push({ year, basis: 'same', results: [own] });
      continue;
    }
    const contributors = input.ancestors
      .filter((a) => resultIn(a.unitId, year) !== undefined)
      .map((a) => ({ id: a.unitId, ...chain(a.unitId) }))
      .filter((c) => c.units.slice(1).every((between) => resultIn(between, year) === undefined));
    if (contributors.length === 0) continue;
    const basis: ComparisonBasis = contributors.length > 1 ? 'merged' : contributors[0]!.split ? 'split' : 'same';
    const results = contributors.map((c) => resultIn(c.id, year)!).sort((a, b) => a.unitCode.localeCompare(b.unitCode));
    out.push({ year, basis, results });
  }
  return out;
}
