import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';
import { requestContext, requireActor } from '../request-context';
import { configureMail } from '../../services/notifications/mailer';
import { myNotifications, readAllNotifications, readNotification } from '../../services/notifications/notification-service';
import { myNotificationPreferences, setMyNotificationDelivery } from '../../services/notifications/preferences';
import { deliveryBody, id, myNotificationsSchema, notificationPreferencesSchema, readAllSchema } from '@chiso/contract';

const tags = ['notifications'];
// Routes for /api/notifications — each user reads only their own. Also sets up e-mail (CHISO_SMTP_URL).
export const notificationsRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  const db = deps.database.db;
  configureMail({ smtpUrl: deps.config.smtpUrl ?? null, from: deps.config.mailFrom, publicUrl: deps.config.publicUrl ?? null, logger: app.log });

  app.get(
    '/notifications',
    { schema: { tags, summary: 'Thông báo của tôi', response: { 200: myNotificationsSchema } } },
    async (request) => myNotifications(db, requireActor(request)),
  );

  app.get(
    '/notifications/preferences',
    { schema: { tags, summary: 'Cách nhận thư thông báo của tôi', response: { 200: notificationPreferencesSchema } } },
    async (request) => myNotificationPreferences(db, requireActor(request), deps.config.digestHour),
  );

  app.put(
    '/notifications/preferences',
    {
      schema: {
        tags,
        summary: 'Chọn nhận thư từng thông báo hoặc thư tóm tắt mỗi ngày',
        body: deliveryBody,
        response: { 200: notificationPreferencesSchema },
      },
    },
    async (request) => setMyNotificationDelivery(requestContext(request), request.body.delivery, deps.config.digestHour),
  );

  app.post(
    '/notifications/:id/read',
    { schema: { tags, summary: 'Đánh dấu đã đọc', params: z.object({ id }), response: { 204: z.null() } } },
    async (request, reply) => {
      await readNotification(db, requireActor(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/notifications/read-all',
    { schema: { tags, summary: 'Đánh dấu tất cả đã đọc', response: { 200: readAllSchema } } },
    async (request) => ({ read: await readAllNotifications(db, requireActor(request)) }),
  );
};
