import type { Database, Executor } from '../db/client';
import {
  countOtherActiveAdmins,
  findOpenUnit,
  findUserRowById,
  findUserRowByUsername,
  findUserWithUnit,
  insertUser,
  listUsersWithUnit,
  setUserPassword,
  updateUserVersioned,
  type UserFilter,
  type UserPatch,
  type UserRow,
  type UserWithUnit,
} from '../db/repositories/user-repository';
import { deleteUserSessions } from '../db/repositories/session-repository';
import { clearAccountThrottles } from '../db/repositories/login-throttle-repository';
import { generateOneTimePassword, hashPassword, passwordProblem } from '../auth/password';
import { systemClock, type Clock } from '../auth/clock';
import type { Actor, Role } from './actor';
import { accountListUnit } from './policies/account';
import { assertAdministrator } from './policies/roles';
import { recordAudit } from './audit';
import { AppError, msg, notFound, ruleViolation, staleVersion } from './errors';
import { usernamePattern } from '@chiso/contract';

/** Accounts administration: list, create, edit, deactivate, reset passwords. */
export interface AccountDeps {
  db: Database;
  clock?: Clock;
}

const invalid = (path: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ path, message }]);

/** What the audit trail keeps of a user: never the password hash. */
function auditView(user: Pick<UserRow, 'username' | 'fullName' | 'email' | 'unitId' | 'roles' | 'active' | 'mustChangePassword'>) {
  return {
    username: user.username,
    fullName: user.fullName,
    email: user.email,
    unitId: user.unitId,
    roles: user.roles,
    active: user.active,
    mustChangePassword: user.mustChangePassword,
  };
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

const duplicateUsername = (username: string) =>
  new AppError('DUPLICATE', msg('conflict.username', { username }), [{ path: 'username', ...msg('conflict.usernameField') }]);

async function requireOpenUnit(executor: Executor, unitId: string) {
  const unit = await findOpenUnit(executor, unitId);
  if (!unit) throw invalid('unitId', 'Đơn vị không tồn tại hoặc đã giải thể.');
  return unit;
}

/**
 * Users the actor may see: the administrator all of them, a unit head those of the own unit;
 * everyone else is refused.
 */
export async function listUsers(deps: AccountDeps, actor: Actor, filter: UserFilter): Promise<UserWithUnit[]> {
  const unitId = accountListUnit(actor, filter.unitId);
  return listUsersWithUnit(deps.db, unitId === filter.unitId ? filter : { ...filter, unitId });
}

export interface CreateUserInput {
  username: string;
  fullName: string;
  email?: string | null;
  unitId: string;
  roles: Role[];
  password?: string;
}

export async function createUser(deps: AccountDeps, actor: Actor, input: CreateUserInput): Promise<{ user: UserWithUnit; temporaryPassword?: string }> {
  assertAdministrator(actor);
  const now = (deps.clock ?? systemClock)();
  const username = input.username.trim().toLowerCase();
  if (!usernamePattern.test(username)) throw invalid('username', 'Tên đăng nhập gồm 3–64 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới.');
  let temporaryPassword: string | undefined;
  let password = input.password;
  if (password === undefined) {
    temporaryPassword = generateOneTimePassword();
    password = temporaryPassword;
  } else {
    const problem = passwordProblem(password, username);
    if (problem) throw invalid('password', problem);
  }
  const passwordHash = await hashPassword(password);
  try {
    const user = await deps.db.transaction(async (tx) => {
      await requireOpenUnit(tx, input.unitId);
      if (await findUserRowByUsername(tx, username)) throw duplicateUsername(username);
      const row = await insertUser(tx, {
        username,
        fullName: input.fullName.trim(),
        email: input.email?.trim() || null,
        unitId: input.unitId,
        roles: [...new Set(input.roles)],
        passwordHash,
        // A generated password is one-time; a password the administrator chose is the user's to keep.
        mustChangePassword: temporaryPassword !== undefined,
        createdAt: now,
        updatedAt: now,
      });
      await recordAudit(tx, actor, { entityType: 'user', entityId: row.id, action: 'create', after: auditView(row) });
      return (await findUserWithUnit(tx, row.id))!;
    });
    return temporaryPassword === undefined ? { user } : { user, temporaryPassword };
  } catch (error) {
    if (!(error instanceof AppError) && isUniqueViolation(error)) throw duplicateUsername(username);
    throw error;
  }
}

export interface UpdateUserInput {
  version: number;
  fullName?: string;
  email?: string | null;
  unitId?: string;
  roles?: Role[];
  active?: boolean;
  reason?: string | null;
}

/**
 * Edits a user with optimistic concurrency: a stale `version` gets 409 with the current record
 * (shown through `present`). Deactivating ends the user's sessions. At least one active
 * administrator always remains, and nobody deactivates themselves.
 */
export async function updateUser(
  deps: AccountDeps,
  actor: Actor,
  id: string,
  input: UpdateUserInput,
  present: (user: UserWithUnit) => unknown = (user) => user,
): Promise<UserWithUnit> {
  assertAdministrator(actor);
  const now = (deps.clock ?? systemClock)();
  return deps.db.transaction(async (tx) => {
    const current = await findUserRowById(tx, id);
    if (!current) throw notFound('tài khoản');
    if (current.version !== input.version) throw staleVersion(present((await findUserWithUnit(tx, id))!));

    const patch: UserPatch = {};
    if (input.fullName !== undefined && input.fullName.trim() !== current.fullName) patch.fullName = input.fullName.trim();
    if (input.email !== undefined) {
      const email = input.email?.trim() || null;
      if (email !== current.email) patch.email = email;
    }
    if (input.unitId !== undefined && input.unitId !== current.unitId) {
      await requireOpenUnit(tx, input.unitId);
      patch.unitId = input.unitId;
    }
    if (input.roles !== undefined) {
      const roles = [...new Set(input.roles)];
      const same = roles.length === current.roles.length && roles.every((role) => current.roles.includes(role));
      if (!same) patch.roles = roles;
    }
    if (input.active !== undefined && input.active !== current.active) patch.active = input.active;
    if (Object.keys(patch).length === 0) return (await findUserWithUnit(tx, id))!;

    if (patch.active === false && id === actor.userId) throw ruleViolation('Bạn không thể tự ngừng tài khoản của chính mình.');
    const wasAdmin = current.active && current.roles.includes('admin');
    const staysAdmin = (patch.active ?? current.active) && (patch.roles ?? current.roles).includes('admin');
    if (wasAdmin && !staysAdmin && (await countOtherActiveAdmins(tx, id)) === 0) {
      throw ruleViolation('Phải còn ít nhất một quản trị viên đang hoạt động.');
    }

    const updated = await updateUserVersioned(tx, id, input.version, patch, now);
    if (!updated) throw staleVersion(present((await findUserWithUnit(tx, id))!));
    let sessionsEnded = 0;
    if (patch.active === false) sessionsEnded = await deleteUserSessions(tx, id);

    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const currentView = auditView(current);
    const updatedView = auditView(updated);
    for (const key of Object.keys(patch) as (keyof typeof currentView)[]) {
      before[key] = currentView[key];
      after[key] = updatedView[key];
    }
    if (sessionsEnded) after.sessionsEnded = sessionsEnded;
    const action = patch.active === false ? 'deactivate' : patch.active === true ? 'activate' : 'update';
    await recordAudit(tx, actor, { entityType: 'user', entityId: id, action, before, after, reason: input.reason ?? null });
    return (await findUserWithUnit(tx, id))!;
  });
}

/**
 * A new one-time password for a user (returned once): forced change at next login, the login
 * delays on the account lifted, every session of that user ended.
 */
export async function resetPassword(deps: AccountDeps, actor: Actor, id: string, reason?: string | null): Promise<{ temporaryPassword: string }> {
  assertAdministrator(actor);
  if (id === actor.userId) throw ruleViolation('Hãy dùng chức năng “Đổi mật khẩu” cho tài khoản của chính bạn.');
  const now = (deps.clock ?? systemClock)();
  const temporaryPassword = generateOneTimePassword();
  const passwordHash = await hashPassword(temporaryPassword);
  await deps.db.transaction(async (tx) => {
    const user = await findUserRowById(tx, id);
    if (!user) throw notFound('tài khoản');
    await setUserPassword(tx, id, { passwordHash, mustChangePassword: true }, now);
    const sessionsEnded = await deleteUserSessions(tx, id);
    const throttles = await clearAccountThrottles(tx, user.username, now);
    await recordAudit(tx, actor, {
      entityType: 'user',
      entityId: id,
      action: 'reset_password',
      before: { mustChangePassword: user.mustChangePassword, heldBackAddresses: throttles.held },
      after: { mustChangePassword: true, heldBackAddresses: 0, sessionsEnded },
      reason: reason ?? null,
    });
  });
  return { temporaryPassword };
}
