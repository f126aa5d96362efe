import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/config/env';
import type { DatabaseHandle } from '../../src/db/client';
import { buildApp, type BuildAppOptions } from '../../src/http/app';
import { createTestDatabase } from './database';

export interface TestApp {
  app: FastifyInstance;
  database: DatabaseHandle;
  config: Config;
  close(): Promise<void>;
}

/**
 * The real HTTP app on a fresh database, without the web build, for `app.inject` tests. Responses are
 * strict unless a test opts out (`{ strictResponses: false }`): a route that answers a field its
 * response schema (packages/contract) does not describe fails with 500 instead of losing it silently.
 */
export async function createTestApp(overrides: Record<string, string> = {}, options: Pick<BuildAppOptions, 'strictResponses' | 'onRoute'> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ CHISO_DATA_DIR: '/nonexistent-test-data', CHISO_LOG_LEVEL: 'silent', ...overrides }, '/');
  const app = await buildApp({ config, database, webDist: null, logger: false, strictResponses: true, ...options });
  await app.ready();
  return {
    app,
    database,
    config,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
