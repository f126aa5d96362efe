/**
 * Scoring the survey into the cycle (issue 13 §5): per rated unit and survey criterion, exact, from
 * the valid responses; written to survey_scores and fed to the cycle's supplied points; audited.
 * Placeholder until the results part lands: the import and the closing already call it.
 */
import type { Executor } from '../../db/client';
import type { Actor } from '../actor';

export interface RescoreResult {
  /** Rated units with at least one scored criterion. */
  units: number;
  /** Unit × criterion scores written. */
  scores: number;
  /** Unit × criterion scores withheld or flagged for too few respondents. */
  belowMinimum: number;
}

/** Recomputes every score of the survey inside the caller's transaction; `reason` goes to the audit ("Nhập tệp …", "Đóng cuộc điều tra"). */
export async function rescoreSurvey(_tx: Executor, _actor: Actor, _surveyId: string, _reason: string): Promise<RescoreResult> {
  return { units: 0, scores: 0, belowMinimum: 0 };
}
