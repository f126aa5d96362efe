/** Targets met, e.g. "10/18" on the follow-up dashboard — issue 12; filled in by its owner (null: nothing for this reader). */
export function TargetsSummaryCard() {
  return null;
}
