/**
 * Assessment cycles, the unit's side — types and query hooks for the "Assessment cycles
 * (kỳ đánh giá)" section of docs/api.md: the actor's work, one unit's self-assessment,
 * criterion autosave, answers to requests, unit workflow actions and the DOCX report.
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Issue, NodeInput, UnitAction, UnitState } from '@chiso/core';
import { api, buildUrl } from './client';
import type { Evidence } from './evidence';
import { mergeSaved, type SavedCriterionView } from './assessment-status';
import type { PublishedResult, UnitOutcome } from './unit-outcome';
import type { Items, UnitRef } from './types';

/** Decimal text from the server ("0.750"); numbers are accepted too. */
export type DecimalString = string;

export interface AllowedAction {
  action: UnitAction;
  label: string;
  allowed: boolean;
  reasonRequired: boolean;
  refusal?: { code: string; message: string };
}

export interface SelfScore {
  achieved: DecimalString | number | null;
  applicableMax: DecimalString | number | null;
  index: DecimalString | number | null;
}

export interface AssessmentSummary {
  cycleId: string;
  cycleName: string;
  year: number;
  unit: UnitRef;
  state: UnitState;
  progress: { filled: number; applicable: number };
  selfScore: SelfScore;
  deadline: string | null;
  allowedActions: AllowedAction[];
  /** The unit's own published result, once its group is published. */
  published?: PublishedResult | null;
  /** How the submission came about; while returned for revision, why and until when. */
  submissionMode?: 'unit' | 'on_behalf' | 'not_submitted' | null;
  returnReason?: string | null;
  revisionDeadline?: string | null;
}

export interface Calendar {
  selfAssessmentOpens?: string;
  selfAssessmentDeadline: string;
  appraisalFrom?: string;
  appraisalTo?: string;
  explanationFrom?: string;
  explanationTo?: string;
  councilDate?: string;
  publicationDate?: string;
}

export interface CycleSummary {
  id: string;
  program: { code: string; name: string };
  year: number;
  name: string;
  status: 'setup' | 'open' | 'closed';
  groupSetId: string;
  calendar: Calendar;
  policy: { evidenceRequiredForPoints: boolean; explanationRequiredWithoutEvidence: boolean };
  version: number;
  may: { edit: boolean; open: boolean };
}

export interface RequestAnswer {
  text: string;
  evidence: Evidence[];
  answeredAt: string;
}

export interface ExplanationRequestView {
  id: string;
  kind: 'explanation' | 'evidence';
  message: string;
  deadline: string;
  requestedAt: string;
  agency?: string | null;
  answer?: RequestAnswer | null;
}

export interface CriterionView {
  id: string;
  nodeKey: string;
  status: string;
  self: {
    input: NodeInput | null;
    points: DecimalString | null;
    explanation: string | null;
    evidence: Evidence[];
  };
  appraisal?: { kind: string; value: unknown; points: DecimalString | null; reason: string | null; agency: string | null; decidedAt: string } | null;
  council?: { value: unknown; points: DecimalString | null; reason: string | null; approved: boolean } | null;
  requests: ExplanationRequestView[];
  version: number;
  may: { edit: boolean; answer: boolean; decide?: boolean; request?: boolean; propose?: boolean; approve?: boolean };
}

export interface Assessment {
  cycle: CycleSummary;
  unit: UnitRef;
  groupName: string;
  state: UnitState;
  version: number;
  /** Canonical framework JSON (docs/framework-format.md). */
  framework: Record<string, unknown>;
  records: Record<string, CriterionView>;
  selfScore: SelfScore;
  /** The unit's own deadline: an extension or a revision deadline counts. */
  deadline: string;
  submissionIssues: (Issue & { severity?: 'error' | 'warning' })[];
  allowedActions: AllowedAction[];
  /** Sum of the unit's record versions: orders statuses (api/assessment-status.ts). */
  revision: number;
  progress: { filled: number; applicable: number };
  /** The unit's results once the appraisal is complete for it (null before). */
  outcome: UnitOutcome | null;
  submissionMode?: 'unit' | 'on_behalf' | 'not_submitted' | null;
  returnReason?: string | null;
  revisionDeadline?: string | null;
}

export interface CriterionSave {
  version: number;
  input?: NodeInput | null;
  explanation?: string;
  evidenceIds?: string[];
}

const KEY = 'assessments';

export const myAssessmentsQuery = queryOptions({
  queryKey: [KEY, 'mine'],
  queryFn: ({ signal }) => api<Items<AssessmentSummary>>('/my/assessments', { signal }),
});

export function useMyAssessments() {
  return useQuery(myAssessmentsQuery);
}

export function assessmentQuery(cycleId: string, unitId: string) {
  return queryOptions({
    queryKey: [KEY, 'one', cycleId, unitId],
    queryFn: ({ signal }) => api<Assessment>(`${unitPath(cycleId, unitId)}/assessment`, { signal }),
    // The page holds the officer's drafts over it: never refetch under them on focus.
    refetchOnWindowFocus: false,
  });
}

export function useAssessment(cycleId: string, unitId: string) {
  return useQuery(assessmentQuery(cycleId, unitId));
}

function unitPath(cycleId: string, unitId: string): string {
  return `/cycles/${encodeURIComponent(cycleId)}/units/${encodeURIComponent(unitId)}`;
}

/** PUT one criterion (autosave). A stale version gets 409 CONFLICT with the current view in details[0].current. */
export function saveCriterion(cycleId: string, unitId: string, nodeKey: string, body: CriterionSave): Promise<SavedCriterionView> {
  return api<SavedCriterionView>(`${unitPath(cycleId, unitId)}/criteria/${encodeURIComponent(nodeKey)}`, { method: 'PUT', body });
}

/**
 * Puts a criterion view returned by the server into the cached assessment, with the assessment's
 * status that came with a save or an answer (total, checks, actions: current without a reload).
 */
export function useStoreCriterion(cycleId: string, unitId: string) {
  const qc = useQueryClient();
  return (view: SavedCriterionView) => {
    qc.setQueryData(assessmentQuery(cycleId, unitId).queryKey, (a) => (a ? mergeSaved(a, view) : a));
    // The work list's progress and total changed too: fetched again when next shown.
    if (view.assessment) void qc.invalidateQueries({ queryKey: [KEY, 'mine'], refetchType: 'none' });
  };
}

export function useAnswerRequest(cycleId: string, unitId: string) {
  const store = useStoreCriterion(cycleId, unitId);
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ nodeKey, ...body }: { nodeKey: string; version: number; text: string; evidenceIds: string[] }) =>
      api<SavedCriterionView>(`${unitPath(cycleId, unitId)}/criteria/${encodeURIComponent(nodeKey)}/answer`, { method: 'POST', body }),
    onSuccess: async (v) => {
      store(v);
      // The unit's state and allowed actions may follow from the answer.
      await qc.invalidateQueries({ queryKey: [KEY] });
    },
  });
}

export function useUnitAction(cycleId: string, unitId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ action, reason }: { action: UnitAction; reason?: string }) =>
      api<AssessmentSummary>(`${unitPath(cycleId, unitId)}/actions/${encodeURIComponent(action)}`, {
        method: 'POST',
        body: reason ? { reason } : {},
      }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: [KEY] });
    },
  });
}

export function reportUrl(cycleId: string, unitId: string): string {
  return buildUrl(`${unitPath(cycleId, unitId)}/report.docx`);
}
