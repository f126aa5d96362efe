/** Remediation plans' status (a unit: its own plan) on the follow-up dashboard — issue 12; filled in by its owner (null: nothing for this reader). */
export function RemediationSummaryCard() {
  return null;
}
