/**
 * Criteria frameworks (bộ tiêu chí) — types and query hooks for the "Criteria frameworks"
 * section of docs/api.md. The framework document itself is the canonical JSON of
 * docs/framework-format.md, edited in the browser and validated by @chiso/core.
 */
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, buildUrl } from './client';
import { useRefreshingMutation } from './mutations';
import type { Items } from './types';

export type VersionStatus = 'draft' | 'published';

export interface Program {
  code: string;
  name: string;
}

export interface VersionSummary {
  id: string;
  number: number;
  status: VersionStatus;
  reason: string | null;
  createdAt: string;
  publishedAt: string | null;
}

export interface FrameworkSummary {
  id: string;
  program: Program;
  year: number;
  groupLabel: string;
  name: string;
  versions: VersionSummary[];
}

/** A finding of the core validator, as the server reports it. */
export interface FrameworkIssue {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  nodeCode?: string;
  nodeKey?: string;
  path?: string;
}

export interface FrameworkVersion {
  id: string;
  frameworkId: string;
  number: number;
  status: VersionStatus;
  reason: string | null;
  /** Canonical framework JSON (docs/framework-format.md). */
  document: Record<string, unknown>;
  issues: FrameworkIssue[];
  createdAt: string;
  publishedAt: string | null;
  version: number;
  may: { edit: boolean; publish: boolean; newVersion: boolean };
}

export interface NodeRef {
  key: string;
  code: string;
  name: string;
  parentKey: string | null;
}

/** GET /framework-versions/diff */
export interface ServerDiff {
  from: { id: string; number: number };
  to: { id: string; number: number };
  added: NodeRef[];
  removed: NodeRef[];
  /** A structured field (rule, applicability) also lists the scalars inside it that differ (`parts`). */
  changed: (NodeRef & { fields: { field: string; before: unknown; after: unknown; parts?: { path: string; before: string; after: string }[] }[] })[];
  /** Top-level parts that changed: "name", "year", "settings.rounding"… */
  frameworkChanges: string[];
}

export interface FrameworkListParams {
  program?: string;
  year?: number;
}

const KEY = 'frameworks';

export function useFrameworkPrograms() {
  return useQuery({
    queryKey: [KEY, 'programs'],
    queryFn: () => api<Items<Program>>('/programs'),
    staleTime: 10 * 60_000,
  });
}

export function frameworksQuery(p: FrameworkListParams) {
  return queryOptions({
    queryKey: [KEY, 'list', p],
    queryFn: ({ signal }) =>
      api<Items<FrameworkSummary>>('/frameworks', { query: { program: p.program, year: p.year }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useFrameworks(p: FrameworkListParams) {
  return useQuery(frameworksQuery(p));
}

export function frameworkVersionQuery(id: string) {
  return queryOptions({
    queryKey: [KEY, 'version', id],
    queryFn: ({ signal }) => api<FrameworkVersion>(`/framework-versions/${encodeURIComponent(id)}`, { signal }),
    // The editor holds its own copy; never refetch under it.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

export function useFrameworkVersion(id: string | undefined) {
  return useQuery({ ...frameworkVersionQuery(id ?? ''), enabled: !!id });
}

export function useServerDiff(from: string | undefined, to: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'diff', from, to],
    queryFn: ({ signal }) => api<ServerDiff>('/framework-versions/diff', { query: { from, to }, signal }),
    enabled: !!from && !!to,
    retry: false,
  });
}

function useFrameworkMutation<TVars, TResult>(fn: (v: TVars) => Promise<TResult>, changes?: (v: TVars) => boolean) {
  return useRefreshingMutation([KEY, 'list'], fn, changes);
}

export interface NewFramework {
  programCode: string;
  year: number;
  groupLabel: string;
  name: string;
  document?: Record<string, unknown>;
}

export function useCreateFramework() {
  return useFrameworkMutation((body: NewFramework) => api<FrameworkSummary>('/frameworks', { method: 'POST', body }));
}

export function useCopyFramework() {
  return useFrameworkMutation(({ id, ...body }: { id: string; year: number; name?: string }) =>
    api<FrameworkSummary>(`/frameworks/${encodeURIComponent(id)}/copy`, { method: 'POST', body }),
  );
}

export function useNewFrameworkVersion() {
  return useFrameworkMutation(({ frameworkId, ...body }: { frameworkId: string; fromVersionId: string; reason: string }) =>
    api<FrameworkVersion>(`/frameworks/${encodeURIComponent(frameworkId)}/versions`, { method: 'POST', body }),
  );
}

export function useSaveFrameworkVersion() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; version: number; document: Record<string, unknown> }) =>
      api<FrameworkVersion>(`/framework-versions/${encodeURIComponent(id)}`, { method: 'PUT', body }),
    onSuccess: (v) => {
      qc.setQueryData(frameworkVersionQuery(v.id).queryKey, v);
    },
  });
}

export function usePublishFrameworkVersion() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api<FrameworkVersion>(`/framework-versions/${encodeURIComponent(id)}/publish`, { method: 'POST', body: { version } }),
    onSuccess: async (v) => {
      qc.setQueryData(frameworkVersionQuery(v.id).queryKey, v);
      await qc.invalidateQueries({ queryKey: [KEY, 'list'] });
    },
  });
}

export interface ImportFrameworkFields {
  programCode: string;
  year: number;
  groupLabel: string;
  name: string;
}

/** The answer to a dry-run import: the file is valid, with these warnings. */
export interface FrameworkFileChecked {
  dryRun: true;
  warnings: string[];
}

export function useImportFramework() {
  return useFrameworkMutation(({ file, dryRun, fields }: { file: File; dryRun: boolean; fields: ImportFrameworkFields }) => {
    const fd = new FormData();
    // Text fields first: a streaming multipart reader sees them before the file.
    fd.append('programCode', fields.programCode);
    fd.append('year', String(fields.year));
    fd.append('groupLabel', fields.groupLabel);
    if (fields.name) fd.append('name', fields.name);
    fd.append('file', file, file.name);
    return api<FrameworkSummary | FrameworkFileChecked>('/frameworks/import', {
      method: 'POST',
      body: fd,
      query: { dryRun: dryRun ? 'true' : undefined },
    });
  }, ({ dryRun }) => !dryRun); // a check changes nothing: no list refresh to wait for
}

export function exportUrl(versionId: string, format: 'json' | 'xlsx'): string {
  return buildUrl(`/framework-versions/${encodeURIComponent(versionId)}/export`, { format });
}
