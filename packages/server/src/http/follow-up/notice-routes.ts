import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';

/** Follow-up, issue 12: Conclusion notices and their tasks (§1). */
export const noticeRoutes: FastifyPluginAsyncZod<HttpDeps> = async () => {};
