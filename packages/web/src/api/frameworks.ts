/**
 * Criteria frameworks (bộ tiêu chí) — types and query hooks for the "Criteria frameworks"
 * section of docs/api.md. The framework document itself is the canonical JSON of
 * docs/framework-format.md, edited in the browser and validated by @chiso/core.
 */
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, buildUrl } from './client';
import { useRefreshingMutation } from './mutations';
import type { Items } from './types';
import type {
  AdoptFrameworkBody, CopyFrameworkBody, FrameworkFileChecked, FrameworkListParams, FrameworkSummary, FrameworkVersion, ImportFrameworkFields, NewFramework, NewVersionBody,
  Program, SaveVersionBody, VersionDiff,
} from '@chiso/contract';

// Every API shape is the contract's (packages/contract): a field renamed on the server fails the typecheck here.
export type {
  DraftDocument, FieldChange, FrameworkDocument, FrameworkFileChecked, FrameworkIssue, FrameworkListParams, FrameworkSummary, FrameworkVersion,
  ImportFrameworkFields, NewFramework, NodeRef, Program, SaveVersionBody, VersionDiff, VersionStatus, VersionSummary,
} from '@chiso/contract';

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
      api<Items<FrameworkSummary>>('/frameworks', { query: { program: p.program, year: p.year, owner: p.owner }, signal }),
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
    queryFn: ({ signal }) => api<VersionDiff>('/framework-versions/diff', { query: { from, to }, signal }),
    enabled: !!from && !!to,
    retry: false,
  });
}

function useFrameworkMutation<TVars, TResult>(fn: (v: TVars) => Promise<TResult>, changes?: (v: TVars) => boolean) {
  return useRefreshingMutation([KEY, 'list'], fn, changes);
}

export function useCreateFramework() {
  return useFrameworkMutation((body: NewFramework) => api<FrameworkSummary>('/frameworks', { method: 'POST', body }));
}

export function useCopyFramework() {
  return useFrameworkMutation(({ id, ...body }: CopyFrameworkBody & { id: string }) =>
    api<FrameworkSummary>(`/frameworks/${encodeURIComponent(id)}/copy`, { method: 'POST', body }),
  );
}

/** “Copy to my organisation”: a draft copy of a published version of the province's template, owned by an organising unit. */
export function useAdoptFramework() {
  return useFrameworkMutation(({ id, ...body }: AdoptFrameworkBody & { id: string }) =>
    api<FrameworkSummary>(`/frameworks/${encodeURIComponent(id)}/adopt`, { method: 'POST', body }),
  );
}

export function useNewFrameworkVersion() {
  return useFrameworkMutation(({ frameworkId, ...body }: NewVersionBody & { frameworkId: string }) =>
    api<FrameworkVersion>(`/frameworks/${encodeURIComponent(frameworkId)}/versions`, { method: 'POST', body }),
  );
}

export function useSaveFrameworkVersion() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: SaveVersionBody & { id: string }) =>
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
