import type { Config } from '../config/env';
import type { Database } from '../db/client';
import {
  findUserRowById,
  findUserRowByUsername,
  recordFailedLogin,
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
import type { Actor, Role } from './actor';
import { recordAudit } from './audit';
import { AppError } from './errors';

/** Sessions and passwords: log in, authenticate a request, log out, change one's password. */
export interface SessionDeps {
  db: Database;
  config: Pick<Config, 'sessionHours' | 'loginMaxAttempts' | 'loginLockMinutes'>;
  clock?: Clock;
}

const invalidCredentials = () => new AppError('INVALID_CREDENTIALS', 'Tên đăng nhập hoặc mật khẩu không đúng.');

/** "10:15 ngày 23/11/2026" in Asia/Ho_Chi_Minh (UTC+7, no daylight saving). */
export function formatLocalTime(at: Date): string {
  const local = new Date(at.getTime() + 7 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())} ngày ${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`;
}

export function accountLocked(until: Date): AppError {
  return new AppError(
    'ACCOUNT_LOCKED',
    `Tài khoản đang tạm khóa vì nhập sai mật khẩu nhiều lần. Hãy thử lại sau ${formatLocalTime(until)}, hoặc nhờ quản trị viên đặt lại mật khẩu.`,
    [{ path: 'lockedUntil', message: `Mở khóa lúc ${formatLocalTime(until)}`, current: until.toISOString() }],
  );
}

// Unknown user names still cost one argon2 verification, so timing does not tell who exists.
let dummyHash: Promise<string> | undefined;
const getDummyHash = () => (dummyHash ??= hashPassword(randomToken()));

const actorOf = (user: Pick<UserRow, 'id' | 'username' | 'unitId' | 'roles'>, ip: string | null): Actor => ({
  userId: user.id,
  username: user.username,
  unitId: user.unitId,
  roles: user.roles as Role[],
  ip,
});

const anonymous = (ip: string | null): Actor => ({ userId: '', username: 'anonymous', unitId: '', roles: [], ip });

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

export async function login(deps: SessionDeps, input: LoginInput): Promise<LoginResult> {
  const now = (deps.clock ?? systemClock)();
  const { db, config } = deps;
  const username = input.username.trim().toLowerCase();
  const user = await findUserRowByUsername(db, username);
  if (!user) {
    await verifyPassword(await getDummyHash(), input.password);
    throw invalidCredentials();
  }
  if (user.lockedUntil && user.lockedUntil > now) throw accountLocked(user.lockedUntil);

  const passwordOk = await verifyPassword(user.passwordHash, input.password);
  if (!passwordOk) {
    const result = await db.transaction(async (tx) => {
      const counted = await recordFailedLogin(tx, user.id, now, config.loginMaxAttempts, config.loginLockMinutes);
      const lockedNow = counted.lockedUntil !== null && counted.lockedUntil > now && (!user.lockedUntil || user.lockedUntil <= now);
      await recordAudit(tx, anonymous(input.ip), { entityType: 'user', entityId: user.id, action: 'login_failed', after: { failedLoginCount: counted.failedLoginCount } });
      if (lockedNow) {
        await recordAudit(tx, anonymous(input.ip), {
          entityType: 'user',
          entityId: user.id,
          action: 'lock',
          after: { lockedUntil: counted.lockedUntil!.toISOString(), failedLoginCount: counted.failedLoginCount },
          reason: `Nhập sai mật khẩu ${counted.failedLoginCount} lần`,
        });
      }
      return { counted, lockedNow };
    });
    if (result.lockedNow) throw accountLocked(result.counted.lockedUntil!);
    throw invalidCredentials();
  }
  if (!user.active) {
    // Only said to someone who knows the password, so it reveals nothing to a guesser.
    throw new AppError('FORBIDDEN', 'Tài khoản này đã ngừng hoạt động. Hãy liên hệ quản trị viên nếu bạn cần dùng lại.');
  }

  const token = randomToken();
  const tokenHash = hashToken(token);
  const session = await db.transaction(async (tx) => {
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
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError('VALIDATION_FAILED', 'Mật khẩu hiện tại không đúng.', [{ path: 'currentPassword', message: 'Mật khẩu hiện tại không đúng.' }]);
  }
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
