/**
 * Follow-up (issue 12 §1): conclusion notices, their tasks and the units' progress reports —
 * query hooks for docs/api.md "Follow-up: notices and tasks", and the evidence of completed tasks
 * offered to a criterion in a later cycle.
 */
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Notice, NoticeBody, NoticeDetail, OfferedTaskEvidence, Task, TaskBody, TaskDetail, TaskReportBody, UpdateNoticeBody, UpdateTaskBody,
} from '@chiso/contract';
import { api } from './client';
import type { Items } from './types';

// Every API shape is the contract's (packages/contract): a field renamed on the server fails the typecheck here.
export type {
  Notice, NoticeBody, NoticeDetail, OfferedTaskEvidence, Task, TaskBody, TaskCounts, TaskDetail, TaskLink, TaskLinkBody, TaskReport,
  TaskReportBody, TaskStatus, UpdateNoticeBody, UpdateTaskBody,
} from '@chiso/contract';
export { TASK_STATUSES } from '@chiso/contract';

const KEY = 'follow-up-tasks';
const enc = encodeURIComponent;

export interface TaskListParams {
  noticeId?: string;
  unitId?: string;
  status?: Task['status'];
  overdue?: boolean;
}

export function noticesQuery(year?: number) {
  return queryOptions({
    queryKey: [KEY, 'notices', year ?? null],
    queryFn: ({ signal }) => api<Items<Notice>>('/follow-up/notices', { query: { year }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useNotices(year?: number, enabled = true) {
  return useQuery({ ...noticesQuery(year), enabled });
}

export function useNotice(id: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'notice', id],
    queryFn: ({ signal }) => api<NoticeDetail>(`/follow-up/notices/${enc(id ?? '')}`, { signal }),
    enabled: !!id,
  });
}

export function useTasks(p: TaskListParams, enabled = true) {
  return useQuery({
    queryKey: [KEY, 'tasks', p],
    queryFn: ({ signal }) => api<Items<Task>>('/follow-up/tasks', { query: { ...p }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useTask(id: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'task', id],
    queryFn: ({ signal }) => api<TaskDetail>(`/follow-up/tasks/${enc(id ?? '')}`, { signal }),
    enabled: !!id,
  });
}

/** Every change to a notice or a task touches the lists, counts and dashboard: refetch all of them. */
function useFollowUpMutation<TVars, TResult>(fn: (v: TVars) => Promise<TResult>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: [KEY] });
    },
  });
}

export function useCreateNotice() {
  return useFollowUpMutation((body: NoticeBody) => api<NoticeDetail>('/follow-up/notices', { method: 'POST', body }));
}

export function useUpdateNotice() {
  return useFollowUpMutation(({ id, ...body }: UpdateNoticeBody & { id: string }) =>
    api<NoticeDetail>(`/follow-up/notices/${enc(id)}`, { method: 'PATCH', body }));
}

/** The signed notice's file (PDF, Word, scan), attached once the notice exists. */
export function useUploadNoticeFile() {
  return useFollowUpMutation(({ id, file }: { id: string; file: File }) => {
    const fd = new FormData();
    fd.append('file', file, file.name);
    return api<NoticeDetail>(`/follow-up/notices/${enc(id)}/file`, { method: 'POST', body: fd });
  });
}

export function useCreateTask(noticeId: string) {
  return useFollowUpMutation((body: TaskBody) => api<TaskDetail>(`/follow-up/notices/${enc(noticeId)}/tasks`, { method: 'POST', body }));
}

export function useUpdateTask() {
  return useFollowUpMutation(({ id, ...body }: UpdateTaskBody & { id: string }) =>
    api<TaskDetail>(`/follow-up/tasks/${enc(id)}`, { method: 'PATCH', body }));
}

export function useReportTask(taskId: string) {
  return useFollowUpMutation((body: TaskReportBody) =>
    api<TaskDetail>(`/follow-up/tasks/${enc(taskId)}/reports`, { method: 'POST', body }));
}

/** The unit's completed tasks' evidence linked to this criterion, offered while it fills the criterion. */
export function useOfferedTaskEvidence(cycleId: string, unitId: string, nodeKey: string) {
  return useQuery({
    queryKey: [KEY, 'offered', cycleId, unitId, nodeKey],
    queryFn: ({ signal }) =>
      api<Items<OfferedTaskEvidence>>(`/cycles/${enc(cycleId)}/units/${enc(unitId)}/criteria/${enc(nodeKey)}/task-evidence`, { signal }),
    // Nothing offered is no error to show in the middle of the unit's form.
    retry: false,
  });
}
