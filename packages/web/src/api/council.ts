/** Council (Hội đồng thẩm định) and publication (công bố) — docs/api.md. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, buildUrl } from './client';
import type { AmendBody, CouncilTable } from '@chiso/contract';
import type { ResultSnapshot } from './results';

export type { CouncilProposal, CouncilRow, CouncilTable, DisputedCriterion, PersonRef } from '@chiso/contract';

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
  usePublicationMutation(({ cycleId, groupId, ...body }: { cycleId: string; groupId: string } & AmendBody) =>
    api<ResultSnapshot>(`/cycles/${enc(cycleId)}/groups/${enc(groupId)}/amend`, { method: 'POST', body }));
