/**
 * The assessed unit's results (docs/api.md "UnitOutcome", "PublishedResult"): per criterion the
 * self, appraised, council and effective points with every reason; the totals; after publication
 * the official index, rank and class of the published snapshot.
 */
export type { OutcomeLeaf, OutcomeReasonKind, PublishedResult, ScoreTotals, UnitOutcome } from '@chiso/contract';
