import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';

/** Year over year of published results (issue 11 §1), logged in and public. */
export const yearOverYearRoutes: FastifyPluginAsyncZod<HttpDeps> = async () => {};
