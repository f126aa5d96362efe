/** The follow-up pages' search parameters: plain strings (a cycle, a unit, a year, a tab…), each page reads its own. */
export type FollowUpSearch = Record<string, string | undefined>;

export function followUpSearch(s: Record<string, unknown>): FollowUpSearch {
  const out: FollowUpSearch = {};
  for (const [k, v] of Object.entries(s)) if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
  return out;
}
