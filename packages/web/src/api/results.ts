/** Public results (no login) — published, immutable snapshots per program, year and group. */
import { useQuery } from '@tanstack/react-query';
import { api, buildUrl } from './client';
import type { Items } from './types';

export interface PublishedGroup {
  cycleId: string;
  program: { code: string; name: string } | string;
  year: number;
  groupId: string;
  groupName: string;
  latestNumber: number;
  publishedAt: string;
}

export interface SnapshotField {
  fieldKey: string;
  code: string;
  name: string;
  achieved: string | number;
  applicableMax: string | number;
  componentIndex: string | number | null;
}

export interface SnapshotRow {
  unitId: string;
  unitCode: string;
  unitName: string;
  achieved: string | number;
  bonus: string | number | null;
  applicableMax: string | number;
  index: string | number | null;
  rank: number | null;
  classLabel: string | null;
  fields: SnapshotField[];
}

export interface ResultSnapshot {
  id: string;
  cycleId: string;
  groupId: string;
  groupName: string;
  number: number;
  decisionNumber: string | null;
  reason: string | null;
  createdAt: string;
  rows: SnapshotRow[];
  /** SHA-256 of the snapshot's canonical document (public results only; see docs/security.md). */
  hash?: string | null;
}

const enc = encodeURIComponent;

export function usePublishedResults() {
  return useQuery({
    queryKey: ['public', 'list'],
    queryFn: ({ signal }) => api<Items<PublishedGroup>>('/public/results', { signal, silentAuth: true }),
  });
}

export function useResultSnapshot(cycleId: string | undefined, groupId: string | undefined, num?: number) {
  return useQuery({
    queryKey: ['public', 'snapshot', cycleId, groupId, num ?? null],
    queryFn: ({ signal }) =>
      api<ResultSnapshot>(`/public/results/${enc(cycleId ?? '')}/${enc(groupId ?? '')}`, { query: { number: num }, signal, silentAuth: true }),
    enabled: !!cycleId && !!groupId,
  });
}

export function resultsExportUrl(cycleId: string, groupId: string, num?: number): string {
  return buildUrl(`/public/results/${enc(cycleId)}/${enc(groupId)}/export`, { format: 'xlsx', number: num });
}

/** The snapshot's canonical document: its SHA-256 is the printed check code. */
export function snapshotDocumentUrl(cycleId: string, groupId: string, num?: number): string {
  return buildUrl(`/public/results/${enc(cycleId)}/${enc(groupId)}/snapshot.json`, { number: num });
}

/** Program name of a published entry (the contract allows an object or its name). */
export function programName(p: PublishedGroup['program']): string {
  return typeof p === 'string' ? p : p.name;
}
export function programCode(p: PublishedGroup['program']): string {
  return typeof p === 'string' ? p : p.code;
}

/** The trace of one unit's published figures (administrator, council, leadership, the unit itself). */
export interface PublishedTrace {
  snapshot: { id: string; number: number; decisionNumber: string | null; createdAt: string };
  unit: SnapshotRow;
  leaves: {
    nodeKey: string;
    code: string;
    name: string;
    maxPoints: string;
    level: 'council' | 'appraised' | 'self' | 'supplied' | 'none' | string;
    selfPoints: string | null;
    effectivePoints: string | null;
    notApplicable: boolean;
    criterionRecordVersion: number | null;
    evidence: { id: string; documentNumber: string | null; documentDate: string | null; issuer: string | null; title: string | null; originalName: string }[];
    decisions: { at: string; actor: string | null; action: string; reason: string | null }[];
  }[];
}

export function usePublishedTrace(cycleId: string, groupId: string, unitId: string | null) {
  return useQuery({
    queryKey: ['results', 'trace', cycleId, groupId, unitId],
    queryFn: ({ signal }) => api<PublishedTrace>(`/cycles/${enc(cycleId)}/results/${enc(groupId)}/units/${enc(unitId ?? '')}/trace`, { signal }),
    enabled: !!unitId,
  });
}
