/** Notices' progress (and a unit's own tasks) on the follow-up dashboard — issue 12; filled in by its owner (null: nothing for this reader). */
export function NoticeProgressCard() {
  return null;
}
