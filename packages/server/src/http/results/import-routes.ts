import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';

/** Importing earlier years' published results (issue 11 §2). */
export const resultImportRoutes: FastifyPluginAsyncZod<HttpDeps> = async () => {};
