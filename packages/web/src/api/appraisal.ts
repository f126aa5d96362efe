/** Appraisal (thẩm định) — the agency's criteria × units matrix and its decisions (docs/api.md). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, buildUrl } from './client';
import { useRefreshingMutation } from './mutations';
import type { CriterionView } from './cycles';
import type { AppraisalDecision, AppraisalMatrix, ExplanationRequest, BulkAccepted, BulkConfirmed, ScoreValue, SuppliedPointsImported } from '@chiso/contract';

export type { AppraisalCriterion, AppraisalDecision, AppraisalMatrix, ScoreValue, SuppliedPointsImported } from '@chiso/contract';

const enc = encodeURIComponent;

export function useAppraisalMatrix(cycleId: string | undefined, agency?: string) {
  return useQuery({
    queryKey: ['appraisal', cycleId, agency ?? null],
    queryFn: ({ signal }) => api<AppraisalMatrix>(`/cycles/${enc(cycleId ?? '')}/appraisal`, { query: { agency }, signal }),
    enabled: !!cycleId,
  });
}

function cellPath(cycleId: string, unitId: string, nodeKey: string, what: string) {
  return `/cycles/${enc(cycleId)}/units/${enc(unitId)}/criteria/${enc(nodeKey)}/${what}`;
}

interface CellRef {
  cycleId: string;
  unitId: string;
  nodeKey: string;
  version: number;
}

/** Writes a returned cell into the cached matrix so the table updates at once. */
function useCellMutation<TVars extends CellRef>(fn: (v: TVars) => Promise<CriterionView>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (view, v) => {
      qc.setQueriesData<AppraisalMatrix>({ queryKey: ['appraisal', v.cycleId] }, (m) => {
        if (!m?.cells[v.unitId]) return m;
        return { ...m, cells: { ...m.cells, [v.unitId]: { ...m.cells[v.unitId], [v.nodeKey]: view } } };
      });
      // The cell is current already: confirm at once and refresh the grid and the council behind it
      // (awaiting the refetches held the success message for seconds on a busy server).
      void qc.invalidateQueries({ queryKey: ['appraisal', v.cycleId] });
      void qc.invalidateQueries({ queryKey: ['council'] });
    },
  });
}

export const useDecide = () =>
  useCellMutation(({ cycleId, unitId, nodeKey, version, decision }: CellRef & { decision: AppraisalDecision }) =>
    api<CriterionView>(cellPath(cycleId, unitId, nodeKey, 'decide'), { method: 'POST', body: { version, decision } }));

export const useRequestExplanation = () =>
  useCellMutation(({ cycleId, unitId, nodeKey, version, ...body }: CellRef & Omit<ExplanationRequest, 'version'>) =>
    api<CriterionView>(cellPath(cycleId, unitId, nodeKey, 'request'), { method: 'POST', body: { version, ...body } }));

export const usePropose = () =>
  useCellMutation(({ cycleId, unitId, nodeKey, version, value, reason }: CellRef & { value: ScoreValue; reason: string }) =>
    api<CriterionView>(cellPath(cycleId, unitId, nodeKey, 'propose'), { method: 'POST', body: { version, value, reason } }));

export const useApproveProposal = () =>
  useCellMutation(({ cycleId, unitId, nodeKey, version }: CellRef) =>
    api<CriterionView>(cellPath(cycleId, unitId, nodeKey, 'approve'), { method: 'POST', body: { version } }));

export const useRejectProposal = () =>
  useCellMutation(({ cycleId, unitId, nodeKey, version, reason }: CellRef & { reason: string }) =>
    api<CriterionView>(cellPath(cycleId, unitId, nodeKey, 'reject'), { method: 'POST', body: { version, reason } }));

export function useBulkAccept() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ cycleId, items }: { cycleId: string; items: { unitId: string; nodeKey: string; version: number }[] }) =>
      api<BulkAccepted>(
        `/cycles/${enc(cycleId)}/appraisal/bulk-accept`, { method: 'POST', body: { items } }),
    onSuccess: async (_r, v) => {
      await qc.invalidateQueries({ queryKey: ['appraisal', v.cycleId] });
    },
  });
}

/** Confirms the not-applicable claims of several units on one criterion: all or nothing (409/422 names the unit). */
export function useBulkConfirmNotApplicable() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ cycleId, nodeKey, items }: { cycleId: string; nodeKey: string; items: { unitId: string; version: number }[] }) =>
      api<BulkConfirmed>(`/cycles/${enc(cycleId)}/appraisal/criteria/${enc(nodeKey)}/confirm-not-applicable`, { method: 'POST', body: { items } }),
    // Refused or not, the matrix is read again: a refusal often means someone else changed a cell.
    onSettled: async (_r, _e, v) => {
      await qc.invalidateQueries({ queryKey: ['appraisal', v.cycleId] });
    },
  });
}

export function evidenceUrl(id: string): string {
  return buildUrl(`/evidence/${enc(id)}/content`);
}

/** The XLSX template: every participating unit × survey criterion, with the points stored so far. */
export function suppliedPointsTemplateUrl(cycleId: string): string {
  return buildUrl(`/cycles/${enc(cycleId)}/supplied-points/template`);
}

export function useImportSuppliedPoints(cycleId: string) {
  return useRefreshingMutation(['council', cycleId], ({ file, dryRun }: { file: File; dryRun: boolean }) => {
    const fd = new FormData();
    fd.append('file', file, file.name);
    return api<SuppliedPointsImported>(`/cycles/${enc(cycleId)}/supplied-points/import`, {
      method: 'POST',
      body: fd,
      query: { dryRun: dryRun ? 'true' : undefined },
    });
  }, ({ dryRun }) => !dryRun);
}
