import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';

/** Follow-up, issue 12: External indices (§4). */
export const externalIndexRoutes: FastifyPluginAsyncZod<HttpDeps> = async () => {};
