/** Survey tab (issue 13), placeholder until its part lands. */
export function QualityTab({ surveyId }: { surveyId: string }) {
  return <div data-survey={surveyId} />;
}
