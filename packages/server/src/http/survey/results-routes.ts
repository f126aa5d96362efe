import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';

/** Issue 13 — Survey quality, scoring, closing and results. docs/api.md "Survey". */
export const surveyResultsRoutes: FastifyPluginAsyncZod<HttpDeps> = async () => {};
