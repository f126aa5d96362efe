/**
 * The @fastify/rate-limit store of chiso: counts in the database (rate_limit_hits, one atomic upsert
 * per request), so a limit counted on one process applies on every other one on the same
 * PostgreSQL. The same code runs on the embedded PGlite. Windows that are over are deleted at most
 * once a minute per process, after a request, in the background.
 */
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Database } from '../db/client';
import { deleteExpiredRateLimits, hitRateLimit, readRateLimit, type RateLimitCount } from '../db/repositories/rate-limit-repository';

type Done = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** Options the plugin hands a store (only what this one reads). */
interface StoreOptions {
  continueExceeding?: boolean;
  exponentialBackoff?: boolean;
  routeInfo?: { method?: string | string[]; url?: string };
}

const CLEANUP_EVERY_MS = 60_000;

/** The store class for `app.register(rateLimit, { store: databaseRateLimitStore(db) })`. */
export function databaseRateLimitStore(db: Database): FastifyRateLimitStoreCtor {
  let lastCleanup = 0;
  const cleanUp = () => {
    const now = Date.now();
    if (now - lastCleanup < CLEANUP_EVERY_MS) return;
    lastCleanup = now;
    // Best effort: a window left over is harmless (the next hit restarts it) and goes next time.
    deleteExpiredRateLimits(db).catch(() => {});
  };
  const answer = (done: Done, work: Promise<RateLimitCount>) =>
    work.then(
      (r) => done(null, { current: r.count, ttl: r.ttlMs }),
      (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
    );

  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    private readonly prefix: string;

    constructor(options: object = {}, prefix = '') {
      // Neither is used by chiso; refuse rather than silently count differently from the plugin's own stores.
      const { continueExceeding, exponentialBackoff } = options as StoreOptions;
      if (continueExceeding || exponentialBackoff) throw new Error('The database rate-limit store supports neither continueExceeding nor exponentialBackoff');
      this.prefix = prefix;
    }

    incr(key: string, done: Done, timeWindow: number): void {
      void answer(done, hitRateLimit(db, this.prefix + key, timeWindow)).finally(cleanUp);
    }

    read(key: string, done: Done): void {
      void answer(done, readRateLimit(db, this.prefix + key));
    }

    /** A route's own limit: its counts apart from the others' (`app.createRateLimit` names its keys itself). */
    child(routeOptions: object): DatabaseRateLimitStore {
      // The plugin passes the route's merged options, with `routeInfo` (empty for `app.createRateLimit`).
      const { method, url } = (routeOptions as StoreOptions).routeInfo ?? {};
      return new DatabaseRateLimitStore(routeOptions, url ? `${[method].flat().join(',')} ${url}|` : this.prefix);
    }
  };
}
