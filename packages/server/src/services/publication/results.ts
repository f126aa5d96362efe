/**
 * Reading published results: only snapshots, never the live assessments. Public (no login) and
 * logged-in readers see the same figures — what was published, number by number.
 */
import type { Readable } from 'node:stream';
import type { PublishedGroup, ResultSnapshot } from '@chiso/contract';
import type { Database, Executor } from '../../db/client';
import { listCycleOwners } from '../../db/repositories/open-data-repository';
import { findSnapshotHead, listPublishedGroups, listSnapshotHeads, readSnapshotBody } from '../../db/repositories/result-repository';
import { resultsXlsxStream } from '../../documents/results-xlsx';
import { workbookSignature } from '../results/documents';
import { notFound } from '../errors';
import { snapshotHash, snapshotJson } from '../integrity/snapshot-hash';
import { presentSnapshot, shownSnapshot } from './snapshot';

export interface SnapshotVersionView {
  number: number;
  decisionNumber: string | null;
  reason: string | null;
  createdAt: string;
}

export type ResultSnapshotWithVersions = ResultSnapshot & {
  versions: SnapshotVersionView[];
  /** SHA-256 of the snapshot's canonical document (docs/security.md); null if it has no seal. */
  hash: string | null;
};

export async function listPublishedResults(db: Executor, cycleId?: string): Promise<PublishedGroup[]> {
  const rows = await listPublishedGroups(db, cycleId);
  const owners = new Map((await listCycleOwners(db, [...new Set(rows.map((r) => r.cycleId))])).map((o) => [o.cycleId, { id: o.id, code: o.code, name: o.name }]));
  return rows.map((r) => ({
    cycleId: r.cycleId,
    program: { code: r.programCode, name: r.programName },
    year: r.year,
    groupId: r.groupId,
    groupName: r.groupName,
    latestNumber: r.latestNumber,
    publishedAt: r.publishedAt.toISOString(),
    owner: owners.get(r.cycleId) ?? null,
  }));
}

/** A published snapshot (the latest unless `number` is given), with the list of every number. */
export async function getResultSnapshot(db: Executor, cycleId: string, groupId: string, number?: number): Promise<ResultSnapshotWithVersions> {
  const head = await findSnapshotHead(db, cycleId, groupId, number);
  if (!head) throw notFound(number === undefined ? 'kết quả đã công bố của nhóm này' : `kết quả công bố lần ${number} của nhóm này`);
  const body = await readSnapshotBody(db, head.id);
  const versions = await listSnapshotHeads(db, cycleId, groupId);
  return {
    ...shownSnapshot(presentSnapshot(head, body)),
    hash: await snapshotHash(db, head.id),
    versions: versions.map((v) => ({ number: v.number, decisionNumber: v.decisionNumber, reason: v.reason, createdAt: v.createdAt.toISOString() })),
  };
}

/**
 * The Excel file of a published snapshot, with its file name: read from the database first, then
 * streamed (the workbook is written row by row as the reader takes it).
 */
export async function exportResultSnapshot(db: Executor, cycleId: string, groupId: string, number?: number): Promise<{ stream: Readable; filename: string }> {
  const head = await findSnapshotHead(db, cycleId, groupId, number);
  if (!head) throw notFound('kết quả đã công bố của nhóm này');
  const view = presentSnapshot(head, await readSnapshotBody(db, head.id));
  const [published] = await listPublishedGroups(db, cycleId).then((l) => l.filter((g) => g.groupId === groupId));
  const title = published ? `${published.programName} năm ${published.year}` : 'Kết quả công bố';
  const signature = await workbookSignature(db, cycleId, view.rows[0]?.unitId, head.createdAt);
  const hash = await snapshotHash(db, head.id);
  const filename = `${await snapshotFileStem(db, cycleId, view.groupName, view.number)}.xlsx`;
  return { stream: resultsXlsxStream({ ...view, title, indexDecimals: head.indexDecimals, hash, signature }), filename };
}

async function snapshotFileStem(db: Executor, cycleId: string, groupName: string, number: number): Promise<string> {
  const [published] = await listPublishedGroups(db, cycleId);
  return `ket-qua-${published?.year ?? ''}-${slug(groupName)}-lan-${number}`;
}

/** The canonical document of a published snapshot (whose SHA-256 is its printed hash), with its file name. */
export async function exportSnapshotDocument(db: Database, cycleId: string, groupId: string, number?: number): Promise<{ text: string; filename: string }> {
  const head = await findSnapshotHead(db, cycleId, groupId, number);
  const text = head ? await snapshotJson(db, head.id) : null;
  if (!head || text === null) throw notFound('kết quả đã công bố của nhóm này');
  return { text, filename: `${await snapshotFileStem(db, cycleId, head.groupName, head.number)}.snapshot.json` };
}

/** A file-name part from Vietnamese text: "Xã, thị trấn" → "xa-thi-tran". */
export function slug(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'nhom';
}
