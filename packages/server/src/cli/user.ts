/**
 * `chiso user reset-password NAME [--password MẬT_KHẨU]`: for an administrator who lost the
 * password (or any account), run on the server. Sets a new one-time password (printed once) or the
 * given one, forces a change at next login, lifts the lockout, ends the user's sessions and writes
 * an audit event whose actor is the command line. On the embedded database it refuses while chiso
 * runs (the data-folder lock); on a PostgreSQL server it works while chiso runs.
 */
import { parseArgs } from 'node:util';
import type { Config } from '../config/env';
import type { Database } from '../db/client';
import { openConfiguredDatabase } from '../db/open-configured';
import { findUserRowByUsername, setUserPassword } from '../db/repositories/user-repository';
import { deleteUserSessions } from '../db/repositories/session-repository';
import { generateOneTimePassword, hashPassword, passwordProblem } from '../auth/password';
import type { Actor } from '../services/actor';
import { recordAudit } from '../services/audit';

/** A refusal with its Vietnamese message (the command prints it and exits with 1). */
export class UserCommandError extends Error {}

/** The audit trail's actor for what an operator does with `chiso user …` on the server. */
export const commandLineActor: Actor = { userId: '', username: 'command-line', unitId: '', roles: ['admin'], ip: null };

export interface ResetPasswordResult {
  username: string;
  /** Set when chiso generated the password (print it once). */
  oneTimePassword?: string;
  sessionsEnded: number;
  wasLocked: boolean;
  active: boolean;
}

/** The reset itself, in one transaction with its audit event. */
export async function resetUserPassword(db: Database, username: string, options: { password?: string; now?: Date } = {}): Promise<ResetPasswordResult> {
  const now = options.now ?? new Date();
  const user = await findUserRowByUsername(db, username);
  if (!user) throw new UserCommandError(`Không có tài khoản “${username}”. Kiểm tra lại tên đăng nhập (chữ thường, không dấu).`);
  if (options.password !== undefined) {
    const problem = passwordProblem(options.password, username);
    if (problem) throw new UserCommandError(`${problem} Hãy chọn mật khẩu khác, hoặc bỏ --password để chiso tạo mật khẩu dùng một lần.`);
  }
  const oneTimePassword = options.password === undefined ? generateOneTimePassword() : undefined;
  const passwordHash = await hashPassword(options.password ?? oneTimePassword!);
  return db.transaction(async (tx) => {
    const wasLocked = user.lockedUntil !== null && user.lockedUntil.getTime() > now.getTime();
    await setUserPassword(tx, user.id, { passwordHash, mustChangePassword: true, clearLock: true }, now);
    const sessionsEnded = await deleteUserSessions(tx, user.id);
    await recordAudit(tx, commandLineActor, {
      entityType: 'user',
      entityId: user.id,
      action: 'reset_password',
      before: { mustChangePassword: user.mustChangePassword, lockedUntil: user.lockedUntil?.toISOString() ?? null, failedLoginCount: user.failedLoginCount },
      after: { mustChangePassword: true, lockedUntil: null, failedLoginCount: 0, sessionsEnded, passwordGiven: options.password !== undefined },
      reason: 'Đặt lại mật khẩu bằng lệnh chiso user reset-password trên máy chủ',
    });
    return { username, ...(oneTimePassword ? { oneTimePassword } : {}), sessionsEnded, wasLocked, active: user.active };
  });
}

export interface UserCommandDeps {
  open?: typeof openConfiguredDatabase;
  print?: (text: string) => void;
}

const usage = 'chiso user reset-password TÊN_ĐĂNG_NHẬP [--password MẬT_KHẨU]';

/** `chiso user …` (only `reset-password` for now). */
export async function userCommand(args: string[], config: Config, deps: UserCommandDeps = {}): Promise<ResetPasswordResult> {
  const print = deps.print ?? ((text: string) => console.log(text));
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { password: { type: 'string' } } });
  const [sub, username, ...rest] = positionals;
  if (sub !== 'reset-password' || !username || rest.length > 0) throw new UserCommandError(`Cách dùng: ${usage}`);
  const opened = await (deps.open ?? openConfiguredDatabase)(config);
  try {
    const result = await resetUserPassword(opened.handle.db, username, values.password !== undefined ? { password: values.password } : {});
    const lines = [`Đã đặt lại mật khẩu của tài khoản ${username}.`];
    if (result.oneTimePassword) {
      lines.push('', `  Mật khẩu dùng một lần: ${result.oneTimePassword}`, '  (Chỉ in ra lần này; hãy chép lại ngay.)', '');
    }
    lines.push('Người dùng phải đổi mật khẩu khi đăng nhập lần tới.');
    if (result.wasLocked) lines.push('Tài khoản đã được mở khóa.');
    if (result.sessionsEnded > 0) lines.push(`Đã kết thúc ${result.sessionsEnded} phiên đăng nhập của tài khoản này.`);
    if (!result.active) lines.push('Lưu ý: tài khoản đang bị vô hiệu hóa; một quản trị viên cần kích hoạt lại trước khi đăng nhập được.');
    print(lines.join('\n'));
    return result;
  } finally {
    await opened.close();
  }
}
