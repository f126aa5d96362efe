/** In-app notifications (deadlines approaching, requests, decisions). */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MyNotifications, NotificationDelivery, NotificationPreferences } from '@chiso/contract';
import { api } from './client';

// The API's shapes are the contract's (packages/contract): a field renamed on the server fails the typecheck here.
export type { MyNotifications, Notification, NotificationDelivery, NotificationPreferences } from '@chiso/contract';

export const notificationsQuery = queryOptions({
  queryKey: ['notifications'],
  queryFn: ({ signal }) => api<MyNotifications>('/notifications', { signal }),
  refetchInterval: 60_000,
  retry: false,
});

export function useNotifications() {
  return useQuery(notificationsQuery);
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' }),
    onMutate: (id) => {
      qc.setQueryData(notificationsQuery.queryKey, (old) => {
        if (!old) return old;
        const was = old.items.find((n) => n.id === id);
        const now = new Date().toISOString();
        return {
          items: old.items.map((n) => (n.id === id ? { ...n, readAt: n.readAt ?? now } : n)),
          unread: was && !was.readAt ? Math.max(0, old.unread - 1) : old.unread,
        };
      });
    },
    onSettled: () => qc.invalidateQueries({ queryKey: ['notifications'] }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/notifications/read-all', { method: 'POST' }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['notifications'] }),
  });
}

export const notificationPreferencesQuery = queryOptions({
  queryKey: ['notifications', 'preferences'],
  queryFn: ({ signal }) => api<NotificationPreferences>('/notifications/preferences', { signal }),
});

export function useNotificationPreferences() {
  return useQuery(notificationPreferencesQuery);
}

export function useSetNotificationDelivery() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (delivery: NotificationDelivery) => api<NotificationPreferences>('/notifications/preferences', { method: 'PUT', body: { delivery } }),
    onSuccess: (data) => qc.setQueryData(notificationPreferencesQuery.queryKey, data),
  });
}
