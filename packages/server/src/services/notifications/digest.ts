/**
 * The daily digest: for users who chose it, one e-mail a day (at CHISO_DIGEST_HOUR, Vietnam time)
 * with the notifications since the last one, grouped per cycle, instead of one mail per event.
 *
 * Idempotent across restarts: a digest is claimed per user and day under a unique index, the
 * notifications it carries are linked to it in the same transaction, and both are marked sent after
 * the mail went out. A failed send leaves the claim unsent: the next tick retries it with the same
 * notifications (and any newer); once its day is over, the next day's digest takes them. Nothing is
 * lost: a notification not yet e-mailed stays waiting for the next digest. One run at a time: the
 * job never overlaps itself, in one process or across processes on one PostgreSQL database (jobs.ts
 * claims each run in scheduled_jobs), so an unsent claim is never retried by two runs at once. (A
 * crash between the SMTP server's acceptance and the mark could still send one day's digest twice.)
 */
import { formatInstantVn } from '@chiso/core';
import type { Database } from '../../db/client';
import { attachToDigest, claimDigest, cycleNames, digestItems, digestRecipients, markDigestSent } from '../../db/repositories/digest-repository';
import { linkLine, mailEnabled, mailLogger, mailPublicUrl, sendComposedMail } from './mailer';
import { digestDay, formatDayVn } from './schedule';

/** How far back a first digest reaches (e.g. after e-mail was configured on an old installation). */
export const DIGEST_LOOKBACK_MS = 14 * 24 * 3_600_000;

interface DigestItem {
  title: string;
  body: string | null;
  link: string | null;
  createdAt: Date;
}

const uuidIn = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** Items grouped per cycle (named by the cycle id in their link), in order; others last. */
async function groupPerCycle(db: Database, items: readonly DigestItem[]): Promise<{ heading: string; items: DigestItem[] }[]> {
  const idOf = (item: DigestItem) => item.link?.match(uuidIn)?.[0]?.toLowerCase();
  const names = await cycleNames(db, [...new Set(items.flatMap((i) => idOf(i) ?? []))]);
  const groups = new Map<string, { heading: string; items: DigestItem[] }>();
  for (const item of items) {
    const id = idOf(item);
    const key = id && names.has(id) ? id : '';
    const group = groups.get(key) ?? { heading: key ? names.get(key)! : 'Thông báo khác', items: [] };
    group.items.push(item);
    groups.set(key, group);
  }
  const other = groups.get('');
  groups.delete('');
  return [...groups.values(), ...(other ? [other] : [])];
}

export async function composeDigest(db: Database, user: { email: string; fullName: string }, day: string, items: readonly DigestItem[], publicUrl: string | undefined) {
  const lines = [`Kính gửi ${user.fullName},`, '', `Tóm tắt thông báo của chiso ngày ${formatDayVn(day)}: ${items.length} thông báo.`];
  for (const group of await groupPerCycle(db, items)) {
    lines.push('', `■ ${group.heading}`);
    for (const item of group.items) {
      lines.push(`  • ${formatInstantVn(item.createdAt.getTime())} — ${item.title}`);
      if (item.body) lines.push(`    ${item.body}`);
      const link = linkLine(publicUrl, item.link, 'Xem');
      if (link && publicUrl) lines.push(`    ${link}`);
    }
  }
  if (!publicUrl) lines.push('', 'Đăng nhập chiso để xem chi tiết (biểu tượng chuông Thông báo).');
  lines.push('', `Bạn nhận thư tóm tắt mỗi ngày một lần; đổi cách nhận thư trong trang tài khoản${publicUrl ? `: ${publicUrl}/change-password` : ' (Đổi mật khẩu · Thông báo)'}.`, '', '— chiso (Chỉ số CCHC)');
  return { to: user.email, subject: `[chiso] Tóm tắt thông báo ngày ${formatDayVn(day)} (${items.length})`, text: lines.join('\n') };
}

/** Sends the digests due at `now` (call it often: what was sent is never sent again). Returns the number sent. */
export async function sendDailyDigests(db: Database, options: { hour: number; now?: Date }): Promise<number> {
  if (!mailEnabled()) return 0;
  const now = options.now ?? new Date();
  const day = digestDay(now.getTime(), options.hour);
  const publicUrl = mailPublicUrl();
  let sent = 0;
  for (const user of await digestRecipients(db)) {
    if (!user.email) continue;
    const digestId = await db.transaction(async (tx) => {
      const id = await claimDigest(tx, user.id, day, now);
      if (id) await attachToDigest(tx, id, user.id, new Date(now.getTime() - DIGEST_LOOKBACK_MS), now);
      return id;
    });
    if (!digestId) continue;
    const items = await digestItems(db, digestId);
    try {
      // Nothing happened: the day is done without a mail.
      if (items.length > 0) await sendComposedMail(await composeDigest(db, { email: user.email, fullName: user.fullName }, day, items, publicUrl));
      await db.transaction((tx) => markDigestSent(tx, digestId, now));
      if (items.length > 0) sent += 1;
    } catch (error) {
      mailLogger().warn({ err: error, userId: user.id, day }, 'Không gửi được thư tóm tắt thông báo; sẽ thử lại');
    }
  }
  return sent;
}
