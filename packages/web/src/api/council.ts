/** Council (Hội đồng thẩm định) and publication (công bố) — docs/api.md. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, buildUrl } from './client';
import type { AllowedAction } from './assessments';
import type { UnitState } from './cycles';
import type { ResultSnapshot } from './results';

/** A person named in a council decision. */
export interface PersonRef {
  id: string;
  name: string;
}

/** The council's proposal on a criterion: pending or approved, with who proposed and why. */
export interface CouncilProposal {
  points: string | null;
  notApplicable: boolean;
  reason: string;
  approved: boolean;
  proposedAt: string;
  proposedBy: PersonRef | null;
  approvedBy: PersonRef | null;
}

export interface DisputedCriterion {
  nodeKey: string;
  code: string;
  name: string;
  self: string | null;
  appraised: string | null;
  council: string | null;
  proposed: string | null;
  reasons: string[];
  /** The appraiser's reason for the appraised score. */
  appraisalReason: string | null;
  proposal: CouncilProposal | null;
  /** The criterion record's version, for propose / approve / reject. */
  version: number;
  /** What the reader may do now (the chair never decides on their own proposal). */
  may: { propose: boolean; approve: boolean };
}

export interface CouncilRow {
  unit: { id: string; code: string; name: string };
  state: UnitState;
  submissionMode?: 'unit' | 'on_behalf' | 'not_submitted' | null;
  selfTotal: string | number | null;
  finalTotal: string | number | null;
  difference: string | number | null;
  applicableMax: string | number | null;
  index: string | number | null;
  rank: number | null;
  classLabel: string | null;
  disputed: DisputedCriterion[];
  /** The server's unit actions for the reader (the core decides: e.g. only the chair approves). */
  allowedActions: AllowedAction[];
}

export interface CouncilTable {
  group: { id: string; name: string } & Record<string, unknown>;
  rows: CouncilRow[];
}

const enc = encodeURIComponent;

export function useCouncilTable(cycleId: string | undefined, groupId: string | undefined) {
  return useQuery({
    queryKey: ['council', cycleId, groupId],
    queryFn: ({ signal }) => api<CouncilTable>(`/cycles/${enc(cycleId ?? '')}/council`, { query: { groupId }, signal }),
    enabled: !!cycleId && !!groupId,
  });
}

export function councilExportUrl(cycleId: string, groupId: string): string {
  return buildUrl(`/cycles/${enc(cycleId)}/council/export`, { groupId, format: 'xlsx' });
}

function usePublicationMutation<TVars>(fn: (v: TVars) => Promise<ResultSnapshot>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['council'] });
      await qc.invalidateQueries({ queryKey: ['cycles'] });
      await qc.invalidateQueries({ queryKey: ['public'] });
    },
  });
}

export const usePublishGroup = () =>
  usePublicationMutation(({ cycleId, groupId, decisionNumber }: { cycleId: string; groupId: string; decisionNumber?: string }) =>
    api<ResultSnapshot>(`/cycles/${enc(cycleId)}/groups/${enc(groupId)}/publish`, { method: 'POST', body: { decisionNumber } }));

export const useAmendGroup = () =>
  usePublicationMutation(({ cycleId, groupId, ...body }: { cycleId: string; groupId: string; reason: string; decisionNumber?: string }) =>
    api<ResultSnapshot>(`/cycles/${enc(cycleId)}/groups/${enc(groupId)}/amend`, { method: 'POST', body }));
