/**
 * `chiso user reset-password NAME [--password MẬT_KHẨU]`: for an administrator who lost the
 * password (or any account), run on the server. Sets a new one-time password (printed once) or the
 * given one, forces a change at next login, lifts the login delays, ends the user's sessions and
 * writes an audit event whose actor is the command line.
 * `chiso user unlock NAME`: lifts the login delays of an account from every address (nothing else).
 * `chiso user unlock --address IP`: lifts the delays of every name at one address (an office behind
 * one public address, a proxy), the address's own count included.
 * On the embedded database both refuse while chiso runs (the data-folder lock); on a PostgreSQL
 * server they work while chiso runs.
 */
import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import type { Config } from '../config/env';
import type { Database } from '../db/client';
import { openConfiguredDatabase } from '../db/open-configured';
import { findUserRowByUsername, setUserPassword, type UserRow } from '../db/repositories/user-repository';
import { clearAccountThrottles, clearAddressThrottles } from '../db/repositories/login-throttle-repository';
import { throttleAddress } from '../services/login-throttle';
import { deleteUserSessions } from '../db/repositories/session-repository';
import { generateOneTimePassword, hashPassword, passwordProblem } from '../auth/password';
import { PROVINCE_SCOPE, type Actor } from '../services/actor';
import { recordAudit } from '../services/audit';

/** A refusal with its Vietnamese message (the command prints it and exits with 1). */
export class UserCommandError extends Error {}

/** The audit trail's actor for what an operator does with `chiso user …` on the server. */
export const commandLineActor: Actor = { userId: '', username: 'command-line', unitId: '', roles: ['admin'], scope: PROVINCE_SCOPE, ip: null };

export interface ResetPasswordResult {
  username: string;
  /** Set when chiso generated the password (print it once). */
  oneTimePassword?: string;
  sessionsEnded: number;
  wasLocked: boolean;
  active: boolean;
}

async function requireUser(db: Database, username: string): Promise<UserRow> {
  const user = await findUserRowByUsername(db, username);
  if (!user) throw new UserCommandError(`Không có tài khoản “${username}”. Kiểm tra lại tên đăng nhập (chữ thường, không dấu).`);
  return user;
}

/** The reset itself, in one transaction with its audit event. */
export async function resetUserPassword(db: Database, username: string, options: { password?: string; now?: Date } = {}): Promise<ResetPasswordResult> {
  const now = options.now ?? new Date();
  const user = await requireUser(db, username);
  if (options.password !== undefined) {
    const problem = passwordProblem(options.password, username);
    if (problem) throw new UserCommandError(`${problem} Hãy chọn mật khẩu khác, hoặc bỏ --password để chiso tạo mật khẩu dùng một lần.`);
  }
  const oneTimePassword = options.password === undefined ? generateOneTimePassword() : undefined;
  const passwordHash = await hashPassword(options.password ?? oneTimePassword!);
  return db.transaction(async (tx) => {
    await setUserPassword(tx, user.id, { passwordHash, mustChangePassword: true }, now);
    const sessionsEnded = await deleteUserSessions(tx, user.id);
    const throttles = await clearAccountThrottles(tx, user.username, now);
    await recordAudit(tx, commandLineActor, {
      entityType: 'user',
      entityId: user.id,
      action: 'reset_password',
      before: { mustChangePassword: user.mustChangePassword, heldBackAddresses: throttles.held },
      after: { mustChangePassword: true, heldBackAddresses: 0, sessionsEnded, passwordGiven: options.password !== undefined },
      reason: 'Đặt lại mật khẩu bằng lệnh chiso user reset-password trên máy chủ',
    });
    return { username, ...(oneTimePassword ? { oneTimePassword } : {}), sessionsEnded, wasLocked: throttles.held > 0, active: user.active };
  });
}

export interface UnlockResult {
  username: string;
  /** Addresses the account's logins were held back from until now. */
  heldBackAddresses: number;
  active: boolean;
}

/** Forgets every failed attempt on the account (all addresses), with its audit event. */
export async function unlockUser(db: Database, username: string, options: { now?: Date } = {}): Promise<UnlockResult> {
  const now = options.now ?? new Date();
  const user = await requireUser(db, username);
  return db.transaction(async (tx) => {
    const throttles = await clearAccountThrottles(tx, user.username, now);
    await recordAudit(tx, commandLineActor, {
      entityType: 'user',
      entityId: user.id,
      action: 'unlock',
      before: { heldBackAddresses: throttles.held, failedAttemptRows: throttles.rows },
      after: { heldBackAddresses: 0, failedAttemptRows: 0 },
      reason: 'Mở khóa đăng nhập bằng lệnh chiso user unlock trên máy chủ',
    });
    return { username, heldBackAddresses: throttles.held, active: user.active };
  });
}

export interface UnlockAddressResult {
  /** The address as counted (an IPv6 address stands for its /64). */
  address: string;
  /** Account names (and the address's own count) held back there until now. */
  heldBack: number;
}

/** Forgets every failed attempt counted at one address, whatever the name, with its audit event. */
export async function unlockAddress(db: Database, ip: string, options: { now?: Date } = {}): Promise<UnlockAddressResult> {
  if (!isIP(ip)) throw new UserCommandError(`“${ip}” không phải địa chỉ IP. Ví dụ: chiso user unlock --address 203.0.113.5`);
  const now = options.now ?? new Date();
  const address = throttleAddress(ip);
  return db.transaction(async (tx) => {
    const throttles = await clearAddressThrottles(tx, address, now);
    await recordAudit(tx, commandLineActor, {
      entityType: 'login_address',
      entityId: address,
      action: 'unlock',
      before: { heldBack: throttles.held, failedAttemptRows: throttles.rows },
      after: { heldBack: 0, failedAttemptRows: 0 },
      reason: 'Mở khóa đăng nhập từ một địa chỉ bằng lệnh chiso user unlock --address trên máy chủ',
    });
    return { address, heldBack: throttles.held };
  });
}

export interface UserCommandDeps {
  open?: typeof openConfiguredDatabase;
  print?: (text: string) => void;
}

const usage = ['chiso user reset-password TÊN_ĐĂNG_NHẬP [--password MẬT_KHẨU]', 'chiso user unlock TÊN_ĐĂNG_NHẬP', 'chiso user unlock --address ĐỊA_CHỈ_IP'].join(
  '\n       ',
);
const inactiveNote = 'Lưu ý: tài khoản đang bị vô hiệu hóa; một quản trị viên cần kích hoạt lại trước khi đăng nhập được.';

/** `chiso user reset-password …`, `chiso user unlock NAME` and `chiso user unlock --address IP`. */
export async function userCommand(args: string[], config: Config, deps: UserCommandDeps = {}): Promise<ResetPasswordResult | UnlockResult | UnlockAddressResult> {
  const print = deps.print ?? ((text: string) => console.log(text));
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { password: { type: 'string' }, address: { type: 'string' } } });
  const [sub, name, ...rest] = positionals;
  const { address } = values;
  // Exactly one of a name and --address; --address only with unlock, --password only with reset-password.
  let target: { username: string } | { address: string } | undefined;
  if (address === undefined) target = name === undefined ? undefined : { username: name };
  else target = name === undefined ? { address } : undefined;
  const known = (sub === 'reset-password' && address === undefined) || (sub === 'unlock' && values.password === undefined);
  if (!known || !target || rest.length > 0) throw new UserCommandError(`Cách dùng: ${usage}`);
  const opened = await (deps.open ?? openConfiguredDatabase)(config);
  try {
    if ('address' in target) {
      const result = await unlockAddress(opened.handle.db, target.address);
      print(
        result.heldBack > 0
          ? `Đã mở khóa đăng nhập từ địa chỉ ${result.address} (${result.heldBack} mục đang bị tạm chặn: tên đăng nhập hoặc cả địa chỉ).`
          : `Địa chỉ ${result.address} không bị tạm chặn đăng nhập; đã xóa các lần nhập sai đã ghi nhận từ địa chỉ này.`,
      );
      return result;
    }
    const { username } = target;
    if (sub === 'unlock') {
      const result = await unlockUser(opened.handle.db, username);
      const lines = [
        result.heldBackAddresses > 0
          ? `Đã mở khóa đăng nhập của tài khoản ${username} (từ ${result.heldBackAddresses} địa chỉ đang bị tạm chặn).`
          : `Tài khoản ${username} không bị tạm chặn đăng nhập; đã xóa các lần nhập sai đã ghi nhận.`,
      ];
      if (!result.active) lines.push(inactiveNote);
      print(lines.join('\n'));
      return result;
    }
    const result = await resetUserPassword(opened.handle.db, username, values.password !== undefined ? { password: values.password } : {});
    const lines = [`Đã đặt lại mật khẩu của tài khoản ${username}.`];
    if (result.oneTimePassword) {
      lines.push('', `  Mật khẩu dùng một lần: ${result.oneTimePassword}`, '  (Chỉ in ra lần này; hãy chép lại ngay.)', '');
    }
    lines.push('Người dùng phải đổi mật khẩu khi đăng nhập lần tới.');
    if (result.wasLocked) lines.push('Tài khoản đã được mở khóa.');
    if (result.sessionsEnded > 0) lines.push(`Đã kết thúc ${result.sessionsEnded} phiên đăng nhập của tài khoản này.`);
    if (!result.active) lines.push(inactiveNote);
    print(lines.join('\n'));
    return result;
  } finally {
    await opened.close();
  }
}
