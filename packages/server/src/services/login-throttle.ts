import type { Config } from '../config/env';
import type { Database, Executor } from '../db/client';
import {
  countAttempt,
  deleteStaleThrottles,
  deleteThrottle,
  uncountAttempt,
  type ThrottleKey,
  type ThrottlePolicy,
} from '../db/repositories/login-throttle-repository';
import { AppError } from './errors';

/**
 * Growing delays after failed logins and wrong current passwords, instead of locking an account
 * from everywhere (which let anyone lock out anyone). Failures count per account name and address:
 * a guesser at one address holds back only that name at that address, never the real user at
 * another. Names are counted whether they exist or not, so the answers say nothing about who
 * exists. The counts live in the database, so several server processes share them.
 */
export type ThrottleConfig = Pick<Config, 'loginMaxAttempts' | 'loginLockMinutes'>;

/** Failures of all names from one address in an hour before its delays start (password spraying). */
export const addressFreeFailures = 100;
/** The first delay, doubled at each further failure up to CHISO_LOGIN_LOCK_MINUTES. */
export const firstDelaySeconds = 30;
const day = 24 * 3600;

function policies(config: ThrottleConfig) {
  const maxSeconds = config.loginLockMinutes * 60;
  const account: ThrottlePolicy = { freeFailures: config.loginMaxAttempts, baseSeconds: firstDelaySeconds, maxSeconds, forgetAfterSeconds: day };
  const address: ThrottlePolicy = { freeFailures: addressFreeFailures, baseSeconds: firstDelaySeconds, maxSeconds, forgetAfterSeconds: 3600 };
  return { account, address };
}

/** "30 giây", "900 giây (15 phút)". */
function waitText(seconds: number): string {
  return seconds >= 120 ? `${seconds} giây (khoảng ${Math.ceil(seconds / 60)} phút)` : `${seconds} giây`;
}

/** The one answer to a held-back attempt: the same for every name, existing or not. */
export function throttled(seconds: number): AppError {
  return new AppError(
    'RATE_LIMITED',
    `Đã nhập sai mật khẩu nhiều lần. Thử lại sau ${waitText(seconds)}.`,
    [{ path: 'retryAfter', message: `Thử lại sau ${waitText(seconds)}`, current: seconds }],
    seconds,
  );
}

const secondsUntil = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

export interface ThrottledAttempt {
  /** Failures of the name from this address so far, this attempt included. */
  failures: number;
  /**
   * The attempt turned out wrong: answers 429 when this failure starts a delay, otherwise
   * nothing (the caller answers as usual).
   */
  failed(): AppError | undefined;
  /** The password was right: the attempt no longer counts, and the name's delays at this address end. */
  succeeded(executor: Executor): Promise<void>;
}

/**
 * Counts an attempt on `account` from `address` before the password is checked; throws 429 when
 * one of its keys is held back (nothing counted then). `anyAddress` adds the account's own row over
 * all addresses (the password change: only someone with a session reaches it, so it cannot be used
 * to keep the real user out at the login page).
 */
export async function beginAttempt(
  db: Database,
  config: ThrottleConfig,
  input: { account: string; address: string | null; anyAddress?: boolean },
  now: Date,
): Promise<ThrottledAttempt> {
  const { account: accountPolicy, address: addressPolicy } = policies(config);
  const address = input.address ?? '';
  const keys: { key: ThrottleKey; policy: ThrottlePolicy }[] = [
    { key: { address, account: '' }, policy: addressPolicy },
    { key: { address, account: input.account }, policy: accountPolicy },
    ...(input.anyAddress ? [{ key: { address: '', account: input.account }, policy: accountPolicy }] : []),
  ];
  const counted = await db.transaction(async (tx) => {
    const results = [];
    for (const { key, policy } of keys) {
      const result = await countAttempt(tx, key, policy, now);
      // Throwing rolls back what this attempt counted on the keys before.
      if (!result.counted) throw throttled(secondsUntil(result.blockedUntil, now));
      results.push(result);
    }
    return results;
  });
  const blockedUntil = counted.map((c) => c.blockedUntil).filter((d): d is Date => d !== null && d > now);
  return {
    failures: counted[1]!.failures,
    failed: () => (blockedUntil.length ? throttled(secondsUntil(new Date(Math.max(...blockedUntil.map((d) => d.getTime()))), now)) : undefined),
    succeeded: async (executor) => {
      await uncountAttempt(executor, keys[0]!.key, addressPolicy);
      for (const { key } of keys.slice(1)) await deleteThrottle(executor, key);
    },
  };
}

/** Drops rows that would start afresh anyway (a day without failures). */
export async function forgetStaleThrottles(executor: Executor, now: Date): Promise<void> {
  await deleteStaleThrottles(executor, new Date(now.getTime() - day * 1000));
}
