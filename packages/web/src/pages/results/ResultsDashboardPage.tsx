/** Published results as charts: the leaders' home (issue 11 §3). */
export interface ResultsSearch {
  cycle?: string;
  group?: string;
}

export function ResultsDashboardPage(_props: { search: ResultsSearch }) {
  return null;
}
