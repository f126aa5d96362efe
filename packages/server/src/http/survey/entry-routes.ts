import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';

/** Issue 13 — Survey entry: paper double entry and answer imports. docs/api.md "Survey". */
export const surveyEntryRoutes: FastifyPluginAsyncZod<HttpDeps> = async () => {};
