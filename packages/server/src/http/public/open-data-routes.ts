import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';

/** The public site's per-unit pages and open data downloads (issue 11 §7). */
export const openDataRoutes: FastifyPluginAsyncZod<HttpDeps> = async () => {};
