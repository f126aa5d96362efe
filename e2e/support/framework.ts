/**
 * The framework document as journeys read it through the API, an input giving a leaf its full points,
 * and calendar dates relative to today.
 */
import type { FrameworkDocumentNode, NodeInputBody } from '@chiso/contract';

/** A node of the framework document, as the contract types it (a leaf carries its `rule`). */
export type FrameworkNode = FrameworkDocumentNode;

/** An input giving the leaf its full points, per its rule (none for survey and bonus leaves). */
export function fullInput(n: FrameworkNode): NodeInputBody | undefined {
  const r = n.rule!;
  switch (r.type) {
    case 'choice': {
      const best = [...r.options].sort((a, b) => Number(b.points) - Number(a.points))[0];
      return best ? { kind: 'choice', option: best.key } : undefined;
    }
    case 'yes_no': return { kind: 'yes_no', value: true };
    case 'rate_tiers': case 'proportional': case 'data_feed': return { kind: 'rate', numerator: '10', denominator: '10' };
    case 'manual': return { kind: 'manual', points: n.maxPoints };
    case 'deduction': return { kind: 'count', occurrences: 0 };
    default: return undefined;
  }
}

const DAY = 86_400_000;

/** n days from today, at the start or the end of the day in Asia/Ho_Chi_Minh, as an ISO instant. */
export function vnDay(n: number, end = false): string {
  const d = new Date(Date.now() + 7 * 3_600_000 + n * DAY).toISOString().slice(0, 10);
  return new Date(`${d}T${end ? '23:59:59.000' : '00:00:00.000'}+07:00`).toISOString();
}
