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
import { isAnyAdmin, type Actor, type Role } from './actor';
import { accountListUnit, assertAdministersAccount, grantedScope, hasOrganisationRoles } from './policies/account';
import { recordAudit } from './audit';
import { AppError, forbidden, msg, notFound, ruleViolation, staleVersion } from './errors';
import { usernamePattern } from '@chiso/contract';

/** Accounts administration: list, create, edit, deactivate, reset passwords. */
export interface AccountDeps {
  db: Database;
  clock?: Clock;
}

const invalid = (path: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ path, message }]);

/** What the audit trail keeps of a user: never the password hash. */
function auditView(user: Pick<UserRow, 'username' | 'fullName' | 'email' | 'unitId' | 'roles' | 'scopeUnitId' | 'active' | 'mustChangePassword'>) {
  return {
    username: user.username,
    fullName: user.fullName,
    email: user.email,
    unitId: user.unitId,
    roles: user.roles,
    scopeUnitId: user.scopeUnitId,
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

async function requireOpenUnit(executor: Executor, unitId: string, path = 'unitId') {
  const unit = await findOpenUnit(executor, unitId);
  if (!unit) throw invalid(path, 'Đơn vị không tồn tại hoặc đã giải thể.');
  return unit;
}

/** Only an administrator (the province's, or an organisation's for its own units) manages accounts. */
function assertAnyAdministrator(actor: Actor): void {
  if (!isAnyAdmin(actor)) throw forbidden('Chỉ quản trị viên được quản lý tài khoản.');
}

/**
 * Users the actor may see: the province's administrator all of them, an organisation's
 * administrator those of the units in its scope, a unit head those of the own unit; everyone else
 * is refused.
 */
export async function listUsers(deps: AccountDeps, actor: Actor, filter: UserFilter): Promise<UserWithUnit[]> {
  const allowed = accountListUnit(actor, filter.unitId);
  return listUsersWithUnit(deps.db, { ...filter, unitId: allowed.unitId, unitIds: allowed.unitIds });
}

export interface CreateUserInput {
  username: string;
  fullName: string;
  email?: string | null;
  unitId: string;
  roles: Role[];
  /** Where its organisation-wide roles apply (null: the province's; absent: the actor's own scope). */
  scopeUnitId?: string | null;
  password?: string;
}

export async function createUser(deps: AccountDeps, actor: Actor, input: CreateUserInput): Promise<{ user: UserWithUnit; temporaryPassword?: string }> {
  assertAnyAdministrator(actor);
  const roles = [...new Set(input.roles)];
  const scopeUnitId = grantedScope(actor, roles, input.scopeUnitId);
  assertAdministersAccount(actor, { unitId: input.unitId, roles, scopeUnitId });
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
      if (scopeUnitId !== null) await requireOpenUnit(tx, scopeUnitId, 'scopeUnitId');
      if (await findUserRowByUsername(tx, username)) throw duplicateUsername(username);
      const row = await insertUser(tx, {
        username,
        fullName: input.fullName.trim(),
        email: input.email?.trim() || null,
        unitId: input.unitId,
        roles,
        scopeUnitId,
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
  /** Where its organisation-wide roles apply: a unit, or null for the province's. */
  scopeUnitId?: string | null;
  active?: boolean;
  reason?: string | null;
}

/** The scope an edited account ends with: the one asked for, else its own while it keeps organisation-wide roles. */
function nextScope(actor: Actor, current: UserRow, roles: readonly Role[], requested: string | null | undefined): string | null {
  if (requested !== undefined) return grantedScope(actor, roles, requested);
  if (!hasOrganisationRoles(roles)) return null;
  return hasOrganisationRoles(current.roles) ? current.scopeUnitId : grantedScope(actor, roles, undefined);
}

/** The province's administrator: active, administrator, province scope. */
const isProvinceAdmin = (user: Pick<UserRow, 'active' | 'roles' | 'scopeUnitId'>) => user.active && user.roles.includes('admin') && user.scopeUnitId === null;

/**
 * Edits a user with optimistic concurrency: a stale `version` gets 409 with the current record
 * (shown through `present`). Deactivating ends the user's sessions. At least one active
 * administrator of the province always remains, and nobody deactivates themselves. An
 * organisation's administrator edits only accounts within its scope, and keeps them there.
 */
export async function updateUser(
  deps: AccountDeps,
  actor: Actor,
  id: string,
  input: UpdateUserInput,
  present: (user: UserWithUnit) => unknown = (user) => user,
): Promise<UserWithUnit> {
  assertAnyAdministrator(actor);
  const now = (deps.clock ?? systemClock)();
  return deps.db.transaction(async (tx) => {
    const current = await findUserRowById(tx, id);
    if (!current) throw notFound('tài khoản');
    assertAdministersAccount(actor, current);
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
    const scopeUnitId = nextScope(actor, current, (patch.roles ?? current.roles) as Role[], input.scopeUnitId);
    if (scopeUnitId !== current.scopeUnitId) {
      if (scopeUnitId !== null) await requireOpenUnit(tx, scopeUnitId, 'scopeUnitId');
      patch.scopeUnitId = scopeUnitId;
    }
    if (input.active !== undefined && input.active !== current.active) patch.active = input.active;
    if (Object.keys(patch).length === 0) return (await findUserWithUnit(tx, id))!;
    assertAdministersAccount(actor, { unitId: patch.unitId ?? current.unitId, roles: patch.roles ?? current.roles, scopeUnitId });

    if (patch.active === false && id === actor.userId) throw ruleViolation('Bạn không thể tự ngừng tài khoản của chính mình.');
    const next = { active: patch.active ?? current.active, roles: patch.roles ?? current.roles, scopeUnitId };
    if (isProvinceAdmin(current) && !isProvinceAdmin(next) && (await countOtherActiveAdmins(tx, id, { provinceOnly: true })) === 0) {
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
  assertAnyAdministrator(actor);
  if (id === actor.userId) throw ruleViolation('Hãy dùng chức năng “Đổi mật khẩu” cho tài khoản của chính bạn.');
  const now = (deps.clock ?? systemClock)();
  const temporaryPassword = generateOneTimePassword();
  const passwordHash = await hashPassword(temporaryPassword);
  await deps.db.transaction(async (tx) => {
    const user = await findUserRowById(tx, id);
    if (!user) throw notFound('tài khoản');
    assertAdministersAccount(actor, user);
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
