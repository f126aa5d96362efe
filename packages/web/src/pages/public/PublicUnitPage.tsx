/** The public page of one unit: its published results over the years (issue 11 §7). */
export function PublicUnitPage(_props: { path: '/cong-khai' | '/public'; unitId: string }) {
  return null;
}
