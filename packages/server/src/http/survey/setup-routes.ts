import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';

/** Issue 13 — Survey setup: surveys, questionnaires, quotas, respondent lists, samples. docs/api.md "Survey". */
export const surveySetupRoutes: FastifyPluginAsyncZod<HttpDeps> = async () => {};
