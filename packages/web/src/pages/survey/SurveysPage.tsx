/** The surveys of the reader's cycles (issue 13). Placeholder until the setup part lands. */
export function SurveysPage() {
  return <div>Điều tra xã hội học</div>;
}
