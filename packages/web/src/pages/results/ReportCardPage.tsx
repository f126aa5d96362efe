/** A unit's report card: index, rank, class, fields, change, lost points and what-if (issue 11 §4–5). */
export function ReportCardPage(_props: { cycleId: string; groupId: string; unitId: string }) {
  return null;
}
