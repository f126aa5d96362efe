/**
 * The server's hourly self-check (run by services/notifications/jobs.ts): verifies both chains
 * from the anchors it saw intact last time (the whole chains once a day, so the hourly cost follows
 * what was appended, not the size of the log), keeps the outcome for /api/health (the administrators' banner) and, when something was tampered
 * with, notifies every active administrator — once per distinct finding.
 */
import type { Database } from '../../db/client';
import { usersWithRolesCovering } from '../../db/repositories/cycle-repository';
import { readSetting, writeSetting } from '../../db/repositories/settings-repository';
import { notify } from '../notifications/notification-service';
import { inTransaction, systemContext } from '../context';
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
  /** The last check of the chains from their start (ISO); the hourly ones go on from the anchors. */
  fullCheckedAt?: string;
}

/** The whole chains are rehashed once a day; each hour only what was appended after the anchors. */
const FULL_CHECK_EVERY_MS = 24 * 60 * 60 * 1000;

export const integrityAlertKind = 'integrity.broken';

export async function runIntegritySelfCheck(db: Database, now = new Date()): Promise<IntegrityReport> {
  const previous = await readSetting<IntegrityCheckState>(db, integrityCheckKey);
  const full = !previous?.fullCheckedAt || now.getTime() - Date.parse(previous.fullCheckedAt) >= FULL_CHECK_EVERY_MS;
  const report = await verifyIntegrity(db, now, previous?.anchors ?? {}, { fromAnchors: !full });
  const anchors: Anchors = report.ok
    ? Object.fromEntries((['audit', 'snapshots'] as const).flatMap((name) => {
        const head = report[name].head;
        return head ? [[name, { ...head, checkedAt: report.checkedAt }]] : [];
      }))
    : (previous?.anchors ?? {});
  const state: IntegrityCheckState = {
    ok: report.ok, checkedAt: report.checkedAt, problems: report.problems.length, anchors,
    fullCheckedAt: full ? report.checkedAt : previous?.fullCheckedAt,
  };
  // A background job: the system acts, at the job's instant.
  await inTransaction(systemContext(db, () => now), async (job) => {
    const { tx } = job;
    await writeSetting(tx, integrityCheckKey, state);
    if (report.ok) return;
    // The province's administrators: the audit trail the alert points to is theirs (policies/audit.ts).
    const admins = await usersWithRolesCovering(tx, ['admin'], null);
    const messages = report.problems.map((p) => p.message);
    const shown = messages.slice(0, 5).map((m) => `• ${m}`);
    if (messages.length > shown.length) shown.push(`… và ${messages.length - shown.length} chỗ khác.`);
    await notify(job, admins, {
      kind: integrityAlertKind,
      title: `Cảnh báo toàn vẹn: phát hiện ${messages.length} chỗ nhật ký hoặc kết quả công bố bị sửa ngoài chiso`,
      body: `${shown.join('\n')}\nChạy “chiso audit verify” trên máy chủ để xem đầy đủ; xem docs/security.md.`,
      link: '/audit',
      // The same finding is announced once; a new one again.
      dedupeKey: `integrity:${sha256Hex(messages.join('\n')).slice(0, 32)}`,
    });
  });
  return report;
}

export async function readIntegrityState(db: Database): Promise<IntegrityCheckState | undefined> {
  return readSetting<IntegrityCheckState>(db, integrityCheckKey);
}
