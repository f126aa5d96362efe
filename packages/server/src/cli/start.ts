import type { Config } from '../config/env';
import { openConfiguredDatabase } from '../db/open-configured';
import { buildApp } from '../http/app';
import { ensureFirstAdmin } from '../services/first-admin';
import { loadDemo } from '../demo/load-all';
import { ensureBuiltInPrograms } from '../services/frameworks/framework-service';
import { notifyApproachingDeadlines } from '../services/notifications/deadlines';

/** `chiso start [--demo]`: migrate, make sure there is an administrator, optionally load the demo, serve. */
export async function startCommand(config: Config, options: { demo: boolean }): Promise<void> {
  const opened = await openConfiguredDatabase(config);
  const { db } = opened.handle;
  await ensureBuiltInPrograms(db);
  const admin = await ensureFirstAdmin(db, config);
  if (admin.oneTimePassword) {
    console.log(
      `\n  Đã tạo tài khoản quản trị đầu tiên: ${admin.username}\n` +
        `  Mật khẩu dùng một lần: ${admin.oneTimePassword}\n` +
        `  (Mật khẩu này chỉ in ra một lần; bạn phải đổi mật khẩu khi đăng nhập lần đầu.)\n`,
    );
  } else if (admin.created) {
    console.log(`\n  Đã tạo tài khoản quản trị đầu tiên: ${admin.username} (mật khẩu lấy từ CHISO_ADMIN_PASSWORD)\n`);
  }
  if (options.demo) {
    const demo = await loadDemo(db);
    for (const line of demo.lines) console.log(`  ${line}`);
  }
  const app = await buildApp({ config, database: opened.handle });
  // Deadline reminders: at start, then hourly (the function skips what it already sent).
  const remind = () => notifyApproachingDeadlines(db).catch((error: unknown) => app.log.error({ err: error }, 'deadline reminders failed'));
  void remind();
  const reminders = setInterval(remind, 60 * 60 * 1000);
  reminders.unref();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping');
    clearInterval(reminders);
    await app.close();
    await opened.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  console.log(
    `\n  chiso đang chạy: http://${shownHost}:${config.port}  (API: /api/docs)\n` +
      `  Cơ sở dữ liệu: ${opened.handle.kind === 'pglite' ? `nhúng (PGlite) tại ${config.dataDir}` : 'máy chủ PostgreSQL (DATABASE_URL)'}\n`,
  );
}
