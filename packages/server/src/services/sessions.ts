import type { Config } from '../config/env';
import type { Database, Executor } from '../db/client';
import {
  findUserRowById,
  findUserRowByUsername,
  recordSuccessfulLogin,
  setUserPassword,
  type UserRow,
} from '../db/repositories/user-repository';
import {
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  findLiveSession,
  insertSession,
  touchSession,
  type SessionWithUser,
} from '../db/repositories/session-repository';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/password';
import { hashToken, randomToken } from '../auth/tokens';
import { systemClock, type Clock } from '../auth/clock';
import { NO_SCOPE, type Actor, type Role } from './actor';
import { recordAudit } from './audit';
import { AppError } from './errors';
import { beginAttempt, knownAddressDays, throttleAddress } from './login-throttle';
import { recentLoginAddresses } from '../db/repositories/login-throttle-repository';

/** Sessions and passwords: log in, authenticate a request, log out, change one's password. */
export interface SessionDeps {
  db: Database;
  config: Pick<Config, 'sessionHours' | 'loginMaxAttempts' | 'loginLockMinutes'>;
  clock?: Clock;
}

const invalidCredentials = () => new AppError('INVALID_CREDENTIALS', 'Tên đăng nhập hoặc mật khẩu không đúng.');

// Unknown user names still cost one argon2 verification, so timing does not tell who exists.
let dummyHash: Promise<string> | undefined;
const getDummyHash = () => (dummyHash ??= hashPassword(randomToken()));

const actorOf = (user: Pick<UserRow, 'id' | 'username' | 'unitId' | 'roles'>, ip: string | null): Actor => ({
  userId: user.id,
  username: user.username,
  unitId: user.unitId,
  roles: user.roles as Role[],
  scope: NO_SCOPE, // only the login's own audit line acts with it
  ip,
});

const anonymous = (ip: string | null): Actor => ({ userId: '', username: 'anonymous', unitId: '', roles: [], scope: NO_SCOPE, ip });

export interface LoginInput {
  username: string;
  password: string;
  ip: string | null;
  userAgent?: string | null;
}

export interface LoginResult {
  /** The cookie value; only its SHA-256 is stored. */
  token: string;
  session: SessionWithUser;
}

/** Whether `user` logged in from the address (its throttle key) in the last knownAddressDays; never for unknown names. */
async function loggedInFrom(executor: Executor, user: UserRow | undefined, address: string, now: Date): Promise<boolean> {
  if (!user) return false;
  const addresses = await recentLoginAddresses(executor, user.id, new Date(now.getTime() - knownAddressDays * 24 * 3_600_000));
  return addresses.some((ip) => throttleAddress(ip) === address);
}

/**
 * Logs in. Every attempt is counted for its account name and address first (login-throttle.ts): a
 * name held back at this address gets 429 with the wait, whether it exists or not; so does a wrong
 * password while the address or the name over all addresses is held.
 */
export async function login(deps: SessionDeps, input: LoginInput): Promise<LoginResult> {
  const now = (deps.clock ?? systemClock)();
  const { db, config } = deps;
  const username = input.username.trim().toLowerCase();
  const user = await findUserRowByUsername(db, username);
  const attempt = await beginAttempt(db, config, { account: username, address: input.ip, knownAddress: (executor, address) => loggedInFrom(executor, user, address, now) }, now);
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), input.password);
  if (!user || !passwordOk) {
    const held = attempt.failed();
    if (user) {
      // In a transaction: the audit chain holds its head until the transaction ends.
      await db.transaction((tx) =>
        recordAudit(tx, anonymous(input.ip), {
          entityType: 'user',
          entityId: user.id,
          action: 'login_failed',
          after: { failures: attempt.failures, ...(held ? { retryAfterSeconds: held.retryAfterSeconds } : {}) },
        }),
      );
    }
    throw held ?? invalidCredentials();
  }
  if (!user.active) {
    await attempt.succeeded(db);
    // Only said to someone who knows the password, so it reveals nothing to a guesser.
    throw new AppError('FORBIDDEN', 'Tài khoản này đã ngừng hoạt động. Hãy liên hệ quản trị viên nếu bạn cần dùng lại.');
  }

  const token = randomToken();
  const tokenHash = hashToken(token);
  const session = await db.transaction(async (tx) => {
    await attempt.succeeded(tx);
    await deleteExpiredSessions(tx, now);
    await recordSuccessfulLogin(tx, user.id, now);
    await insertSession(tx, {
      tokenHash,
      userId: user.id,
      csrfToken: randomToken(),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + config.sessionHours * 3_600_000),
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 500) ?? null,
    });
    await recordAudit(tx, actorOf(user, input.ip), { entityType: 'user', entityId: user.id, action: 'login' });
    return findLiveSession(tx, tokenHash, now);
  });
  return { token, session: session! };
}

/** Sessions are touched at most once a minute: the sliding expiry does not need more writes. */
const touchEveryMs = 60_000;

/** The live session of a cookie token, its expiry slid forward; undefined when none or inactive. */
export async function authenticate(deps: SessionDeps, token: string): Promise<SessionWithUser | undefined> {
  const now = (deps.clock ?? systemClock)();
  const session = await findLiveSession(deps.db, hashToken(token), now);
  if (!session || !session.user.active) return undefined;
  if (now.getTime() - session.lastSeenAt.getTime() >= touchEveryMs) {
    const expiresAt = new Date(now.getTime() + deps.config.sessionHours * 3_600_000);
    await touchSession(deps.db, session.tokenHash, now, expiresAt);
    session.expiresAt = expiresAt;
    session.lastSeenAt = now;
  }
  return session;
}

export async function logout(deps: SessionDeps, actor: Actor, tokenHash: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    if (await deleteSession(tx, tokenHash)) {
      await recordAudit(tx, actor, { entityType: 'user', entityId: actor.userId, action: 'logout' });
    }
  });
}

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

/**
 * Changes the actor's own password: checks the current one and the policy, clears the forced
 * change, and ends the user's other sessions (this one stays).
 */
export async function changeOwnPassword(deps: SessionDeps, actor: Actor, currentTokenHash: string, input: ChangePasswordInput): Promise<void> {
  const now = (deps.clock ?? systemClock)();
  const user = await findUserRowById(deps.db, actor.userId);
  if (!user) throw new AppError('UNAUTHENTICATED', 'Bạn cần đăng nhập để tiếp tục.');
  // Wrong current passwords count like failed logins, and also per account from any address.
  const attempt = await beginAttempt(deps.db, deps.config, { account: user.username, address: actor.ip, anyAddress: true }, now);
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw attempt.failed() ?? new AppError('VALIDATION_FAILED', 'Mật khẩu hiện tại không đúng.', [{ path: 'currentPassword', message: 'Mật khẩu hiện tại không đúng.' }]);
  }
  await attempt.succeeded(deps.db);
  const problem =
    input.newPassword === input.currentPassword ? 'Mật khẩu mới phải khác mật khẩu hiện tại.' : passwordProblem(input.newPassword, user.username);
  if (problem) throw new AppError('VALIDATION_FAILED', problem, [{ path: 'newPassword', message: problem }]);
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction(async (tx) => {
    await setUserPassword(tx, user.id, { passwordHash, mustChangePassword: false }, now);
    const ended = await deleteUserSessions(tx, user.id, currentTokenHash);
    await recordAudit(tx, actor, {
      entityType: 'user',
      entityId: user.id,
      action: 'password_change',
      before: { mustChangePassword: user.mustChangePassword },
      after: { mustChangePassword: false, otherSessionsEnded: ended },
    });
  });
}
