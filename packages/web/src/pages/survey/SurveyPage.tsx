import { QuestionnairesTab } from './setup/QuestionnairesTab';
import { SampleTab } from './setup/SampleTab';
import { LinksTab } from './collection/LinksTab';
import { PaperEntryTab } from './entry/PaperEntryTab';
import { ImportTab } from './entry/ImportTab';
import { QualityTab } from './results/QualityTab';
import { ResultsTab } from './results/ResultsTab';

/** One survey: its tabs, each from its part's folder (issue 13). Placeholder layout until the setup part lands. */
export function SurveyPage({ surveyId }: { surveyId: string }) {
  return (
    <div>
      <QuestionnairesTab surveyId={surveyId} />
      <SampleTab surveyId={surveyId} />
      <LinksTab surveyId={surveyId} />
      <PaperEntryTab surveyId={surveyId} />
      <ImportTab surveyId={surveyId} />
      <QualityTab surveyId={surveyId} />
      <ResultsTab surveyId={surveyId} />
    </div>
  );
}
