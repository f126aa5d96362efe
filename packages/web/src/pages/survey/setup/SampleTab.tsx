/** Survey tab (issue 13), placeholder until its part lands. */
export function SampleTab({ surveyId }: { surveyId: string }) {
  return <div data-survey={surveyId} />;
}
