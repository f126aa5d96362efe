/** History across the 2025 reorganisation: the published results of a unit's predecessors (public, no login). */
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { GroupPredecessorResults } from '@chiso/contract';

export type { GroupPredecessorResults, Predecessor, PredecessorResult, PredecessorResults } from '@chiso/contract';

const enc = encodeURIComponent;

/** For every unit of a published group that has predecessors: theirs and their published results. */
export function useGroupPredecessorResults(cycleId: string | undefined, groupId: string | undefined) {
  return useQuery({
    queryKey: ['public', 'predecessors', cycleId, groupId],
    queryFn: ({ signal }) => api<GroupPredecessorResults>(`/public/results/${enc(cycleId ?? '')}/${enc(groupId ?? '')}/predecessors`, { signal, silentAuth: true }),
    enabled: !!cycleId && !!groupId,
  });
}

