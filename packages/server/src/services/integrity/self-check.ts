/**
 * The server's hourly self-check (run by services/notifications/jobs.ts): verifies both chains,
 * keeps the outcome for /api/health (the administrators' banner) and, when something was tampered
 * with, notifies every active administrator — once per distinct finding.
 */
import { and, arrayContains, eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { readSetting, writeSetting } from '../../db/repositories/settings-repository';
import { users } from '../../db/schema/accounts';
import { afterCommit, notify } from '../notifications/notification-service';
import { sha256Hex } from './chain';
import { verifyIntegrity, type Anchors, type IntegrityReport } from './verify';

export const integrityCheckKey = 'integrity.lastCheck';

/** What /api/health shows of the last self-check. */
export interface IntegrityCheckState {
  ok: boolean;
  checkedAt: string;
  problems: number;
  /** The heads seen intact, checked again next time (a rewrite of the chain since would show). */
  anchors: Anchors;
}

export const integrityAlertKind = 'integrity.broken';

export async function runIntegritySelfCheck(db: Database, now = new Date()): Promise<IntegrityReport> {
  const previous = await readSetting<IntegrityCheckState>(db, integrityCheckKey);
  const report = await verifyIntegrity(db, now, previous?.anchors ?? {});
  const anchors: Anchors = report.ok
    ? Object.fromEntries((['audit', 'snapshots'] as const).flatMap((name) => {
        const head = report[name].head;
        return head ? [[name, { ...head, checkedAt: report.checkedAt }]] : [];
      }))
    : (previous?.anchors ?? {});
  const state: IntegrityCheckState = { ok: report.ok, checkedAt: report.checkedAt, problems: report.problems.length, anchors };
  const notificationIds = await db.transaction(async (tx) => {
    await writeSetting(tx, integrityCheckKey, state);
    if (report.ok) return [];
    const admins = await tx.select({ id: users.id }).from(users).where(and(eq(users.active, true), arrayContains(users.roles, ['admin'])));
    const messages = report.problems.map((p) => p.message);
    const shown = messages.slice(0, 5).map((m) => `• ${m}`);
    if (messages.length > shown.length) shown.push(`… và ${messages.length - shown.length} chỗ khác.`);
    return notify(tx, admins, {
      kind: integrityAlertKind,
      title: `Cảnh báo toàn vẹn: phát hiện ${messages.length} chỗ nhật ký hoặc kết quả công bố bị sửa ngoài chiso`,
      body: `${shown.join('\n')}\nChạy “chiso audit verify” trên máy chủ để xem đầy đủ; xem docs/security.md.`,
      link: '/audit',
      // The same finding is announced once; a new one again.
      dedupeKey: `integrity:${sha256Hex(messages.join('\n')).slice(0, 32)}`,
    }, now);
  });
  afterCommit(db, notificationIds);
  return report;
}

export async function readIntegrityState(db: Database): Promise<IntegrityCheckState | undefined> {
  return readSetting<IntegrityCheckState>(db, integrityCheckKey);
}
