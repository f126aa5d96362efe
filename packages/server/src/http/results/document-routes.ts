import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';

/** Official documents of published results (issue 11 §6): report, decision, print-layout XLSX. */
export const resultDocumentRoutes: FastifyPluginAsyncZod<HttpDeps> = async () => {};
