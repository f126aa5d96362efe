import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';

/** Follow-up, issue 12: Targets of a resolution or plan (§3). */
export const targetRoutes: FastifyPluginAsyncZod<HttpDeps> = async () => {};
