/**
 * Checks both chains (docs/security.md): recomputes every audit event's and every published
 * snapshot's hash from the rows as they are now and says, in Vietnamese, which entry was edited,
 * deleted, inserted outside chiso or moved, with its event id or snapshot, sequence and time.
 */
import type { Database, Executor } from '../../db/client';
import { auditEventsOutsideChain, chainEntryHash, chainedAuditEvents, sealsInRange, unsealedSnapshots } from '../../db/repositories/integrity-repository';
import { GENESIS_HASH, canonicalEvent, chainHash, chainHead, ensureChains, snapshotDocument, type CanonicalEvent, type ChainName } from './chain';

export type ProblemKind = 'edited' | 'deleted' | 'inserted' | 'reordered' | 'missing' | 'head';

export interface IntegrityProblem {
  chain: ChainName;
  kind: ProblemKind;
  /** The chain position concerned, when there is one. */
  seq: number | null;
  /** Audit event id, or snapshot id. */
  entry: string | null;
  /** When the event or publication happened (ISO UTC), when known. */
  at: string | null;
  message: string;
}

export interface IntegrityReport {
  ok: boolean;
  checkedAt: string;
  audit: { entries: number; head: { seq: number; hash: string } | null };
  snapshots: { entries: number; head: { seq: number; hash: string } | null };
  problems: IntegrityProblem[];
}

/** "2026-12-04 16:39:01 UTC" from the stored ISO form. */
export const shownTime = (iso: string | null): string => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC` : 'không rõ thời điểm');

const PAGE = 5000;
/** Enough to say where; a wholesale rewrite is not listed line by line. */
const MAX_PROBLEMS = 200;

/** Where a chain is verified from: its start, or an entry seen intact before (its link to the one before is not rechecked). */
type ChainStart = { seq: number; hash: string } | undefined;
type ChainResult = { entries: number; last: { seq: number; hash: string } | null };

async function verifyAuditChain(tx: Executor, headSeq: number, problems: IntegrityProblem[], start: ChainStart): Promise<ChainResult> {
  const add = (p: Omit<IntegrityProblem, 'chain'>) => problems.length < MAX_PROBLEMS && problems.push({ chain: 'audit', ...p });
  // From an anchor, the anchor row's own link is taken as read: checkAnchor vouches for its hash.
  let previousHash: string | null = start ? null : GENESIS_HASH;
  let expectedSeq = start?.seq ?? 1;
  let firstEventId: number | null = null;
  let entries = 0;
  let last: { seq: number; hash: string; eventId: number; at: string } | null = null;
  for (;;) {
    const rows = await chainedAuditEvents(tx, expectedSeq, headSeq, PAGE);
    for (const row of rows) {
      const seq = Number(row.seq);
      const eventId = Number(row.event_id);
      const at = row.present ? row.at! : row.event_at;
      const where = `sự kiện #${eventId} (thứ tự ${seq}, lúc ${shownTime(at)})`;
      if (seq !== expectedSeq) {
        const range = seq - 1 === expectedSeq ? `thứ tự ${expectedSeq}` : `thứ tự ${expectedSeq}–${seq - 1}`;
        const before = last ? `sau sự kiện #${last.eventId} lúc ${shownTime(last.at)}` : 'ở đầu nhật ký';
        add({ kind: 'missing', seq: expectedSeq, entry: null, at: last?.at ?? null, message: `Nhật ký: đã bị xoá ${seq - expectedSeq} sự kiện (${range}), ${before}, trước ${where}.` });
      } else if (previousHash !== null && row.previous_hash !== previousHash) {
        add({ kind: 'reordered', seq, entry: String(eventId), at, message: `Nhật ký: chuỗi bị đứt tại ${where} — sự kiện đứng trước nó đã bị xoá, chèn thêm hoặc đảo thứ tự.` });
      }
      if (!row.present) {
        add({ kind: 'deleted', seq, entry: String(eventId), at, message: `Nhật ký: ${where} đã bị xoá.` });
      } else if (chainHash(row.previous_hash, canonicalEvent(row as CanonicalEvent)) !== row.hash) {
        add({ kind: 'edited', seq, entry: String(eventId), at, message: `Nhật ký: ${where} đã bị sửa sau khi ghi (người thực hiện, thời điểm, nội dung hoặc lý do không còn như lúc ghi).` });
      }
      previousHash = row.hash;
      expectedSeq = seq + 1;
      entries += 1;
      firstEventId ??= eventId;
      last = { seq, hash: row.hash, eventId, at };
    }
    if (rows.length < PAGE) break;
  }
  const outside = await auditEventsOutsideChain(tx, start ? (firstEventId ?? 0) : undefined, MAX_PROBLEMS);
  for (const e of outside) {
    add({ kind: 'inserted', seq: null, entry: e.id, at: e.at, message: `Nhật ký: sự kiện #${e.id} (lúc ${shownTime(e.at)}) không nằm trong chuỗi — được ghi thẳng vào cơ sở dữ liệu, không qua chiso.` });
  }
  return { entries, last: last && { seq: last.seq, hash: last.hash } };
}

async function verifySnapshotChain(db: Database, headSeq: number, problems: IntegrityProblem[], start: ChainStart): Promise<ChainResult> {
  const add = (p: Omit<IntegrityProblem, 'chain'>) => problems.length < MAX_PROBLEMS && problems.push({ chain: 'snapshots', ...p });
  const seals = await sealsInRange(db, start?.seq ?? 1, headSeq);
  let previousHash: string | null = start ? null : GENESIS_HASH;
  let expectedSeq = start?.seq ?? 1;
  for (const seal of seals) {
    const seq = Number(seal.seq);
    const where = `kết quả công bố ${seal.label} (thứ tự ${seq}, công bố lúc ${shownTime(seal.created_at)})`;
    const base = { seq, entry: seal.snapshot_id, at: seal.created_at };
    if (seq !== expectedSeq) {
      add({ ...base, kind: 'missing', message: `Kết quả công bố: thiếu dấu niêm phong thứ tự ${expectedSeq}${seq - 1 > expectedSeq ? `–${seq - 1}` : ''}, trước ${where}.` });
    } else if (previousHash !== null && seal.previous_hash !== previousHash) {
      add({ ...base, kind: 'reordered', message: `Kết quả công bố: chuỗi bị đứt tại ${where} — bản đứng trước nó đã bị xoá, chèn thêm hoặc đảo thứ tự.` });
    }
    // Its own transaction: snapshotDocument sets the time zone for it alone.
    const document = await db.transaction((tx) => snapshotDocument(tx, seal.snapshot_id, seal.previous_hash, seal.columns));
    if (document.hash !== seal.hash) {
      const changed = Object.keys({ ...seal.unit_hashes, ...document.unitHashes })
        .filter((id) => seal.unit_hashes[id] !== document.unitHashes[id])
        .map((id) => (document.unitNames[id] ? `đơn vị ${document.unitNames[id]}` : `đơn vị đã bị xoá (mã ${id})`));
      const detail = changed.length > 0 ? `số liệu của ${changed.join('; ')}` : 'phần đầu của bản công bố (số quyết định, lý do, thời điểm)';
      add({ ...base, kind: 'edited', message: `Kết quả công bố: ${where} đã bị sửa sau khi công bố — ${detail}.` });
    }
    previousHash = seal.hash;
    expectedSeq = seq + 1;
  }
  for (const s of await unsealedSnapshots(db)) {
    add({ kind: 'inserted', seq: null, entry: s.id, at: s.created_at, message: `Kết quả công bố ${s.label} (lúc ${shownTime(s.created_at)}) không có dấu niêm phong — được ghi thẳng vào cơ sở dữ liệu, không qua chiso.` });
  }
  const last = seals.at(-1);
  return { entries: seals.length, last: last ? { seq: Number(last.seq), hash: last.hash } : null };
}

function checkHead(name: ChainName, head: { seq: number; hash: string } | undefined, last: { seq: number; hash: string } | null, problems: IntegrityProblem[]): void {
  const what = name === 'audit' ? 'Nhật ký' : 'Kết quả công bố';
  const lastSeq = last?.seq ?? 0;
  if (!head) return;
  if (head.seq > lastSeq) {
    problems.push({ chain: name, kind: 'missing', seq: lastSeq + 1, entry: null, at: null, message: `${what}: ${head.seq - lastSeq} mục cuối chuỗi (thứ tự ${lastSeq + 1}–${head.seq}) đã bị xoá.` });
  } else if (head.seq !== lastSeq || head.hash !== (last?.hash ?? GENESIS_HASH)) {
    problems.push({ chain: name, kind: 'head', seq: head.seq, entry: null, at: null, message: `${what}: đầu chuỗi (thứ tự ${head.seq}) không khớp với mục cuối (thứ tự ${lastSeq}) — bảng chain_heads đã bị sửa.` });
  }
}

/** Chain positions seen intact earlier (the self-check keeps them): a rewrite since would replace them. */
export type Anchors = Partial<Record<ChainName, { seq: number; hash: string; checkedAt: string }>>;

async function checkAnchor(tx: Executor, name: ChainName, anchor: Anchors[ChainName], problems: IntegrityProblem[]): Promise<void> {
  if (!anchor || anchor.seq === 0) return;
  const hash = await chainEntryHash(tx, name, anchor.seq);
  if (hash === anchor.hash) return;
  const what = name === 'audit' ? 'Nhật ký' : 'Kết quả công bố';
  problems.push({
    chain: name, kind: 'head', seq: anchor.seq, entry: null, at: anchor.checkedAt,
    message: `${what}: mục thứ tự ${anchor.seq} đã được kiểm tra lúc ${shownTime(anchor.checkedAt)} ${hash !== undefined ? 'nay có mã khác' : 'nay không còn'} — chuỗi đã bị viết lại từ đó.`,
  });
}

export interface VerifyOptions {
  /**
   * Verify each chain from its anchor on, not from its start (the hourly self-check): the anchor
   * entry must still have the hash seen then, and is rehashed with everything after it. A change
   * before the anchor is left to the full check (daily, and `chiso audit verify`).
   */
  fromAnchors?: boolean;
}

/** Verifies both chains (sealing first the rows of a database from before them). Read-only otherwise. */
export async function verifyIntegrity(db: Database, now = new Date(), anchors: Anchors = {}, options: VerifyOptions = {}): Promise<IntegrityReport> {
  await ensureChains(db);
  // Page by page, not one long transaction: on the embedded database a transaction holds the only
  // connection, and requests would wait for the whole check. Entries appended meanwhile come after
  // the heads read here and are left to the next check.
  const [auditHead, snapshotHead] = [await chainHead(db, 'audit'), await chainHead(db, 'snapshots')];
  const problems: IntegrityProblem[] = [];
  const startOf = (name: ChainName): ChainStart => (options.fromAnchors && anchors[name]?.seq ? anchors[name] : undefined);
  const audit = await verifyAuditChain(db, auditHead?.seq ?? 0, problems, startOf('audit'));
  const snapshots = await verifySnapshotChain(db, snapshotHead?.seq ?? 0, problems, startOf('snapshots'));
  // Nothing read from an anchor: the head moved back before it, which checkAnchor reports.
  if (!startOf('audit') || audit.last) checkHead('audit', auditHead, audit.last, problems);
  if (!startOf('snapshots') || snapshots.last) checkHead('snapshots', snapshotHead, snapshots.last, problems);
  await checkAnchor(db, 'audit', anchors.audit, problems);
  await checkAnchor(db, 'snapshots', anchors.snapshots, problems);
  return {
    ok: problems.length === 0,
    checkedAt: now.toISOString(),
    audit: { entries: audit.entries, head: audit.last },
    snapshots: { entries: snapshots.entries, head: snapshots.last },
    problems,
  };
}
