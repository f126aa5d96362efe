import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';
import { appVersion } from '../../version';
import { demoLoadedKey, readSetting } from '../../db/repositories/settings-repository';

export const healthRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Tình trạng máy chủ',
        response: {
          200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), version: z.string(), demo: z.boolean() }),
        },
      },
    },
    async () => {
      // Reading the demo flag doubles as the database check.
      const demo = (await readSetting<boolean>(deps.database.db, demoLoadedKey)) === true;
      return { status: 'ok' as const, database: deps.database.kind, version: appVersion, demo };
    },
  );
};
