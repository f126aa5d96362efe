/** Points at risk now (a unit: its own list) on the follow-up dashboard — issue 12; filled in by its owner (null: nothing for this reader). */
export function RiskSummaryCard() {
  return null;
}
