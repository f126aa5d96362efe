import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/env';
import { openConfiguredDatabase } from '../db/open-configured';
import { buildApp } from '../http/app';
import { ensureFirstAdmin, type FirstAdminResult } from '../services/first-admin';
import { ensureBuiltInPrograms } from '../services/frameworks/framework-service';
import { startNotificationJobs } from '../services/notifications/jobs';

/** Where `chiso start` writes: the console, or a test's capture. */
export interface StartOutput {
  /** Messages for the person who started chiso (the console). */
  print(text: string): void;
  /** The server log (standard output by default). */
  logStream?: { write(line: string): void };
}

export interface StartOptions {
  demo: boolean;
  /** With the demo: the province's 2025 commune cycle played to publication (opt-in, about two minutes). */
  communes2025?: boolean;
  /** Folder of the built web app (tests); the default build otherwise. */
  webDist?: string | null;
}

export interface RunningServer {
  app: FastifyInstance;
  /** The address the server listens on. */
  url: string;
  stop(): Promise<void>;
}

/**
 * The one-time administrator password, framed, printed last (after the "listening" lines) so that
 * it is not scrolled away by what the start writes before it.
 */
export function oneTimePasswordBlock(username: string, password: string): string {
  const lines = [
    'MẬT KHẨU QUẢN TRỊ DÙNG MỘT LẦN',
    '',
    `Tài khoản:  ${username}`,
    `Mật khẩu:   ${password}`,
    '',
    'Hãy chép lại ngay: mật khẩu này sẽ KHÔNG được hiển thị lại.',
    'Bạn phải đổi mật khẩu khi đăng nhập lần đầu.',
    `Quên mật khẩu: chiso user reset-password ${username}`,
  ];
  const width = Math.max(...lines.map((l) => l.length));
  const bar = `  +${'='.repeat(width + 4)}+`;
  return ['', bar, ...lines.map((l) => `  |  ${l.padEnd(width)}  |`), bar, ''].join('\n');
}

function adminNotice(admin: FirstAdminResult): string | null {
  if (admin.oneTimePassword) {
    return `\n  Đã tạo tài khoản quản trị đầu tiên: ${admin.username} — mật khẩu dùng một lần được in ở cuối, sau khi máy chủ chạy (chỉ in một lần).\n`;
  }
  if (admin.created) return `\n  Đã tạo tài khoản quản trị đầu tiên: ${admin.username} (mật khẩu lấy từ CHISO_ADMIN_PASSWORD)\n`;
  return null;
}

/** Migrates, makes sure there is an administrator, optionally loads the demo, and listens. */
export async function startServer(config: Config, options: StartOptions, out: StartOutput = { print: (text) => console.log(text) }): Promise<RunningServer> {
  const opened = await openConfiguredDatabase(config);
  const { db } = opened.handle;
  await ensureBuiltInPrograms(db);
  const admin = await ensureFirstAdmin(db, config);
  const notice = adminNotice(admin);
  if (notice) out.print(notice);
  if (options.demo) {
    // The demo's generators (and the spreadsheet library they use) are loaded only for --demo.
    const { demoFilesOf, loadDemo } = await import('../demo/load-all');
    const demo = await loadDemo(db, { communes2025: options.communes2025 ?? false, progress: (text) => out.print(`  ${text}`), files: demoFilesOf(config) });
    for (const line of demo.lines) out.print(`  ${line}`);
  }
  const app = await buildApp({ config, database: opened.handle, ...(options.webDist !== undefined ? { webDist: options.webDist } : {}), ...(out.logStream ? { logStream: out.logStream } : {}) });
  // Deadline reminders and daily digests (each sends only what is due and not yet sent).
  const jobs = startNotificationJobs(db, config, app.log);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await jobs.stop();
    await app.close();
    await opened.close();
  };
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await stop();
    throw error;
  }
  // The log is written asynchronously: let its "listening" line out first, so that what follows is last.
  const log = app.log as { flush?: (done: () => void) => void };
  await new Promise<void>((resolve) => (log.flush ? log.flush(() => resolve()) : resolve()));
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${shownHost}:${port}`;
  out.print(
    `\n  chiso đang chạy: ${url}  (API: /api/docs)\n` +
      `  Cơ sở dữ liệu: ${opened.handle.kind === 'pglite' ? `nhúng (PGlite) tại ${config.dataDir}` : 'máy chủ PostgreSQL (DATABASE_URL)'}\n`,
  );
  if (admin.oneTimePassword) out.print(oneTimePasswordBlock(admin.username, admin.oneTimePassword));
  return { app, url, stop };
}

/** `chiso start [--demo [--communes-2025]]`: the server until SIGINT or SIGTERM. */
export async function startCommand(config: Config, options: StartOptions): Promise<void> {
  const server = await startServer(config, options);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.app.log.info({ signal }, 'stopping');
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
