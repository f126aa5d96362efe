/** The anonymous survey form behind a single-use link (issue 13). Placeholder until the collection part lands. */
export function SurveyFormPage({ token }: { token: string }) {
  return <div data-token={token}>Phiếu khảo sát</div>;
}
