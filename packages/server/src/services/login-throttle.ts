import { isIPv6 } from 'node:net';
import type { MessageParams } from '@chiso/core';
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
import { AppError, msg } from './errors';

/**
 * Growing delays after failed logins and wrong current passwords, instead of locking an account
 * from everywhere (which let anyone lock out anyone). Three counts per login, all in the database
 * (several server processes share them):
 * - the name at the address: after CHISO_LOGIN_MAX_ATTEMPTS failures every attempt of that name
 *   from there waits, the right password too; a guesser holds back only themselves;
 * - the address over all names (password spraying) and the name over all addresses (distributed
 *   guessing): these only delay *failures*, so nobody can keep the real user out through them.
 *   While the address is held, a wrong password answers 429 and a right one gets in. While the name
 *   is held, addresses that logged in as it recently are not held at all, and every other address
 *   waits, the right password too: otherwise each new address would still test guesses.
 * Names are counted whether they exist or not, so the answers say nothing about who exists.
 */
export type ThrottleConfig = Pick<Config, 'loginMaxAttempts' | 'loginLockMinutes'>;

/** Failures of all names from one address in an hour before its failures are delayed (password spraying). */
export const addressFreeFailures = 100;
/** Failures of one name from all addresses in an hour before addresses it did not log in from wait. */
export const accountFreeFailures = 20;
/** How long a successful login keeps its address known to the name (not held by the name's count). */
export const knownAddressDays = 90;
/** The first delay, doubled at each further failure up to CHISO_LOGIN_LOCK_MINUTES. */
export const firstDelaySeconds = 30;
const day = 24 * 3600;
const hour = 3600;

/** The key of an address in the counts: an IPv6 address counts as its /64 (one subscriber holds a whole /64). */
export function throttleAddress(ip: string | null): string {
  if (ip === null) return '-';
  const text = ip.split('%')[0]!;
  if (!isIPv6(text)) return text;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  const hex = dotted ? `${text.slice(0, -dotted[0].length)}${((+dotted[1]! << 8) | +dotted[2]!).toString(16)}:${((+dotted[3]! << 8) | +dotted[4]!).toString(16)}` : text;
  const [head = '', tail] = hex.split('::');
  const split = (part: string) => (part ? part.split(':') : []);
  const groups = tail === undefined ? split(head) : [...split(head), ...Array<string>(8 - split(head).length - split(tail).length).fill('0'), ...split(tail)];
  const words = groups.map((g) => parseInt(g, 16));
  // An IPv4 client on a dual-stack socket (::ffff:a.b.c.d) counts as that IPv4 address.
  if (words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff) return [words[6]! >> 8, words[6]! & 255, words[7]! >> 8, words[7]! & 255].join('.');
  return `${words.slice(0, 4).map((w) => w.toString(16)).join(':')}::/64`;
}

/** The address key of the name's count over all addresses at the login page ('' is the password change's). */
const everyAddressAtLogin = '*';

function policies(config: ThrottleConfig) {
  const maxSeconds = config.loginLockMinutes * 60;
  const delays = { baseSeconds: firstDelaySeconds, maxSeconds };
  return {
    nameAtAddress: { freeFailures: config.loginMaxAttempts, ...delays, forgetAfterSeconds: day },
    address: { freeFailures: addressFreeFailures, ...delays, forgetAfterSeconds: hour },
    nameAtLogin: { freeFailures: accountFreeFailures, ...delays, forgetAfterSeconds: hour },
  } satisfies Record<string, ThrottlePolicy>;
}

/** The one answer to a held-back attempt: the same for every name, existing or not ("30 giây", "900 giây (khoảng 15 phút)"). */
export function throttled(seconds: number): AppError {
  const long = seconds >= 120;
  const params: MessageParams = long ? { seconds, minutes: Math.ceil(seconds / 60) } : { seconds };
  return new AppError(
    'RATE_LIMITED',
    msg(long ? 'auth.loginThrottledLong' : 'auth.loginThrottled', params),
    [{ path: 'retryAfter', ...msg(long ? 'auth.retryAfterLong' : 'auth.retryAfter', params), current: seconds }],
    seconds,
  );
}

const secondsUntil = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

export interface ThrottledAttempt {
  /** Failures of the name from this address so far, this attempt included. */
  failures: number;
  /**
   * The attempt turned out wrong: answers 429 when this failure starts a delay or a count that
   * delays failures is held, otherwise nothing (the caller answers as usual).
   */
  failed(): AppError | undefined;
  /** The password was right: the attempt no longer counts, and the name's delays at this address end. */
  succeeded(executor: Executor): Promise<void>;
}

/**
 * What a held key does: `attempts` holds every attempt (429 before the password is checked),
 * `failures` only wrong passwords, `unknownAddresses` every attempt from an address that did not log
 * in as the name recently. `onSuccess`: a right password deletes the row or takes back its count.
 */
interface CountedKey {
  key: ThrottleKey;
  policy: ThrottlePolicy;
  holds: 'attempts' | 'failures' | 'unknownAddresses';
  onSuccess: 'delete' | 'uncount';
}

/**
 * Counts an attempt on `account` from `address` before the password is checked; throws 429 when
 * a key that holds attempts is held back (nothing counted then). For a login, `knownAddress` says
 * whether the name logged in from this address recently (false for unknown names). `anyAddress`
 * (the password change: only someone with a session reaches it, so it cannot keep the real user out
 * at the login page) adds the account's row over all addresses, which holds every attempt.
 */
export async function beginAttempt(
  db: Database,
  config: ThrottleConfig,
  input: { account: string; address: string | null } & ({ anyAddress: true } | { knownAddress: (executor: Executor, address: string) => Promise<boolean> }),
  now: Date,
): Promise<ThrottledAttempt> {
  const policy = policies(config);
  const address = throttleAddress(input.address);
  const nameAtAddress: CountedKey = { key: { address, account: input.account }, policy: policy.nameAtAddress, holds: 'attempts', onSuccess: 'delete' };
  const keys: CountedKey[] = [
    nameAtAddress,
    { key: { address, account: '' }, policy: policy.address, holds: 'failures', onSuccess: 'uncount' },
    'anyAddress' in input
      ? { key: { address: '', account: input.account }, policy: policy.nameAtAddress, holds: 'attempts', onSuccess: 'delete' }
      : { key: { address: everyAddressAtLogin, account: input.account }, policy: policy.nameAtLogin, holds: 'unknownAddresses', onSuccess: 'uncount' },
  ];
  await forgetStaleThrottles(db, now);
  const { counted, holds } = await db.transaction(async (tx) => {
    const counted: { key: CountedKey; failures: number }[] = [];
    const holds: Date[] = [];
    // Whether a held key applies here: a known address is not held by the name's count at all.
    const appliesHere = async (key: CountedKey) => key.holds !== 'unknownAddresses' || !('knownAddress' in input && (await input.knownAddress(tx, address)));
    for (const key of keys) {
      const result = await countAttempt(tx, key.key, key.policy, now);
      if (result.counted) counted.push({ key, failures: result.failures });
      const until = result.blockedUntil;
      if (!until || until <= now || !(await appliesHere(key))) continue;
      // Throwing rolls back what this attempt counted on the keys before.
      if (!result.counted && key.holds !== 'failures') throw throttled(secondsUntil(until, now));
      holds.push(until);
    }
    return { counted, holds };
  });
  return {
    failures: counted.find((c) => c.key === nameAtAddress)!.failures,
    failed: () => (holds.length ? throttled(secondsUntil(new Date(Math.max(...holds.map((d) => d.getTime()))), now)) : undefined),
    succeeded: async (executor) => {
      for (const { key } of counted) {
        if (key.onSuccess === 'delete') await deleteThrottle(executor, key.key);
        else await uncountAttempt(executor, key.key, key.policy);
      }
    },
  };
}

/** Drops rows that would start afresh anyway (a day without failures), on every attempt so random names cannot grow the table. */
export async function forgetStaleThrottles(executor: Executor, now: Date): Promise<void> {
  await deleteStaleThrottles(executor, new Date(now.getTime() - day * 1000));
}
