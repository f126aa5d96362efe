/** Survey tab (issue 13), placeholder until its part lands. */
export function LinksTab({ surveyId }: { surveyId: string }) {
  return <div data-survey={surveyId} />;
}
