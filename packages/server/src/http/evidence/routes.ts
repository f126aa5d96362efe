import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';
import { requireActor } from '../request-context';
import { AppError } from '../../services/errors';
import { createEvidenceService } from '../../services/evidence';
import { openEvidenceStore } from '../../storage/evidence-store';
import { evidenceSchema, id, itemsOf, updateEvidenceBody } from '@chiso/contract';
import { contentDisposition, presentEvidence } from './presenters';
import { evidenceFileOptions, storeEvidenceFromPart } from './upload';

const tags = ['evidence'];

/** Bytes in one MB of `CHISO_UPLOAD_MAX_MB`. */
export const MiB = 1024 * 1024;

// Evidence (tài liệu kiểm chứng) — docs/api.md. The configured file store (folder or S3), one per app.
export const evidenceRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  const store = await openEvidenceStore(deps.config);
  const evidence = createEvidenceService({ db: deps.database.db, store, log: app.log, quotaBytes: deps.config.evidenceQuotaMb * MiB });

  app.get(
    '/units/:unitId/evidence',
    {
      schema: {
        tags,
        summary: 'Tài liệu kiểm chứng của đơn vị',
        params: z.object({ unitId: id }),
        response: { 200: itemsOf(evidenceSchema) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return { items: (await evidence.listUnitEvidence(request.params.unitId, actor)).map(presentEvidence) };
    },
  );

  app.post(
    '/units/:unitId/evidence',
    {
      schema: {
        tags,
        summary: 'Tải lên tài liệu kiểm chứng (các trường mô tả trước phần tệp "file")',
        consumes: ['multipart/form-data'],
        params: z.object({ unitId: id }),
        response: { 201: evidenceSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!request.isMultipart()) throw new AppError('BAD_REQUEST', 'Hãy gửi tệp trong trường “file” (multipart/form-data).');
      const view = await storeEvidenceFromPart(evidence, await request.file(evidenceFileOptions(store.maxBytes)), request.params.unitId, actor);
      return reply.status(201).send(presentEvidence(view));
    },
  );

  app.get(
    '/evidence/:id',
    { schema: { tags, summary: 'Một tài liệu kiểm chứng', params: z.object({ id }), response: { 200: evidenceSchema } } },
    async (request) => presentEvidence(await evidence.getEvidenceDocument(request.params.id, requireActor(request))),
  );

  app.patch(
    '/evidence/:id',
    {
      schema: {
        tags,
        summary: 'Sửa thông tin tài liệu kiểm chứng (số, ngày, cơ quan ban hành, trích yếu)',
        params: z.object({ id }),
        body: updateEvidenceBody,
        response: { 200: evidenceSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { version, ...changes } = request.body;
      return presentEvidence(await evidence.updateEvidenceMetadata(request.params.id, version, changes, actor));
    },
  );

  app.get(
    '/evidence/:id/content',
    {
      schema: {
        tags,
        summary: 'Tải xuống nội dung tài liệu kiểm chứng',
        params: z.object({ id }),
        querystring: z.object({ inline: z.enum(['true', 'false']).optional() }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { document, stream } = await evidence.openEvidenceContent(request.params.id, actor);
      // Only PDF and images are safe to show in the browser; Office files always download.
      const inline = request.query.inline === 'true' && /^(application\/pdf|image\/(png|jpeg))$/.test(document.mimeType);
      return reply
        .header('content-type', document.mimeType)
        .header('content-length', String(document.size))
        .header('content-disposition', contentDisposition(document.fileName, inline ? 'inline' : 'attachment'))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-cache')
        .send(stream);
    },
  );
};
