/**
 * E-mail for notifications, through SMTP when `CHISO_SMTP_URL` is set. Mail goes out after the
 * transaction that created the notifications committed; a failure is logged and never fails the
 * request that caused it (the in-app notification is there either way).
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Executor } from '../../db/client';
import { markEmailed, pendingEmails } from '../../db/repositories/notification-repository';

export interface MailLogger {
  warn(obj: unknown, msg?: string): void;
}

interface MailSetup {
  transport: Transporter;
  from: string;
  /** Base URL of the web app for links in mails (optional). */
  baseUrl?: string;
  logger: MailLogger;
}

let setup: MailSetup | null = null;
const inFlight = new Set<Promise<void>>();

const consoleLogger: MailLogger = { warn: (obj, msg) => console.warn(msg ?? '', obj) };

/** Configures (or, with a null url and no transport, turns off) e-mail delivery. */
export function configureMail(options: { smtpUrl?: string | null; transport?: Transporter; from?: string; baseUrl?: string; logger?: MailLogger }): void {
  const transport = options.transport ?? (options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null);
  setup = transport
    ? { transport, from: options.from ?? 'chiso <no-reply@localhost>', ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}), logger: options.logger ?? consoleLogger }
    : null;
}

export function mailEnabled(): boolean {
  return setup !== null;
}

/**
 * Sends the notifications `ids` by e-mail to recipients with an address (in the background);
 * call after the transaction committed. Marks each sent one `emailedAt`.
 */
export function sendNotificationEmails(db: Executor, ids: readonly string[]): void {
  if (!setup || ids.length === 0) return;
  const current = setup;
  const job = deliver(db, current, ids).catch((error: unknown) => current.logger.warn({ err: error }, 'Không gửi được thư thông báo'));
  inFlight.add(job);
  void job.finally(() => inFlight.delete(job));
}

async function deliver(db: Executor, s: MailSetup, ids: readonly string[]): Promise<void> {
  const rows = await pendingEmails(db, ids);
  for (const row of rows) {
    if (!row.email) continue;
    const link = row.link ? (s.baseUrl ? new URL(row.link, s.baseUrl).toString() : row.link) : null;
    const text = [`Kính gửi ${row.fullName},`, '', row.title, row.body ?? '', link ? `Xem chi tiết: ${link}` : '', '', '— chiso (Chỉ số CCHC)']
      .filter((line, i, all) => line !== '' || (i > 0 && all[i - 1] !== ''))
      .join('\n');
    try {
      await s.transport.sendMail({ from: s.from, to: row.email, subject: `[chiso] ${row.title}`, text });
      await markEmailed(db, row.id, new Date());
    } catch (error) {
      s.logger.warn({ err: error, notificationId: row.id }, 'Không gửi được thư thông báo');
    }
  }
}

/** Resolves when every e-mail started so far has been sent or has failed (tests, shutdown). */
export async function mailIdle(): Promise<void> {
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}
