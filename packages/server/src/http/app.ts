import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpDeps } from './deps';
import { installErrorHandler } from './error-handler';
import { installTextGuard } from './text-guard';
import { warnOnUntrustedForwardedFor } from './proxy-warning';
import { appVersion } from '../version';
import { healthRoutes } from './health/routes';
import { authRoutes } from './auth/routes';
import { authPlugin } from './auth/plugin';
import { usersRoutes } from './users/routes';
import { auditRoutes } from './audit/routes';
import { unitsRoutes } from './units/routes';
import { groupSetsRoutes } from './group-sets/routes';
import { frameworksRoutes } from './frameworks/routes';
import { frameworkScoreRoutes } from './frameworks/score-routes';
import { evidenceRoutes } from './evidence/routes';
import { assessmentsRoutes } from './assessments/routes';
import { publicRoutes } from './public/routes';
import { historyRoutes } from './results/history-routes';
import { resultsRoutes } from './results/routes';
import { yearOverYearRoutes } from './results/year-over-year-routes';
import { resultImportRoutes } from './results/import-routes';
import { resultDocumentRoutes } from './results/document-routes';
import { reportCardRoutes } from './results/report-card-routes';
import { openDataRoutes } from './public/open-data-routes';
import { appraisalRoutes } from './appraisal/routes';
import { councilRoutes } from './council/routes';
import { cyclesRoutes } from './cycles/routes';
import { notificationsRoutes } from './notifications/routes';
import { dataFeedsRoutes } from './data-feeds/routes';
import { noticeRoutes } from './follow-up/notice-routes';
import { remediationRoutes } from './follow-up/remediation-routes';
import { targetRoutes } from './follow-up/target-routes';
import { externalIndexRoutes } from './follow-up/external-index-routes';
import { midYearRiskRoutes } from './follow-up/risk-routes';
import { surveySetupRoutes } from './survey/setup-routes';
import { surveyCollectionRoutes } from './survey/collection-routes';
import { surveyEntryRoutes } from './survey/entry-routes';
import { surveyResultsRoutes } from './survey/results-routes';
import { RequestLogController } from './request-log';
import { strictSerializerCompiler } from './strict-serializer';
import { databaseRateLimitStore } from './rate-limit-store';
import './request-context';
import { systemClock, type Clock } from '../auth/clock';
import { commandContext } from '../services/context';

export const defaultWebDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

export interface BuildAppOptions extends HttpDeps {
  /** Folder of the built SPA; served with an index.html fallback when it exists. */
  webDist?: string | null;
  logger?: boolean;
  /** Where log lines go (tests capture them); standard output by default. */
  logStream?: { write(line: string): void };
  /** Refuse (500) an answer with a field its response schema does not describe, instead of dropping it (tests). */
  strictResponses?: boolean;
  /** Called with each route as it is registered (tests check that every route declares its answer). */
  onRoute?: (route: RouteOptions) => void;
  /** The clock the request contexts read (tests pass their own to move time). */
  clock?: Clock;
}

/** Route modules under /api. Each resource owns its folder (routes, schemas, presenters). */
const apiRoutes = [healthRoutes, authRoutes, usersRoutes, auditRoutes, unitsRoutes, groupSetsRoutes, frameworksRoutes, frameworkScoreRoutes, evidenceRoutes, assessmentsRoutes, resultsRoutes, publicRoutes, historyRoutes, yearOverYearRoutes, resultImportRoutes, resultDocumentRoutes, reportCardRoutes, openDataRoutes, appraisalRoutes, councilRoutes, cyclesRoutes, notificationsRoutes, dataFeedsRoutes, noticeRoutes, remediationRoutes, targetRoutes, externalIndexRoutes, midYearRiskRoutes, surveySetupRoutes, surveyCollectionRoutes, surveyEntryRoutes, surveyResultsRoutes];

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const app = Fastify({
    logger: options.logger === false ? false : { level: config.logLevel, ...(options.logStream ? { stream: options.logStream } : {}) },
    // One line per request (request-log.ts).
    logController: new RequestLogController(),
    trustProxy: config.trustProxy,
    bodyLimit: 5 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(options.strictResponses ? strictSerializerCompiler : serializerCompiler);
  app.decorateRequest('actor', null);
  app.decorateRequest('context', null);
  installErrorHandler(app);
  installTextGuard(app);
  if (!config.trustProxy) warnOnUntrustedForwardedFor(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        // antd writes its styles at run time; the API explorer needs inline styles too.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'script-src': ["'self'"],
        'upgrade-insecure-requests': null,
      },
    },
  });
  await app.register(cookie);
  // Counted in the database: a limit applies across every process on the same PostgreSQL.
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(database.db) });
  // Evidence uploads are the largest files; one byte more than the limit so the store refuses with its message.
  await app.register(multipart, { limits: { fileSize: config.uploadMaxMb * 1024 * 1024 + 1, files: 1 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'chiso API', description: 'API của chiso — Chỉ số cải cách hành chính', version: appVersion },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'chiso_session' }, apiToken: { type: 'http', scheme: 'bearer' } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  await app.register(
    async (api) => {
      await api.register(authPlugin, { config, database });
      // One context per request, once the auth plugin knows who acts: the services take it.
      const clock = options.clock ?? systemClock;
      api.addHook('preHandler', async (request) => {
        if (request.actor) request.context = commandContext(database.db, request.actor, clock, request.log);
      });
      for (const routes of apiRoutes) await api.register(routes, { config, database });
    },
    { prefix: '/api' },
  );

  const webDist = options.webDist === undefined ? defaultWebDist : options.webDist;
  const hasWeb = webDist !== null && fs.existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
    await app.register(fastifyStatic, { root: webDist, wildcard: true });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || !hasWeb || request.method !== 'GET') {
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'Không tìm thấy địa chỉ này.' } });
    }
    // Client-side routes of the SPA.
    return reply.sendFile('index.html');
  });
  return app;
}
