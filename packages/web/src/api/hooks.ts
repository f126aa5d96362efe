import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from './client';
import { useRefreshingMutation } from './mutations';
import type {
  AuditPage, AuditParams, ChangePassword, CloseUnit, CreatedUser, CreateUnit, Health, Items, Merged, MergeUnits, NewUser, Session, Split, SplitUnit, TemporaryPassword, Unit, UnitPatch,
  LoginBody, UnitListParams, UnitsImported, UnitType, User, UserListParams, UserPatch,
} from './types';
export type { AuditParams, UnitListParams } from './types';

// ---------- health & auth ----------

export const healthQuery = queryOptions({
  queryKey: ['health'],
  queryFn: () => api<Health>('/health', { silentAuth: true }),
  staleTime: 60_000,
});

export function useHealth() {
  return useQuery(healthQuery);
}

export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: async () => {
    const s = await api<Session>('/auth/me', { silentAuth: true });
    setCsrfToken(s.csrfToken);
    return s;
  },
  staleTime: 5 * 60_000,
  retry: false,
});

export function useMe() {
  const q = useQuery(meQuery);
  return q.data?.user;
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) =>
      api<Session>('/auth/login', { method: 'POST', body, silentAuth: true }),
    onSuccess: (s) => {
      setCsrfToken(s.csrfToken);
      qc.clear();
      qc.setQueryData(meQuery.queryKey, s);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/auth/logout', { method: 'POST', silentAuth: true }),
    onSettled: () => {
      setCsrfToken(null);
      qc.removeQueries({ queryKey: meQuery.queryKey, exact: true, type: 'inactive' });
    },
  });
}

export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangePassword) =>
      api<void>('/auth/password', { method: 'POST', body, silentAuth: true }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: meQuery.queryKey });
    },
  });
}

// ---------- units ----------

export function unitsQuery(p: UnitListParams) {
  return queryOptions({
    queryKey: ['units', 'list', p],
    queryFn: ({ signal }) =>
      api<Items<Unit>>('/units', {
        query: { ...p },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useUnits(p: UnitListParams, enabled = true) {
  return useQuery({ ...unitsQuery(p), enabled });
}

export function useUnit(id: string | undefined) {
  return useQuery({
    queryKey: ['units', 'one', id],
    queryFn: ({ signal }) => api<Unit>(`/units/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: !!id,
  });
}

export function useUnitTypes() {
  return useQuery({
    queryKey: ['unit-types'],
    queryFn: () => api<Items<UnitType>>('/unit-types'),
    staleTime: 10 * 60_000,
  });
}

export function useUnitUsers(id: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['units', 'users', id],
    queryFn: ({ signal }) => api<Items<User>>(`/units/${encodeURIComponent(id ?? '')}/users`, { signal }),
    enabled: !!id && enabled,
    retry: false,
  });
}

function useUnitMutation<TVars, TResult>(fn: (v: TVars) => Promise<TResult>, changes?: (v: TVars) => boolean) {
  return useRefreshingMutation(['units'], fn, changes);
}

export function useCreateUnit() {
  return useUnitMutation((body: CreateUnit) => api<Unit>('/units', { method: 'POST', body }));
}

export type { UnitPatch };

export function useUpdateUnit() {
  return useUnitMutation(({ id, ...body }: UnitPatch & { id: string }) =>
    api<Unit>(`/units/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  );
}

export function useCloseUnit() {
  return useUnitMutation(({ id, ...body }: { id: string } & CloseUnit) =>
    api<Unit>(`/units/${encodeURIComponent(id)}/close`, { method: 'POST', body }),
  );
}

export type MergeBody = MergeUnits;

export function useMergeUnits() {
  return useUnitMutation((body: MergeBody) =>
    api<Merged>('/units/merge', { method: 'POST', body }),
  );
}

export function useSplitUnit() {
  return useUnitMutation(({ id, ...body }: { id: string } & SplitUnit) =>
    api<Split>(`/units/${encodeURIComponent(id)}/split`, { method: 'POST', body }),
  );
}

export function useImportUnits() {
  return useUnitMutation(({ file, dryRun }: { file: File; dryRun: boolean }) => {
    const fd = new FormData();
    fd.append('file', file, file.name);
    return api<UnitsImported>('/units/import', {
      method: 'POST',
      body: fd,
      query: { dryRun: dryRun ? 'true' : undefined },
    });
  }, ({ dryRun }) => !dryRun);
}

// ---------- users ----------

export type { NewUser, UserListParams, UserPatch };

export function useUsers(p: UserListParams) {
  return useQuery({
    queryKey: ['users', 'list', p],
    queryFn: ({ signal }) => api<Items<User>>('/users', { query: { ...p }, signal }),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

function useUserMutation<TVars, TResult>(fn: (v: TVars) => Promise<TResult>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['users'] });
      await qc.invalidateQueries({ queryKey: ['units', 'users'] });
    },
  });
}

export function useCreateUser() {
  return useUserMutation((body: NewUser) =>
    api<CreatedUser>('/users', { method: 'POST', body }),
  );
}

export function useUpdateUser() {
  return useUserMutation(({ id, ...body }: UserPatch & { id: string }) =>
    api<User>(`/users/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  );
}

export function useResetPassword() {
  return useUserMutation((id: string) =>
    api<TemporaryPassword>(`/users/${encodeURIComponent(id)}/reset-password`, { method: 'POST' }),
  );
}

// ---------- audit ----------

export function useAudit(p: AuditParams) {
  return useQuery({
    queryKey: ['audit', p],
    queryFn: ({ signal }) => api<AuditPage>('/audit', { query: { ...p }, signal }),
    placeholderData: keepPreviousData,
    retry: false,
  });
}
