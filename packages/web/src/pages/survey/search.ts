/** The survey page's tabs (issue 13): the active one lives in the URL (`?tab=`), so a link or a reload keeps it. */
export const SURVEY_TABS = ['questionnaires', 'sample', 'links', 'paper', 'import', 'quality', 'results'] as const;
export type SurveyTab = (typeof SURVEY_TABS)[number];

export const surveySearch = (s: Record<string, unknown>): { tab?: SurveyTab } => ({
  tab: (SURVEY_TABS as readonly unknown[]).includes(s.tab) ? (s.tab as SurveyTab) : undefined,
});
