/**
 * What the leaf editor shows beside the inputs: the rate, the points (live while typing, else the
 * server's), the status colour, and how a held value is reported. Pure (no React).
 */
import { type LeafEvaluation, formatPoints, rationalToFixedString } from '@chiso/core';
import { pointsText } from './model';

/** The rate as a percentage with two decimals, the Vietnamese way ("87,50%"); "—" until there is one. */
export function rateText(evaluation: LeafEvaluation | null): string {
  return evaluation?.ratePercent ? `${rationalToFixedString(evaluation.ratePercent, 2).replace('.', ',')}%` : '—';
}

/**
 * The points shown: the server's once saved, the live evaluation while the draft differs (or
 * nothing is saved yet); a leaf declared not applicable reads `naLabel`.
 */
export function shownPoints(p: {
  dirty: boolean; serverPoints: string | null; evaluation: LeafEvaluation | null; notApplicable: boolean; naLabel: string;
}): string {
  if (!p.dirty && p.serverPoints !== null) return pointsText(p.serverPoints);
  if (p.evaluation && p.evaluation.status !== 'not_applicable') return formatPoints(p.evaluation.points);
  return p.notApplicable ? p.naLabel : '—';
}

export function statusColor(status: LeafEvaluation['status']): string {
  return status === 'scored' ? 'blue' : status === 'invalid' ? 'red' : 'default';
}

/** How a held value is reported: a refusal (an alert) or a value still being typed (a note). */
export function heldReport(held: string | undefined): 'alert' | 'note' | null {
  if (held === 'number' || held === 'count' || held === 'invalid') return 'alert';
  return held === 'incomplete' ? 'note' : null;
}
