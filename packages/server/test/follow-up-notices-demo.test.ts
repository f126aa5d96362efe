// The demo's conclusion notice (issue 12 §1): the province's notice on the 2024 index with tasks for
// eight departments and the communes, some done, some under way, two overdue; Sở Tư pháp's done
// report's document offered on criterion 2.2 in the open 2025 cycle; loading again changes nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/client';
import { loadDemoProvince } from '../src/demo/load-demo';
import { loadDemoFrameworks } from '../src/demo/load-demo-frameworks';
import { loadDemoCycle, type DemoCycleResult } from '../src/demo/load-demo-cycle';
import { DEMO_NOTICE_NUMBER, loadDemoNotices } from '../src/demo/follow-up/notices';
import { demoActor } from '../src/demo/levels/shared';
import { commandContext } from '../src/services/context';
import { getNoticeDetail, listVisibleNotices } from '../src/services/follow-up/notices';
import { listVisibleTasks } from '../src/services/follow-up/tasks';
import { offeredTaskEvidence } from '../src/services/follow-up/task-evidence';
import { openEvidenceStore } from '../src/storage/evidence-store';
import { createTestDatabase } from './support/database';

let database: DatabaseHandle;
let cycle: DemoCycleResult;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chiso-demo-notices-'));
  database = await createTestDatabase();
  await loadDemoProvince(database.db);
  await loadDemoFrameworks(database.db);
  cycle = await loadDemoCycle(database.db);
});
afterAll(async () => {
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const as = async (username: string) => commandContext(database.db, await demoActor(database.db, username));

describe('demo conclusion notice', () => {
  it('loads the province’s notice with nine tasks, marked as sample data, and is idempotent', async () => {
    const started = performance.now();
    const files = { dataDir, uploadMaxMb: 1 };
    const { lines } = await loadDemoNotices(database.db, files);
    console.log(`demo notices: ${Math.round(performance.now() - started)} ms — ${lines.join('; ')}`);
    expect(lines[0]).toContain('9 nhiệm vụ');
    const [notice] = await listVisibleNotices(await as('snv.quantri'), 2024);
    expect(notice).toMatchObject({ number: DEMO_NOTICE_NUMBER, owner: null, year: 2024, issuedOn: '2025-02-20', title: expect.stringContaining('DỮ LIỆU MINH HỌA') });
    expect(notice!.tasks).toEqual({ total: 9, open: 2, inProgress: 2, done: 3, overdue: 2, cancelled: 0 });
    const detail = await getNoticeDetail(await as('ubnd.chutich'), notice!.id);
    expect(detail.byUnit.map((u) => u.unit.code).sort()).toEqual(['SCT', 'SKHCN', 'SNV', 'STC', 'STP', 'SXD', 'SYT', 'VPUBND', 'X-THAT-KHE'].sort());
    expect(detail.taskList.filter((t) => t.overdue).map((t) => t.responsibleUnit.code).sort()).toEqual(['SCT', 'SXD']);
    // The overdue tasks name criteria of the 2025 framework, so the mid-year risk counts them.
    expect(detail.taskList.filter((t) => t.overdue).map((t) => t.links.map((l) => (l.kind === 'criterion' ? l.code : '')))).toEqual([['1.1.2'], ['3.6']]);
    // Sở Tư pháp's document has its bytes in the store: a PDF that says it is sample data.
    const store = await openEvidenceStore(files);
    const stored: string[] = [];
    for await (const sha of store.listEvidence()) stored.push(sha);
    expect(stored).toHaveLength(1);
    const pdf = await text(await store.openEvidence(stored[0]!));
    expect(pdf.startsWith('%PDF-1.4')).toBe(true);
    expect(pdf).toContain('SAMPLE DATA');

    expect((await loadDemoNotices(database.db)).lines[0]).toContain('đã có');
    expect(await listVisibleNotices(await as('snv.quantri'))).toHaveLength(1);
  });

  it('stp.canbo sees its done task and, in the open 2025 cycle, criterion 2.2 is offered its report’s document', async () => {
    const ctx = await as('stp.canbo');
    const tasks = await listVisibleTasks(ctx, {});
    expect(tasks.map((t) => [t.responsibleUnit.code, t.status])).toEqual([['STP', 'done']]);
    expect(tasks[0]!.links).toEqual([expect.objectContaining({ kind: 'criterion', nodeKey: 'ra-soat-he-thong-hoa-vbqppl', code: '2.2' })]);
    const stp = tasks[0]!.responsibleUnit.id;
    expect(cycle.unitIds).toContain(stp);
    const offered = await offeredTaskEvidence(ctx, { cycleId: cycle.cycleId, unitId: stp, nodeKey: 'ra-soat-he-thong-hoa-vbqppl' });
    expect(offered).toEqual([expect.objectContaining({ noticeNumber: DEMO_NOTICE_NUMBER, noticeYear: 2024, attached: false, document: expect.objectContaining({ documentNumber: '215/BC-STP' }) })]);
    // A commune cooperating on the communes' task sees it, but reports nothing.
    const commune = await listVisibleTasks(await as('xa.huulung.canbo'), {});
    expect(commune.map((t) => [t.responsibleUnit.code, t.may.report])).toEqual([['X-THAT-KHE', false]]);
  });
});
