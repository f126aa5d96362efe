import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';

/**
 * A mutation that, once it succeeds, refetches the queries under `refreshes` — but only when it
 * changed something (`changes`, default: always), so a dry-run check does not wait on a refetch.
 */
export function useRefreshingMutation<TVars, TResult>(
  refreshes: QueryKey,
  fn: (v: TVars) => Promise<TResult>,
  changes: (v: TVars) => boolean = () => true,
) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (_result, vars) => {
      if (changes(vars)) await qc.invalidateQueries({ queryKey: refreshes });
    },
  });
}
