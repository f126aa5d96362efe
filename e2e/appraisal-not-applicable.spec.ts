import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { ADMIN_PASSWORD, ADMIN_USER, As, DEMO_PASSWORD, login, logout, snap } from './helpers';

// Not-applicable claims in the appraisal (issue 7, blocker 2). Three demo departments of one
// group declare criteria of the Office of the PPC (VPUBND, appraised by vp.thamdinh) "không áp
// dụng": Sở Y tế on 3.1 and 3.2, Sở Công Thương and Sở Xây dựng on 3.1. After submission the
// appraiser confirms 3.2 of Sở Y tế in the drawer, refuses its 3.1 with a reason and a value, and
// confirms 3.1 of the two others in one action from the grid; Sở Y tế then reads the refusal in its
// notifications. The cycle is the test's own (the first free year), its calendar moved through the
// administrator's API as in whole-year.spec.ts.
const PROGRAM = 'par-index';
const APPRAISER = 'vp.thamdinh';
const UNITS = { SYT: 'syt', SCT: 'sct', SXD: 'sxd' } as const;
const CLAIMS: Record<keyof typeof UNITS, string[]> = { SYT: ['3.1', '3.2'], SCT: ['3.1'], SXD: ['3.1'] };
const REASON = 'Đơn vị không có thủ tục hành chính thuộc thẩm quyền giải quyết';
const REFUSAL = 'Sở Y tế giải quyết 12 thủ tục hành chính lĩnh vực dược (Quyết định 45/QĐ-UBND)';
const DAY = 86_400_000;

interface Node { key: string; code: string; maxPoints: string; appraisingAgency?: string; rule?: Record<string, unknown> & { type: string }; children?: Node[] }
interface View { status: string; version: number; may: Record<string, boolean> }
interface Cycle { id: string; version: number }

function leavesOf(nodes: Node[], agency?: string, out: (Node & { agency?: string })[] = []): (Node & { agency?: string })[] {
  for (const n of nodes) {
    const a = n.appraisingAgency ?? agency;
    if (n.children?.length) leavesOf(n.children, a, out);
    else if (n.rule) out.push({ ...n, ...(a ? { agency: a } : {}) });
  }
  return out;
}

/** An input giving the leaf full points, per its rule (survey and bonus leaves: none). */
function fullInput(n: Node): Record<string, unknown> | undefined {
  const r = n.rule!;
  switch (r.type) {
    case 'choice': {
      const opts = (r.options as { key: string; points: string }[]) ?? [];
      const best = [...opts].sort((a, b) => Number(b.points) - Number(a.points))[0];
      return best ? { kind: 'choice', option: best.key } : undefined;
    }
    case 'yes_no': return { kind: 'yes_no', value: true };
    case 'rate_tiers': case 'proportional': case 'data_feed': return { kind: 'rate', numerator: '10', denominator: '10' };
    case 'manual': return { kind: 'manual', points: n.maxPoints };
    case 'deduction': return { kind: 'count', occurrences: 0 };
    default: return undefined;
  }
}

/** n days from today, at the start or the end of the day in Asia/Ho_Chi_Minh. */
function vnDay(n: number, end = false): string {
  const d = new Date(Date.now() + 7 * 3_600_000 + n * DAY).toISOString().slice(0, 10);
  return new Date(`${d}T${end ? '23:59:59.000' : '00:00:00.000'}+07:00`).toISOString();
}

/**
 * The drawer at a desktop's and a phone's width (what the screen shows: the drawer scrolls by
 * itself): its top with the unit's claim, and the decision form down to its button.
 */
async function drawerShots(page: Page, testInfo: TestInfo, name: string) {
  const drawer = page.getByRole('dialog').last();
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await expect(drawer).toBeVisible();
    await drawer.getByTestId('na-claim').scrollIntoViewIfNeeded();
    await shot(page, testInfo, `${name}-${width}-top`);
    await drawer.locator('button[type=submit]').scrollIntoViewIfNeeded();
    await shot(page, testInfo, `${name}-${width}-form`);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

async function shot(page: Page, testInfo: TestInfo, name: string) {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

test('không áp dụng: xác nhận, không chấp nhận trong ngăn thẩm định, xác nhận hàng loạt; đơn vị nhận thông báo', async ({ page, playwright, baseURL }, testInfo) => {
  test.setTimeout(300_000);
  const base = baseURL!;
  const admin = await As.login(playwright.request, base, ADMIN_USER, ADMIN_PASSWORD);

  // ---------- set-up (administrator, API): a cycle of the departments' group with three units ----------
  const units = await admin.call<{ items: { id: string; code: string }[] }>('GET', '/units');
  const unitId = (code: string) => units.items.find((u) => u.code === code)!.id;
  const ids = { SYT: unitId('SYT'), SCT: unitId('SCT'), SXD: unitId('SXD') };
  const sets = await admin.call<{ items: { id: string; code: string; groups: { id: string; memberIds: string[] }[] }[] }>('GET', '/group-sets');
  const set = sets.items.find((s) => s.code === 'par-2025') ?? sets.items.find((s) => s.groups.some((g) => g.memberIds.includes(ids.SYT)))!;
  const group = set.groups.find((g) => g.memberIds.includes(ids.SYT))!;
  expect(group.memberIds).toEqual(expect.arrayContaining(Object.values(ids)));
  const fws = await admin.call<{ items: { groupLabel: string; versions: { id: string; status: string }[] }[] }>('GET', `/frameworks?program=${PROGRAM}`);
  const versionId = fws.items.find((f) => /sở, ban, ngành/i.test(f.groupLabel))!.versions.find((v) => v.status === 'published')!.id;
  const doc = await admin.call<{ document: { agencies?: { code: string }[]; nodes: Node[] } }>('GET', `/framework-versions/${versionId}`);
  const leaves = leavesOf(doc.document.nodes);
  const leaf = (code: string) => leaves.find((l) => l.code === code)!;
  expect(leaf('3.1').agency).toBe('VPUBND');
  const existing = await admin.call<{ items: { year: number; program: { code: string } }[] }>('GET', '/cycles');
  const taken = new Set(existing.items.filter((c) => c.program.code === PROGRAM).map((c) => c.year));
  const year = [2025, 2024, 2023, 2022, 2021, 2020, 2019].find((y) => !taken.has(y))!;

  let cycle = await admin.call<Cycle>('POST', '/cycles', {
    programCode: PROGRAM, year, name: `Chỉ số CCHC năm ${year} (không áp dụng)`, groupSetId: set.id,
    calendar: {
      selfAssessmentDeadline: vnDay(5, true), appraisalFrom: vnDay(6), appraisalTo: vnDay(20, true),
      explanationFrom: vnDay(6), explanationTo: vnDay(20, true), councilDate: vnDay(21), publicationDate: vnDay(22),
    },
    policy: { evidenceRequiredForPoints: false, explanationRequiredWithoutEvidence: false },
  });
  cycle = await admin.call<Cycle>('PUT', `/cycles/${cycle.id}/groups`, { version: cycle.version, groups: [{ groupId: group.id, frameworkVersionId: versionId }] });
  const agencyCodes = [...new Set([...(doc.document.agencies ?? []).map((a) => a.code), ...leaves.map((l) => l.agency).filter((c): c is string => !!c)])];
  cycle = await admin.call<Cycle>('PUT', `/cycles/${cycle.id}/agencies`, {
    version: cycle.version,
    agencies: agencyCodes.map((code) => ({ agencyCode: code, unitId: units.items.some((u) => u.code === code) ? unitId(code) : unitId('SNV') })),
  });
  cycle = await admin.call<Cycle>('PUT', `/cycles/${cycle.id}/units`, { version: cycle.version, unitIds: Object.values(ids) });
  cycle = await admin.call<Cycle>('POST', `/cycles/${cycle.id}/open`, { version: cycle.version });

  // ---------- each unit fills everything (API), declares its claims, and its head submits ----------
  for (const [code, prefix] of Object.entries(UNITS) as [keyof typeof UNITS, string][]) {
    const officer = await As.login(playwright.request, base, `${prefix}.canbo`);
    const a = await officer.call<{ records: Record<string, View> }>('GET', `/cycles/${cycle.id}/units/${ids[code]}/assessment`);
    for (const l of leaves) {
      const rec = a.records[l.key];
      const input = CLAIMS[code].includes(l.code) ? { kind: 'not_applicable', reason: REASON } : fullInput(l);
      if (!rec?.may.edit || !input) continue;
      await officer.call('PUT', `/cycles/${cycle.id}/units/${ids[code]}/criteria/${l.key}`, { version: rec.version, input, explanation: 'Đã thực hiện theo kế hoạch năm.' });
    }
    await officer.dispose();
    const head = await As.login(playwright.request, base, `${prefix}.lanhdao`);
    await head.call('POST', `/cycles/${cycle.id}/units/${ids[code]}/actions/submit`, {});
    await head.dispose();
  }

  // ---------- the administrator moves the calendar into the appraisal ----------
  const current = await admin.call<Cycle>('GET', `/cycles/${cycle.id}`);
  await admin.call('PATCH', `/cycles/${cycle.id}`, {
    version: current.version,
    calendar: {
      selfAssessmentDeadline: vnDay(-1, true), appraisalFrom: vnDay(-1), appraisalTo: vnDay(3, true),
      explanationFrom: vnDay(-1), explanationTo: vnDay(3, true), councilDate: vnDay(4), publicationDate: vnDay(5),
    },
  });
  await admin.dispose();

  // ---------- the appraiser finds the claims in the grid ----------
  await login(page, APPRAISER, DEMO_PASSWORD);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/appraisal?cycle=${cycle.id}`);
  await expect(page.getByTestId('cell-3.1-SYT').getByText('Không áp dụng?')).toBeVisible();
  await expect(page.getByTestId('cell-3.2-SYT').getByText('Không áp dụng?')).toBeVisible();
  await expect(page.getByTestId('cell-3.2-SCT').getByText('Không áp dụng?')).toHaveCount(0);
  // A claim is not offered to bulk accept (no tick box in its cell).
  await expect(page.getByTestId('cell-3.1-SYT').getByRole('checkbox')).toHaveCount(0);
  await expect(page.getByTestId('cell-3.2-SCT').getByRole('checkbox')).toHaveCount(1);
  await snap(page, testInfo, 'grid-claims-pending');
  await page.setViewportSize({ width: 390, height: 900 });
  await shot(page, testInfo, 'grid-claims-pending-390');
  await page.setViewportSize({ width: 1440, height: 900 });

  // ---------- the drawer: confirm 3.2 of Sở Y tế ----------
  const drawer = page.getByRole('dialog', { name: /— Sở Y tế/ });
  await page.getByRole('button', { name: 'Mở 3.2 — Sở Y tế' }).click();
  await expect(drawer.getByTestId('na-claim')).toContainText(REASON);
  await expect(drawer.getByTestId('na-claim')).toContainText('Đơn vị không có TTHC thuộc thẩm quyền giải quyết'); // the framework's condition
  await expect(drawer.getByText('Chấp nhận điểm tự đánh giá')).toHaveCount(0);
  await expect(drawer.getByText('Cho điểm khác')).toHaveCount(0);
  await drawerShots(page, testInfo, 'drawer-confirm');
  await drawer.getByRole('button', { name: 'Xác nhận không áp dụng' }).click();
  await expect(page.getByText('Đã xác nhận không áp dụng', { exact: true })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('cell-3.2-SYT').getByText('Không áp dụng', { exact: true })).toBeVisible();

  // ---------- the drawer: refuse 3.1 of Sở Y tế, with a reason and a value by its rule ----------
  await page.getByRole('button', { name: 'Mở 3.1 — Sở Y tế' }).click();
  await expect(drawer.getByTestId('na-claim')).toContainText(REASON);
  await drawer.getByText('Không chấp nhận', { exact: true }).click();
  const refuse = drawer.getByRole('button', { name: 'Không chấp nhận «không áp dụng»' });
  await expect(refuse).toBeDisabled(); // no value yet
  await drawer.getByRole('radiogroup', { name: 'Câu trả lời' }).getByText('Có', { exact: true }).click();
  await expect(drawer.getByText(`Điểm sẽ ghi nhận: 2 / 2`)).toBeVisible();
  // A refusal without a reason is stopped on the field.
  await refuse.click();
  await expect(drawer.getByText('Vui lòng ghi lý do')).toBeVisible();
  await drawer.getByLabel(/Lý do không chấp nhận/).fill(REFUSAL);
  await drawerShots(page, testInfo, 'drawer-refuse');
  await refuse.click();
  await expect(page.getByText('Đã không chấp nhận «không áp dụng»; đơn vị đã được thông báo')).toBeVisible();
  await expect(drawer.getByText(REFUSAL).first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('cell-3.1-SYT').getByText('Không chấp nhận KAD')).toBeVisible();

  // ---------- bulk confirmation of 3.1 for the two other units ----------
  await page.getByRole('button', { name: 'Xác nhận không áp dụng tiêu chí 3.1 cho các đơn vị đang chờ (2)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Xác nhận không áp dụng tiêu chí 3.1' });
  await expect(dialog.getByRole('checkbox', { name: /Sở Công Thương/ })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: /Sở Xây dựng/ })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: /Sở Y tế/ })).toHaveCount(0);
  await snap(page, testInfo, 'bulk-confirm-dialog');
  await page.setViewportSize({ width: 390, height: 900 });
  await shot(page, testInfo, 'bulk-confirm-dialog-390');
  await page.setViewportSize({ width: 1440, height: 900 });
  await dialog.getByRole('button', { name: 'Xác nhận không áp dụng (2 đơn vị)' }).click();
  await expect(page.getByText('Đã xác nhận không áp dụng tiêu chí 3.1 cho 2 đơn vị')).toBeVisible();
  for (const code of ['SCT', 'SXD']) await expect(page.getByTestId(`cell-3.1-${code}`).getByText('Không áp dụng', { exact: true })).toBeVisible();
  await expect(page.getByText('Không áp dụng?')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Xác nhận KAD/ })).toHaveCount(0);
  await snap(page, testInfo, 'grid-claims-decided');
  await logout(page);

  // ---------- Sở Y tế reads the refusal with its reason ----------
  await login(page, 'syt.canbo', DEMO_PASSWORD);
  await page.getByRole('button', { name: /^Thông báo: \d+ chưa đọc/ }).click();
  const note = page.getByRole('button', { name: /không chấp nhận việc Sở Y tế.* khai báo "không áp dụng" tiêu chí 3\.1/ });
  await expect(note).toBeVisible();
  await expect(note).toContainText(REFUSAL);
  await snap(page, testInfo, 'unit-notified');
});
