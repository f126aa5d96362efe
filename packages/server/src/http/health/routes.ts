import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';
import { healthSchema } from '@chiso/contract';
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
        response: { 200: healthSchema },
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
