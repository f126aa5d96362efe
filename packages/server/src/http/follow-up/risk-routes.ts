import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';

/** Follow-up, issue 12: Mid-year risk of losing points (§5). */
export const midYearRiskRoutes: FastifyPluginAsyncZod<HttpDeps> = async () => {};
