import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';

/** Follow-up, issue 12: Remediation plans (§2). */
export const remediationRoutes: FastifyPluginAsyncZod<HttpDeps> = async () => {};
