/** Appraisal (thẩm định) — the agency's criteria × units matrix and its decisions (docs/api.md). */
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, buildUrl } from './client';
import { useRefreshingMutation } from './mutations';
import type { CriterionView } from './cycles';
import type { AppraisalDecision, AppraisalMatrix, AppraisalPending, ExplanationRequest, BulkAccepted, BulkConfirmed, ScoreValue, SuppliedPointsImported } from '@chiso/contract';

export type { AppraisalCriterion, AppraisalDecision, AppraisalMatrix, AppraisalPending, ScoreValue, SuppliedPointsImported } from '@chiso/contract';

const enc = encodeURIComponent;

/** One page of the agency's units (`offset`, `limit`) among those matching `search` (name or code). */
export interface UnitPage {
  offset: number;
  limit: number;
  search: string;
}

export function useAppraisalMatrix(cycleId: string | undefined, agency: string | undefined, page: UnitPage) {
  return useQuery({
    queryKey: ['appraisal', cycleId, agency ?? null, page.offset, page.limit, page.search],
    queryFn: ({ signal }) => api<AppraisalMatrix>(`/cycles/${enc(cycleId ?? '')}/appraisal`, {
      query: { agency, unitOffset: page.offset, unitLimit: page.limit, unitSearch: page.search || undefined }, signal,
    }),
    enabled: !!cycleId,
    // The page shown stays while the next one loads (the pager and search do not blank the grid).
    placeholderData: keepPreviousData,
  });
}

/** Every cell of the agency the actor may decide now, all pages (keys and versions): the bulk actions'. */
export function useAppraisalPending(cycleId: string | undefined, agency: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['appraisal', cycleId, 'pending', agency ?? null],
    queryFn: ({ signal }) => api<AppraisalPending>(`/cycles/${enc(cycleId ?? '')}/appraisal/pending`, { query: { agency }, signal }),
    enabled: !!cycleId && enabled,
  });
}

/** The matrix pages and the pending cells of a cycle (one key prefix), read again after a change. */
function refreshAppraisal(qc: QueryClient, cycleId: string) {
  return qc.invalidateQueries({ queryKey: ['appraisal', cycleId] });
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
      // The pending list shares the prefix: only a matrix page holding the unit is written.
      qc.setQueriesData<AppraisalMatrix | AppraisalPending>({ queryKey: ['appraisal', v.cycleId] }, (m) => {
        if (!m || !('cells' in m) || !m.cells[v.unitId]) return m;
        return { ...m, cells: { ...m.cells, [v.unitId]: { ...m.cells[v.unitId], [v.nodeKey]: view } } };
      });
      // The cell is current already: confirm at once and refresh the grid and the council behind it
      // (awaiting the refetches held the success message for seconds on a busy server).
      void refreshAppraisal(qc, v.cycleId);
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

/** Items one bulk accept request takes (the API's limit): more are sent in turn. */
const BULK_ACCEPT_MAX = 2000;

export function useBulkAccept() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ cycleId, items }: { cycleId: string; items: { unitId: string; nodeKey: string; version: number }[] }) => {
      const total: BulkAccepted = { accepted: 0, skipped: [] };
      for (let i = 0; i < items.length; i += BULK_ACCEPT_MAX) {
        const r = await api<BulkAccepted>(`/cycles/${enc(cycleId)}/appraisal/bulk-accept`, { method: 'POST', body: { items: items.slice(i, i + BULK_ACCEPT_MAX) } });
        total.accepted += r.accepted;
        total.skipped.push(...r.skipped);
      }
      return total;
    },
    onSettled: async (_r, _e, v) => {
      await refreshAppraisal(qc, v.cycleId);
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
      await refreshAppraisal(qc, v.cycleId);
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
