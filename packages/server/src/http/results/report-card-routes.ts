import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';

/** A unit's report card, lost points ledger and what-if (issue 11 §4–5). */
export const reportCardRoutes: FastifyPluginAsyncZod<HttpDeps> = async () => {};
