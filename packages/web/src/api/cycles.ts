/**
 * Assessment cycles (kỳ đánh giá) — set-up, progress and unit actions of docs/api.md
 * ("Assessment cycles — issue 4"). Shared record types (CriterionView…) live here too.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Items } from './types';
import type { Evidence } from './evidence';

export type CycleStatus = 'setup' | 'open' | 'closed';

export type UnitState =
  | 'draft' | 'submitted' | 'in_appraisal' | 'explanation_requested' | 'explained' | 'appraised'
  | 'council_reviewed' | 'approved' | 'published' | 'returned_for_revision';

export type CriterionStatus =
  | 'draft' | 'pending' | 'explanation_requested' | 'explained' | 'appraised' | 'council_proposed' | 'council_approved';

export interface Calendar {
  selfAssessmentOpens?: string | null;
  selfAssessmentDeadline: string;
  appraisalFrom: string;
  appraisalTo: string;
  explanationFrom: string;
  explanationTo: string;
  councilDate: string;
  publicationDate: string;
}

export const CALENDAR_FIELDS = [
  'selfAssessmentOpens', 'selfAssessmentDeadline', 'appraisalFrom', 'appraisalTo',
  'explanationFrom', 'explanationTo', 'councilDate', 'publicationDate',
] as const;
export type CalendarField = (typeof CALENDAR_FIELDS)[number];
/** Fields that close a period: inclusive, to the end of the day in Asia/Ho_Chi_Minh. */
export const CALENDAR_END_OF_DAY: readonly CalendarField[] = ['selfAssessmentDeadline', 'appraisalTo', 'explanationTo'];

export interface CyclePolicy {
  evidenceRequiredForPoints: boolean;
  explanationRequiredWithoutEvidence: boolean;
  /** How a unit recorded as not submitted is appraised: on its entries, or on nothing (0 points). */
  nonSubmittedScoring?: 'entries' | 'nothing';
}

/** How the unit's submission came about, and why it was returned (docs/api.md "UnitNotes"). */
export interface UnitNotes {
  submissionMode?: 'unit' | 'on_behalf' | 'not_submitted' | null;
  returnReason?: string | null;
  revisionDeadline?: string | null;
}

export interface CycleSummary {
  id: string;
  program: { code: string; name: string };
  year: number;
  name: string;
  status: CycleStatus;
  groupSetId: string;
  calendar: Calendar;
  policy: CyclePolicy;
  version: number;
  /** The council member who chairs the council (approves final scores). */
  councilChairUserId?: string | null;
  may: { edit: boolean; open: boolean };
}

export interface CycleUnit extends UnitNotes {
  unitId: string;
  code: string;
  name: string;
  groupId: string;
  state: UnitState;
  extensionUntil: string | null;
  extensionReason: string | null;
  submittedAt: string | null;
}

export interface Cycle extends CycleSummary {
  groups: { groupId: string; groupName: string; frameworkVersionId: string; frameworkName: string }[];
  agencies: { agencyCode: string; agencyName: string; unitId: string; unitName: string }[];
  reassignments: { id: string; frameworkVersionId: string; nodeKey: string; nodeCode: string; agencyCode: string; reason: string; createdAt: string }[];
  units: CycleUnit[];
}

export interface GroupSet {
  id: string;
  code: string;
  name: string;
  version: number;
  groups: { id: string; code: string; name: string; version: number; memberIds: string[] }[];
}


/** A value as the server presents it; points are decimal strings ("0.750"). */
export interface CriterionView {
  id: string;
  nodeKey: string;
  status: CriterionStatus;
  self: { input: Record<string, unknown> | null; points: string | null; explanation: string | null; evidence: Evidence[] };
  appraisal?: { kind: string; value: unknown; points: string | null; reason: string | null; agency: string | null; decidedAt: string } | null;
  council?: { value: unknown; points: string | null; reason: string | null; approved: boolean } | null;
  requests: {
    id: string; kind: 'explanation' | 'evidence'; message: string; deadline: string; requestedAt: string; agency: string | null;
    answer?: { text: string; evidence: Evidence[]; answeredAt: string } | null;
  }[];
  version: number;
  /** The criterion's appraising agency is this unit itself: the administrator or the council appraises it instead. */
  ownAgencyUnit?: boolean;
  may: { edit: boolean; answer: boolean; decide: boolean; request: boolean; propose: boolean; approve: boolean };
}

export interface UnitProgress extends UnitNotes {
  unitId: string;
  code?: string;
  name?: string;
  unitName?: string;
  state: UnitState;
  applicableLeaves: number;
  filledLeaves: number;
  submitted: boolean;
  appraisedLeaves: number;
  openRequests: number;
  deadline: string | number;
  overdue: ('self_assessment' | 'explanation' | 'appraisal')[];
  /** For the administrator: submit on behalf, record as not submitted, return for revision. */
  actions?: { action: string; label: string; allowed: boolean; reasonRequired?: boolean; refusal?: { code: string; message: string } }[];
}

export interface AgencyProgress {
  agency: string;
  agencyName?: string;
  assigned: number;
  appraised: number;
  pending: number;
  openRequests: number;
  overdue: number;
  units: number;
}

export interface CycleProgress {
  units: UnitProgress[];
  agencies: AgencyProgress[];
  totals: { units: number; submitted: number; appraised: number; overdue: number; filledLeaves: number; applicableLeaves: number };
}

export interface AssessmentSummary {
  cycleId: string;
  cycleName: string;
  year: number;
  unit: { id: string; code: string; name: string };
  state: UnitState;
  allowedActions?: { action: string; label: string; allowed: boolean; reasonRequired?: boolean; refusal?: string }[];
}

const KEY = 'cycles';
const enc = encodeURIComponent;

export function useCycles() {
  return useQuery({ queryKey: [KEY, 'list'], queryFn: ({ signal }) => api<Items<CycleSummary>>('/cycles', { signal }) });
}

export function useCycle(id: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'one', id],
    queryFn: ({ signal }) => api<Cycle>(`/cycles/${enc(id ?? '')}`, { signal }),
    enabled: !!id,
  });
}

export function useCycleProgress(id: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'progress', id],
    queryFn: ({ signal }) => api<CycleProgress>(`/cycles/${enc(id ?? '')}/progress`, { signal }),
    enabled: !!id,
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

export function useGroupSets() {
  return useQuery({
    queryKey: ['group-sets'],
    queryFn: ({ signal }) => api<Items<GroupSet>>('/group-sets', { signal }),
    staleTime: 5 * 60_000,
  });
}

/** Mutations on one cycle: the answer replaces the cached cycle; lists and progress refresh. */
function useCycleMutation<TVars, TResult>(fn: (v: TVars) => Promise<TResult>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (r) => {
      if (r && typeof r === 'object' && 'id' in r && 'groups' in r) qc.setQueryData([KEY, 'one', (r as unknown as Cycle).id], r);
      await qc.invalidateQueries({ queryKey: [KEY] });
    },
  });
}

export interface NewCycle {
  programCode: string;
  year: number;
  name: string;
  groupSetId: string;
  calendar: Calendar;
  policy?: CyclePolicy;
}

export const useCreateCycle = () => useCycleMutation((body: NewCycle) => api<Cycle>('/cycles', { method: 'POST', body }));

export const useUpdateCycle = () =>
  useCycleMutation(({ id, ...body }: { id: string; version: number; name?: string; calendar?: Calendar; policy?: CyclePolicy; councilChairUserId?: string | null }) =>
    api<Cycle>(`/cycles/${enc(id)}`, { method: 'PATCH', body }));

export const useSetCycleGroups = () =>
  useCycleMutation(({ id, ...body }: { id: string; version: number; groups: { groupId: string; frameworkVersionId: string }[] }) =>
    api<Cycle>(`/cycles/${enc(id)}/groups`, { method: 'PUT', body }));

export const useSetCycleAgencies = () =>
  useCycleMutation(({ id, ...body }: { id: string; version: number; agencies: { agencyCode: string; unitId: string }[] }) =>
    api<Cycle>(`/cycles/${enc(id)}/agencies`, { method: 'PUT', body }));

export const useReassignCriterion = () =>
  useCycleMutation(({ id, ...body }: { id: string; frameworkVersionId: string; nodeKey: string; agencyCode: string; reason: string }) =>
    api<Cycle>(`/cycles/${enc(id)}/reassignments`, { method: 'POST', body }));

export const useSetCycleUnits = () =>
  useCycleMutation(({ id, ...body }: { id: string; version: number; unitIds: string[] }) =>
    api<Cycle>(`/cycles/${enc(id)}/units`, { method: 'PUT', body }));

export const useExtendDeadline = () =>
  useCycleMutation(({ id, unitId, ...body }: { id: string; unitId: string; until: string; reason: string }) =>
    api<Cycle>(`/cycles/${enc(id)}/units/${enc(unitId)}/extension`, { method: 'POST', body }));

export const useOpenCycle = () =>
  useCycleMutation(({ id, version }: { id: string; version: number }) =>
    api<Cycle>(`/cycles/${enc(id)}/open`, { method: 'POST', body: { version } }));

/** A unit workflow action (complete_appraisal, record_council_review, approve…). */
export function useUnitAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ cycleId, unitId, action, ...body }: { cycleId: string; unitId: string; action: string; reason?: string; revisionDeadline?: string }) =>
      api<AssessmentSummary>(`/cycles/${enc(cycleId)}/units/${enc(unitId)}/actions/${enc(action)}`, { method: 'POST', body }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: [KEY] });
      await qc.invalidateQueries({ queryKey: ['appraisal'] });
      await qc.invalidateQueries({ queryKey: ['council'] });
    },
  });
}

/** Date picked in the UI (YYYY-MM-DD) → ISO instant: start or end of that day in Asia/Ho_Chi_Minh. */
export function dayToInstant(date: string, endOfDay: boolean): string {
  return new Date(`${date}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}+07:00`).toISOString();
}

/** ISO instant → the date (YYYY-MM-DD) it falls on in Asia/Ho_Chi_Minh. */
export function instantToDay(value: string | number | null | undefined): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const d = new Date(typeof value === 'number' ? value : value);
  if (Number.isNaN(d.getTime())) return undefined;
  return new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}
