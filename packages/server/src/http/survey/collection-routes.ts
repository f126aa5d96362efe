import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createInvitationsBody, invitationFileQuery, invitationLinksQuery, invitationLinksSchema, invitationOverviewSchema, invitationParams,
  invitationsCreatedSchema, invitationsRevokedSchema, publicResponseBody, publicResponseResultSchema, publicSurveyFormSchema, publicTokenParams,
  remindersSentSchema, revokeInvitationsBody, surveyCollectionParams,
} from '@chiso/contract';
import type { HttpDeps } from '../deps';
import { attachment } from '../attachment';
import { requestContext } from '../request-context';
import { contentTypes } from '../../files/tabular';
import { AppError, msg, notFound } from '../../services/errors';
import { findInvitationOfSurvey } from '../../db/repositories/survey-invitation-repository';
import { surveyManagedBy } from '../../services/survey/survey-access';
import {
  createInvitations, formUrl, invitationOverview, invitationsFile, linksForPrinting, listInvitationLinks, revokeInvitations,
} from '../../services/survey/invitations';
import { openPublicForm, submitPublicResponse } from '../../services/survey/public-form';
import { qrSlipsPdf, qrSvg } from '../../services/survey/qr-sheet';
import { remindRespondents } from '../../services/survey/reminders';

const tags = ['survey'];

/**
 * Requests per minute and address to the public form. Generous: a whole office on one Wi-Fi, or a
 * mobile network's shared address, answers at once; a token is 128 random bits, so the limit is
 * not what stops guessing — it stops one machine flooding the server.
 */
export const PUBLIC_FORM_LIMITS = { open: 120, send: 60 } as const;

/** Bytes an anonymous send may carry: a questionnaire's answers with long comments fit many times over; the app's 5 MB do not apply. */
export const PUBLIC_FORM_BODY_LIMIT = 256 * 1024;

function publicRateLimit(app: FastifyInstance, family: keyof typeof PUBLIC_FORM_LIMITS) {
  const limiter = app.createRateLimit({ max: PUBLIC_FORM_LIMITS[family], timeWindow: 60_000, keyGenerator: (request) => `survey-form-${family}:${request.ip}` });
  return async (request: FastifyRequest) => {
    const limit = await limiter(request);
    if (!limit.isAllowed && limit.isExceeded) throw new AppError('RATE_LIMITED', msg('error.tooFast'), undefined, Math.max(1, Math.ceil(limit.ttl / 1000)));
  };
}

/** Issue 13 — Survey collection: single-use links, QR codes, the public form, reminders. docs/api.md "Survey: collection". */
export const surveyCollectionRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  const db = deps.database.db;
  /** Where the links shown to the administrator point: CHISO_PUBLIC_URL, or the address this request came to (never used in mails). */
  const linkBase = (request: FastifyRequest) => deps.config.publicUrl ?? `${request.protocol}://${request.host}`;

  app.get(
    '/surveys/:id/invitations',
    { schema: { tags, summary: 'Đường dẫn khảo sát: số đã tạo, đã mở, đã trả lời, đã thu hồi theo phiếu hỏi × đơn vị, so với chỉ tiêu mẫu', params: surveyCollectionParams, response: { 200: invitationOverviewSchema } } },
    async (request) => invitationOverview(requestContext(request), request.params.id),
  );

  app.post(
    '/surveys/:id/invitations',
    { schema: { tags, summary: 'Tạo một loạt đường dẫn ẩn danh cho một đơn vị hoặc mọi đơn vị (in tại bộ phận một cửa, gửi qua tin nhắn, thư)', params: surveyCollectionParams, body: createInvitationsBody, response: { 201: invitationsCreatedSchema } } },
    async (request, reply) => reply.status(201).send(await createInvitations(requestContext(request), request.params.id, request.body)),
  );

  app.get(
    '/surveys/:id/invitations/links',
    { schema: { tags, summary: 'Danh sách đường dẫn (chỉ quản trị viên; không bao giờ kèm câu trả lời)', params: surveyCollectionParams, querystring: invitationLinksQuery, response: { 200: invitationLinksSchema } } },
    async (request) => listInvitationLinks(requestContext(request), request.params.id, request.query, linkBase(request)),
  );

  app.get(
    '/surveys/:id/invitations/export',
    { schema: { tags, summary: 'Tải danh sách đường dẫn (Excel, CSV): đơn vị, cách phát, đường dẫn, người được chọn mẫu để gửi', params: surveyCollectionParams, querystring: invitationFileQuery } },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const file = await invitationsFile(requestContext(request), request.params.id, filter, format, linkBase(request));
      return reply.header('content-type', contentTypes[format]).header('content-disposition', attachment(file.filename)).send(file.buffer);
    },
  );

  app.get(
    '/surveys/:id/invitations/qr.pdf',
    { schema: { tags, summary: 'In mã QR (PDF, 8 phiếu một trang A4) của các đường dẫn chưa dùng', params: surveyCollectionParams, querystring: invitationFileQuery.omit({ format: true, unusedOnly: true }) } },
    async (request, reply) => {
      const sheet = await linksForPrinting(requestContext(request), request.params.id, { ...request.query, unusedOnly: true }, linkBase(request));
      const pdf = await qrSlipsPdf(sheet.surveyName, sheet.questionnaireTitle, sheet.slips);
      return reply.header('content-type', 'application/pdf').header('content-disposition', attachment('ma-qr-khao-sat.pdf', 'inline')).send(pdf);
    },
  );

  app.get(
    '/surveys/:id/invitations/:invitationId/qr.svg',
    { schema: { tags, summary: 'Mã QR của một đường dẫn (SVG, để xem trước)', params: invitationParams } },
    async (request, reply) => {
      const ctx = requestContext(request);
      await surveyManagedBy(ctx.db, ctx.actor, request.params.id);
      const link = await findInvitationOfSurvey(ctx.db, request.params.id, request.params.invitationId);
      if (!link) throw notFound('đường dẫn khảo sát');
      return reply.header('content-type', 'image/svg+xml').header('cache-control', 'private, no-store').send(await qrSvg(formUrl(linkBase(request), link.token)));
    },
  );

  app.post(
    '/surveys/:id/invitations/revoke',
    { schema: { tags, summary: 'Thu hồi các đường dẫn chưa dùng (kèm lý do)', params: surveyCollectionParams, body: revokeInvitationsBody, response: { 200: invitationsRevokedSchema } } },
    async (request) => revokeInvitations(requestContext(request), request.params.id, request.body),
  );

  app.post(
    '/surveys/:id/reminders',
    { schema: { tags, summary: 'Gửi thư mời, thư nhắc cho người được chọn mẫu có địa chỉ thư, chưa trả lời', params: surveyCollectionParams, response: { 200: remindersSentSchema } } },
    async (request) => remindRespondents(requestContext(request), request.params.id),
  );

  // The public form: no login. The web page sends no cookie (credentials: 'omit'), so no session
  // and no CSRF token are involved; nothing here reads or writes anything but the link's own answer.
  app.get(
    '/public/surveys/:token',
    { onRequest: publicRateLimit(app, 'open'), bodyLimit: PUBLIC_FORM_BODY_LIMIT, schema: { tags: ['public'], summary: 'Mở phiếu khảo sát bằng đường dẫn dùng một lần (không cần đăng nhập)', params: publicTokenParams, response: { 200: publicSurveyFormSchema } } },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return openPublicForm(db, request.params.token, new Date());
    },
  );

  app.post(
    '/public/surveys/:token/responses',
    { onRequest: publicRateLimit(app, 'send'), bodyLimit: PUBLIC_FORM_BODY_LIMIT, schema: { tags: ['public'], summary: 'Gửi phiếu trả lời (gửi lại cùng clientKey là cùng một phiếu)', params: publicTokenParams, body: publicResponseBody, response: { 200: publicResponseResultSchema } } },
    async (request) => submitPublicResponse(db, request.params.token, request.body, new Date()),
  );
};
