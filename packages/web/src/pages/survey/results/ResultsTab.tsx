/** Survey tab (issue 13), placeholder until its part lands. */
export function ResultsTab({ surveyId }: { surveyId: string }) {
  return <div data-survey={surveyId} />;
}
