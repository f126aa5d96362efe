/**
 * History across the 2025 reorganisation (issue 10 §6): a unit's predecessors — found through its
 * lineage (merges and splits, transitively) — and their published results in earlier cycles, so a
 * commune merged on 1 July 2025 links to its former communes' indexes. Only published snapshots.
 */
import { z } from 'zod';

const unitRef = z.object({
  id: z.string(), code: z.string(), name: z.string(),
  /** Last day the unit existed ("YYYY-MM-DD"); null while it exists. */
  validTo: z.string().nullable(),
});

/** One published result of a predecessor: the latest snapshot of its group in that cycle. */
export const predecessorResultSchema = z.object({
  cycleId: z.string(), cycleName: z.string(), year: z.number().int(), program: z.object({ code: z.string(), name: z.string() }),
  /** The organising unit of the cycle (a district committee before 2025, possibly dissolved since); null: the province's. */
  owner: unitRef.nullable(),
  groupId: z.string(), groupName: z.string(),
  /** Snapshot number (1: the publication; more: an amendment), its decision and date. */
  number: z.number().int(), decisionNumber: z.string().nullable(), publishedAt: z.string(),
  /** As published: index ("81.33"), rank among `rankedUnits`, classification label. */
  index: z.string(), rank: z.number().int(), rankedUnits: z.number().int(), classLabel: z.string().nullable(),
});

/** A predecessor of the unit, how it led to it, and its published results (newest year first). */
export const predecessorSchema = z.object({
  unit: unitRef,
  /** The reorganisation that made it a predecessor: merge or split, on that date ("YYYY-MM-DD"), into `successor`. */
  operation: z.object({ kind: z.enum(['merge', 'split']), date: z.string() }),
  successor: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  results: z.array(predecessorResultSchema),
});

export const predecessorResultsSchema = z.object({
  unit: unitRef,
  /** Every predecessor, nearest first (a predecessor's own predecessors follow it). */
  predecessors: z.array(predecessorSchema),
});

/** For every unit of a published group that has predecessors. */
export const groupPredecessorResultsSchema = z.object({ items: z.array(predecessorResultsSchema) });

export type PredecessorResult = z.output<typeof predecessorResultSchema>;
export type Predecessor = z.output<typeof predecessorSchema>;
export type PredecessorResults = z.output<typeof predecessorResultsSchema>;
export type GroupPredecessorResults = z.output<typeof groupPredecessorResultsSchema>;
