/** The province's external indices, latest and change on the follow-up dashboard — issue 12; filled in by its owner (null: nothing for this reader). */
export function ExternalIndicesCard() {
  return null;
}
