/**
 * One log line per request, written when the answer went out: method, url, status, duration and
 * user. Fastify's default writes two (incoming, completed) with every header; an official reading
 * the log of a province's server wants one readable line, and none for the web app's files.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LogController } from 'fastify';

/** The SPA's files and its index.html fallback, and the API explorer's assets: never logged. */
export function isStaticRequest(url: string): boolean {
  return !url.startsWith('/api/') || url.startsWith('/api/docs/static/');
}

const isHealth = (url: string) => url === '/api/health' || url.startsWith('/api/health?');

/**
 * What the line names: the path, except on the public routes (`/api/public/...`), whose path holds a
 * secret (a survey link's single-use token names the sampled respondent through the invitation):
 * there the route's pattern (`/api/public/surveys/:token/responses`), never the token.
 */
export function loggedUrl(request: FastifyRequest): string {
  if (!request.url.startsWith('/api/public/')) return request.url;
  return request.routeOptions.url ?? '/api/public/…';
}

export class RequestLogController extends LogController {
  override incomingRequest(): void {
    // The completion line says everything; nothing when the request starts.
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (isStaticRequest(request.url) && !error) return;
    const url = loggedUrl(request);
    const line = {
      method: request.method,
      url,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
      user: request.actor?.username ?? null,
    };
    const msg = `${line.method} ${url} ${line.status} ${line.ms} ms${line.user ? ` ${line.user}` : ''}`;
    if (error) reply.log.error({ ...line, err: error }, msg);
    else if (isHealth(url)) reply.log.debug(line, msg);
    else reply.log.info(line, msg);
  }

  override routeNotFound(): void {
    // The completion line of the 404 is enough.
  }
}
