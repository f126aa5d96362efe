import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';
import { appVersion } from '../../version';
import { demoLoadedKey, readSetting } from '../../db/repositories/settings-repository';
import { readIntegrityState } from '../../services/integrity/self-check';

export const healthRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Tình trạng máy chủ',
        response: {
          200: z.object({
            status: z.literal('ok'),
            database: z.enum(['pglite', 'postgres']),
            version: z.string(),
            demo: z.boolean(),
            /** The last integrity self-check: `broken` when the audit trail or a publication was changed behind chiso's back. */
            integrity: z.object({ status: z.enum(['ok', 'broken', 'unchecked']), checkedAt: z.string().nullable(), problems: z.number().int() }),
          }),
        },
      },
    },
    async () => {
      // Reading the demo flag doubles as the database check.
      const demo = (await readSetting<boolean>(deps.database.db, demoLoadedKey)) === true;
      const check = await readIntegrityState(deps.database.db);
      const integrity = check
        ? { status: check.ok ? ('ok' as const) : ('broken' as const), checkedAt: check.checkedAt, problems: check.problems }
        : { status: 'unchecked' as const, checkedAt: null, problems: 0 };
      return { status: 'ok' as const, database: deps.database.kind, version: appVersion, demo, integrity };
    },
  );
};
