/**
 * E-mail for notifications, through SMTP when `CHISO_SMTP_URL` is set. Mail goes out after the
 * transaction that created the notifications committed; a failure is logged and never fails the
 * request that caused it (the in-app notification is there either way). Users who chose the daily
 * digest get no mail per event: digest.ts sends theirs once a day.
 *
 * Links in mails are absolute, built from `CHISO_PUBLIC_URL`. Without it a mail carries no link
 * (a path alone does not open from a mail client) and asks the reader to open chiso.
 */
import type { Transporter } from 'nodemailer';
import type { Executor } from '../../db/client';
import { markEmailed, pendingEmails } from '../../db/repositories/notification-repository';

export interface MailLogger {
  warn(obj: unknown, msg?: string): void;
}

/** What the mailer needs of a nodemailer transport. */
type MailTransport = Pick<Transporter, 'sendMail'>;

interface MailSetup {
  transport: MailTransport;
  from: string;
  /** Address of the web app (CHISO_PUBLIC_URL, no trailing slash) for links in mails. */
  publicUrl?: string;
  logger: MailLogger;
}

let setup: MailSetup | null = null;
const inFlight = new Set<Promise<void>>();

const consoleLogger: MailLogger = { warn: (obj, msg) => console.warn(msg ?? '', obj) };

/**
 * An SMTP transport made on the first mail: nodemailer is imported then, not when the server starts.
 * A bad URL therefore fails that send (logged like any failed send), not the start.
 */
function smtpTransport(smtpUrl: string): MailTransport {
  let made: Promise<MailTransport> | null = null;
  return {
    sendMail: (async (mail: Parameters<Transporter['sendMail']>[0]) => {
      made ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(smtpUrl));
      return (await made).sendMail(mail);
    }) as MailTransport['sendMail'],
  };
}

/** Configures (or, with a null url and no transport, turns off) e-mail delivery. */
export function configureMail(options: { smtpUrl?: string | null; transport?: MailTransport; from?: string; publicUrl?: string | null; logger?: MailLogger }): void {
  const transport = options.transport ?? (options.smtpUrl ? smtpTransport(options.smtpUrl) : null);
  setup = transport
    ? { transport, from: options.from ?? 'chiso <no-reply@localhost>', ...(options.publicUrl ? { publicUrl: options.publicUrl.replace(/\/+$/, '') } : {}), logger: options.logger ?? consoleLogger }
    : null;
}

/** The absolute address of a path of the web app, or null without CHISO_PUBLIC_URL. */
export function absoluteLink(publicUrl: string | undefined, link: string | null): string | null {
  if (!link || !publicUrl) return null;
  return /^https?:\/\//.test(link) ? link : `${publicUrl}${link.startsWith('/') ? '' : '/'}${link}`;
}

/** The line of a mail that leads to the page: the absolute link, or where to look without one. */
export function linkLine(publicUrl: string | undefined, link: string | null, label = 'Xem chi tiết'): string {
  const absolute = absoluteLink(publicUrl, link);
  return absolute ? `${label}: ${absolute}` : link ? 'Đăng nhập chiso để xem chi tiết (biểu tượng chuông Thông báo).' : '';
}

/** One mail as composed by the digest: the current transport and sender, or an error. */
export async function sendComposedMail(mail: { to: string; subject: string; text: string }): Promise<void> {
  if (!setup) throw new Error('e-mail is not configured');
  await setup.transport.sendMail({ from: setup.from, ...mail });
}

/** The configured public address (for the digest's links). */
export function mailPublicUrl(): string | undefined {
  return setup?.publicUrl;
}

export function mailLogger(): MailLogger {
  return setup?.logger ?? consoleLogger;
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
    const text = [`Kính gửi ${row.fullName},`, '', row.title, row.body ?? '', linkLine(s.publicUrl, row.link), '', '— chiso (Chỉ số CCHC)']
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
