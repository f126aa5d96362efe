/** In-app notifications and how each user receives them by e-mail — docs/api.md "Notifications". */
import { z } from 'zod';

/** One mail per event, or one daily digest. */
export const notificationDeliverySchema = z.enum(['immediate', 'daily_digest'], {
  error: 'Chọn “immediate” (từng thông báo) hoặc “daily_digest” (tóm tắt mỗi ngày)',
});

export const notificationPreferencesSchema = z.object({
  delivery: notificationDeliverySchema,
  /** The address mails go to; null: no mail. */
  email: z.string().nullable(),
  /** Whether the server sends e-mail at all. */
  mailEnabled: z.boolean(),
  /** Hour (Vietnam time) of the daily digest. */
  digestHour: z.number().int(),
});

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export const myNotificationsSchema = z.object({ items: z.array(notificationSchema), unread: z.number().int() });
export const deliveryBody = z.object({ delivery: notificationDeliverySchema });
export const readAllSchema = z.object({ read: z.number().int() });

export type NotificationDelivery = z.output<typeof notificationDeliverySchema>;
export type NotificationPreferences = z.output<typeof notificationPreferencesSchema>;
export type Notification = z.output<typeof notificationSchema>;
export type MyNotifications = z.output<typeof myNotificationsSchema>;
