import nodemailer from 'nodemailer';
import { configureMail } from '../../src/services/notifications/mailer';

export interface SentMail {
  to: string;
  subject: string;
  text: string;
}

/**
 * Turns e-mail on with nodemailer's JSON transport (nothing leaves the machine) and records every
 * message handed to it. `failNext()` makes the next send fail, as an unreachable SMTP server would.
 */
export function captureMail(options: { publicUrl?: string; /** Keep recording into this list (a restart). */ sent?: SentMail[] } = {}) {
  const sent: SentMail[] = options.sent ?? [];
  let failures = 0;
  const transport = nodemailer.createTransport({ jsonTransport: true });
  const original = transport.sendMail.bind(transport);
  transport.sendMail = (async (mail: SentMail & { from: string }) => {
    if (failures > 0) {
      failures -= 1;
      throw new Error('SMTP server unreachable (test)');
    }
    const info = await original(mail as never);
    const json = JSON.parse(String((info as { message: string }).message)) as { to: { address: string }[]; subject: string; text: string };
    sent.push({ to: json.to.map((a) => a.address).join(', '), subject: json.subject, text: json.text });
    return info;
  }) as never;
  const quiet = { warn: () => {} };
  configureMail({ transport, from: 'chiso <chiso@example.invalid>', ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}), logger: quiet });
  return {
    sent,
    failNext: () => void (failures += 1),
    off: () => configureMail({}),
  };
}
