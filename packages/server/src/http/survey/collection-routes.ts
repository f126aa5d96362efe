import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';

/** Issue 13 — Survey collection: single-use links, QR codes, the public form, reminders. docs/api.md "Survey". */
export const surveyCollectionRoutes: FastifyPluginAsyncZod<HttpDeps> = async () => {};
