import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD, ADMIN_USER, As, DEMO_PASSWORD, login, logout, snap, tinyPdf } from './helpers';

// The whole year on the demo province (the acceptance test): the officer fills and uploads,
// the head submits, the appraiser adjusts one criterion and requests an explanation, the officer
// answers, the appraiser decides, the council approves, the administrator publishes, and the public
// page shows the ranking. The calendar is moved between phases through the administrator's API, as
// the administrator would in the set-up page.
//
// The cycle: a dedicated one for the departments group with two demo units that have users
// (Sở Y tế, Sở Công Thương), so that publication — which needs every unit of the group approved —
// is reachable in one test. It is "Chỉ số CCHC năm 2025" when that year is still free, else an
// earlier year of the same program under the same published framework.
const OFFICER = 'syt.canbo';
const HEAD = 'syt.lanhdao';
const OTHER = { officer: 'sct.canbo', head: 'sct.lanhdao' };
const COUNCIL_MEMBER = 'hoidong.vp';
const COUNCIL_CHAIR = 'hoidong.snv';
const APPRAISERS: Record<string, string> = { SNV: 'snv.thamdinh', STP: 'stp.thamdinh', VPUBND: 'vp.thamdinh', STC: 'stc.thamdinh', SKHCN: 'skhcn.thamdinh' };
const PROGRAM = 'par-index';
const DAY = 86_400_000;

interface Node { key: string; code: string; name: string; maxPoints: string; source?: string; appraisingAgency?: string; rule?: Record<string, unknown> & { type: string }; children?: Node[] }
interface View { nodeKey: string; status: string; version: number; may: Record<string, boolean> }
interface Assessment { framework: { nodes: Node[] }; records: Record<string, View>; state: string }
interface Cycle { id: string; version: number; groups: { groupId: string }[]; agencies: { agencyCode: string; unitId: string }[]; units: { unitId: string; code: string }[] }
interface Matrix { criteria: { nodeKey: string; code: string }[]; units: { unitId: string; state: string }[]; cells: Record<string, Record<string, View>> }

function leavesOf(nodes: Node[], out: Node[] = []): Node[] {
  for (const n of nodes) {
    if (n.children?.length) leavesOf(n.children, out);
    else if (n.rule) out.push(n);
  }
  return out;
}

/** An input giving the leaf its full points, per its rule. */
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
    default: return undefined; // survey and bonus: not self-assessed here
  }
}

/** Dates for the calendar: n days from today, at the start or the end of the day in Asia/Ho_Chi_Minh. */
function vnDay(n: number, end = false): string {
  const d = new Date(Date.now() + 7 * 3_600_000 + n * DAY).toISOString().slice(0, 10);
  return new Date(`${d}T${end ? '23:59:59.000' : '00:00:00.000'}+07:00`).toISOString();
}

test('cả năm: tự đánh giá, thẩm định, giải trình, Hội đồng, công bố, trang công khai', async ({ page, playwright, baseURL }, testInfo) => {
  test.setTimeout(600_000);
  const base = baseURL!;
  const admin = await As.login(playwright.request, base, ADMIN_USER, ADMIN_PASSWORD);

  // ---------- set-up (administrator, API): cycle, group → framework, agencies, two units, chair ----------
  const units = await admin.call<{ items: { id: string; code: string }[] }>('GET', '/units');
  const unitId = (code: string) => units.items.find((u) => u.code === code)?.id;
  const syt = unitId('SYT')!;
  const sct = unitId('SCT')!;
  const sets = await admin.call<{ items: { id: string; code: string; groups: { id: string; code: string; memberIds: string[] }[] }[] }>('GET', '/group-sets');
  const set = sets.items.find((s) => s.code === 'par-2025') ?? sets.items.find((s) => s.groups.some((g) => g.memberIds.includes(syt)))!;
  const group = set.groups.find((g) => g.memberIds.includes(syt))!;
  const fws = await admin.call<{ items: { groupLabel: string; versions: { id: string; status: string }[] }[] }>('GET', `/frameworks?program=${PROGRAM}`);
  const fw = fws.items.find((f) => /sở, ban, ngành/i.test(f.groupLabel))!;
  const versionId = fw.versions.find((v) => v.status === 'published')!.id;
  const doc = await admin.call<{ document: { agencies?: { code: string }[]; nodes: Node[] } }>('GET', `/framework-versions/${versionId}`);
  const existing = await admin.call<{ items: { year: number; program: { code: string } }[] }>('GET', '/cycles');
  const taken = new Set(existing.items.filter((c) => c.program.code === PROGRAM).map((c) => c.year));
  const year = [2025, 2024, 2023, 2022, 2021].find((y) => !taken.has(y))!;
  const name = `Chỉ số CCHC năm ${year}`;

  let cycle = await admin.call<Cycle>('POST', '/cycles', {
    programCode: PROGRAM, year, name, groupSetId: set.id,
    calendar: {
      selfAssessmentDeadline: vnDay(5, true), appraisalFrom: vnDay(6), appraisalTo: vnDay(20, true),
      explanationFrom: vnDay(6), explanationTo: vnDay(20, true), councilDate: vnDay(21), publicationDate: vnDay(22),
    },
    policy: { evidenceRequiredForPoints: true, explanationRequiredWithoutEvidence: true },
  });
  cycle = await admin.call<Cycle>('PUT', `/cycles/${cycle.id}/groups`, { version: cycle.version, groups: [{ groupId: group.id, frameworkVersionId: versionId }] });
  const agencyCodes = [...new Set([...(doc.document.agencies ?? []).map((a) => a.code), ...leavesOf(doc.document.nodes).map((l) => l.appraisingAgency).filter((c): c is string => !!c)])];
  cycle = await admin.call<Cycle>('PUT', `/cycles/${cycle.id}/agencies`, {
    version: cycle.version,
    agencies: agencyCodes.map((code) => ({ agencyCode: code, unitId: APPRAISERS[code] && unitId(code) ? unitId(code)! : unitId('SNV')! })),
  });
  cycle = await admin.call<Cycle>('PUT', `/cycles/${cycle.id}/units`, { version: cycle.version, unitIds: [syt, sct] });
  const users = await admin.call<{ items: { id: string; username: string }[] }>('GET', `/users?q=${COUNCIL_CHAIR}`);
  const chair = users.items.find((u) => u.username === COUNCIL_CHAIR);
  if (chair) cycle = await admin.call<Cycle>('PATCH', `/cycles/${cycle.id}`, { version: cycle.version, councilChairUserId: chair.id });
  const groupId = group.id;

  // The administrator opens the cycle in the set-up page (confirm dialog).
  await login(page, ADMIN_USER, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/cycles/);
  await page.getByRole('link', { name }).click();
  await page.getByRole('tab', { name: 'Thiết lập' }).click();
  await snap(page, testInfo, 'admin-setup');
  await page.getByRole('button', { name: 'Mở kỳ đánh giá' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Mở kỳ đánh giá' }).click();
  await expect(page.getByText('Đã mở kỳ đánh giá')).toBeVisible();
  await page.getByRole('tab', { name: 'Tiến độ' }).click();
  await expect(page.getByRole('heading', { name: 'Theo đơn vị' })).toBeVisible();
  await snap(page, testInfo, 'admin-progress-opened');
  await logout(page);

  // ---------- self-assessment: the officer fills and uploads (UI for one criterion, the API for the rest) ----------
  const fill = async (user: string, unit: string, evidenceId: string, skip: Set<string> = new Set()) => {
    const as = await As.login(playwright.request, base, user);
    const a = await as.call<Assessment>('GET', `/cycles/${cycle.id}/units/${unit}/assessment`);
    for (const leaf of leavesOf(a.framework.nodes)) {
      const rec = a.records[leaf.key];
      const input = fullInput(leaf);
      if (!rec || !rec.may.edit || !input || skip.has(leaf.key)) continue;
      await as.call('PUT', `/cycles/${cycle.id}/units/${unit}/criteria/${leaf.key}`, {
        version: rec.version, input, explanation: 'Đã thực hiện đầy đủ theo kế hoạch năm.', evidenceIds: [evidenceId],
      });
    }
    await as.dispose();
  };

  await login(page, OFFICER, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/my-work/);
  await page.locator('.ant-card').filter({ hasText: name }).getByRole('button').first().click();
  await expect(page).toHaveURL(/\/assessments\//);
  const first = leavesOf(doc.document.nodes).find((l) => l.rule?.type === 'choice')!;
  await page.getByTestId(`node-${first.code}`).click();
  const leafPanel = page.locator('.as-leaf');
  await leafPanel.getByRole('radio').first().check();
  await leafPanel.getByRole('button', { name: 'Tải lên tài liệu mới' }).click();
  const upload = page.getByRole('dialog', { name: 'Tải lên tài liệu kiểm chứng' });
  await upload.getByLabel('Số văn bản').fill('20/KH-SYT');
  await upload.getByLabel('Cơ quan ban hành').fill('Sở Y tế');
  await upload.getByLabel('Trích yếu').fill('Kế hoạch cải cách hành chính năm 2025');
  await upload.locator('input[type=file]').setInputFiles({ name: 'ke-hoach-cchc-syt.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
  await upload.getByRole('button', { name: 'Tải lên' }).click();
  await expect(upload).toBeHidden();
  await expect(page.getByTestId('save-status')).toContainText('Đã lưu lúc');
  await snap(page, testInfo, 'officer-filled-and-uploaded');
  await logout(page);
  const officerApi = await As.login(playwright.request, base, OFFICER);
  const evidence = await officerApi.call<{ items: { id: string }[] }>('GET', `/units/${syt}/evidence`);
  await officerApi.dispose();
  await fill(OFFICER, syt, evidence.items[0]!.id, new Set([first.key]));
  const otherOfficer = await As.login(playwright.request, base, OTHER.officer);
  const otherEvidence = await otherOfficer.upload(sct);
  await otherOfficer.dispose();
  await fill(OTHER.officer, sct, otherEvidence.id);

  // ---------- the head submits (UI); the other unit's head through the API ----------
  await login(page, HEAD, DEMO_PASSWORD);
  await page.locator('.ant-card').filter({ hasText: name }).getByRole('button', { name: /tự đánh giá/ }).click();
  await page.getByRole('tab', { name: 'Tổng hợp và gửi' }).click();
  await page.getByRole('button', { name: /Gửi kết quả tự đánh giá/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: /Gửi kết quả tự đánh giá/ }).click();
  await expect(page.getByText('Đã gửi', { exact: true }).first()).toBeVisible();
  await snap(page, testInfo, 'head-submitted');
  await logout(page);
  const otherHead = await As.login(playwright.request, base, OTHER.head);
  await otherHead.call('POST', `/cycles/${cycle.id}/units/${sct}/actions/submit`, {});
  await otherHead.dispose();

  // ---------- the administrator moves the calendar to the appraisal phase ----------
  const setCalendar = async (calendar: Record<string, string>) => {
    const c = await admin.call<Cycle>('GET', `/cycles/${cycle.id}`);
    cycle = await admin.call<Cycle>('PATCH', `/cycles/${cycle.id}`, { version: c.version, calendar });
  };
  await setCalendar({
    selfAssessmentDeadline: vnDay(-1, true), appraisalFrom: vnDay(-1), appraisalTo: vnDay(0, true),
    explanationFrom: vnDay(-1), explanationTo: vnDay(0, true), councilDate: vnDay(1), publicationDate: vnDay(1),
  });

  // Other agencies accept their criteria through the API (their appraisers).
  const agencyOf = new Map(cycle.agencies.map((a) => [a.agencyCode, a.unitId]));
  const appraiserFor = (code: string) => (APPRAISERS[code] && agencyOf.get(code) === unitId(code) ? APPRAISERS[code] : APPRAISERS.SNV)!;
  const mainAgency = first.appraisingAgency ?? agencyCodes[0]!;
  const mainAppraiser = appraiserFor(mainAgency);
  const others = [...new Set(agencyCodes.map(appraiserFor))].filter((u) => u !== mainAppraiser);
  const acceptAll = async (user: string, unitsToAccept: string[]) => {
    const as = await As.login(playwright.request, base, user);
    for (const u of unitsToAccept) await as.call('POST', `/cycles/${cycle.id}/units/${u}/actions/start_appraisal`, {}, false);
    const m = await as.call<Matrix>('GET', `/cycles/${cycle.id}/appraisal`);
    const items = m.units.filter((u) => unitsToAccept.includes(u.unitId)).flatMap((u) => m.criteria
      .map((c) => ({ unitId: u.unitId, nodeKey: c.nodeKey, v: m.cells[u.unitId]?.[c.nodeKey] }))
      .filter((x) => x.v && x.v.may.decide && ['pending', 'explained'].includes(x.v.status))
      .map((x) => ({ unitId: x.unitId, nodeKey: x.nodeKey, version: x.v!.version })));
    if (items.length) await as.call('POST', `/cycles/${cycle.id}/appraisal/bulk-accept`, { items });
    await as.dispose();
  };
  for (const u of others) await acceptAll(u, [syt, sct]);

  // ---------- the appraiser: adjusts one criterion, requests an explanation on another, accepts the rest ----------
  await login(page, mainAppraiser, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/appraisal/);
  await page.goto(`/appraisal?cycle=${cycle.id}`);
  const sytHeader = page.getByRole('columnheader', { name: /Sở Y tế/ });
  if (await sytHeader.getByRole('button', { name: 'Bắt đầu thẩm định' }).isVisible()) {
    await sytHeader.getByRole('button', { name: 'Bắt đầu thẩm định' }).click();
    await expect(page.getByText('Đã thực hiện: Bắt đầu thẩm định')).toBeVisible();
  }
  await snap(page, testInfo, 'appraiser-matrix');
  const mine = leavesOf(doc.document.nodes).filter((l) => (l.appraisingAgency ?? mainAgency) === mainAgency && fullInput(l));
  const adjusted = mine.find((l) => l.key !== first.key) ?? mine[0]!;
  const explained = mine.find((l) => l.key !== adjusted.key && l.key !== first.key) ?? first;

  await page.getByRole('button', { name: `Mở ${adjusted.code} — Sở Y tế` }).click();
  // The cell's drawer (antd 6 has no `.ant-drawer-content`: the panel is the dialog named by its title).
  const drawer = page.getByRole('dialog', { name: /— Sở Y tế/ });
  await drawer.getByText('Cho điểm khác').click();
  await drawer.getByText('Nhập thẳng số điểm').click();
  await drawer.getByLabel('Điểm thẩm định').fill('0');
  await expect(drawer.getByText(/Điểm sẽ ghi nhận: 0/)).toBeVisible();
  await drawer.getByLabel(/Lý do/).fill('Tài liệu kiểm chứng không chứng minh được kết quả thực hiện');
  await snap(page, testInfo, 'appraiser-adjust');
  await drawer.getByRole('button', { name: 'Cho điểm khác' }).click();
  await expect(page.getByText('Đã ghi điểm thẩm định')).toBeVisible();
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: `Mở ${explained.code} — Sở Y tế` }).click();
  await drawer.getByText('Yêu cầu giải trình / bổ sung').click();
  await drawer.getByLabel('Nội dung yêu cầu').fill('Đề nghị giải trình rõ kết quả và gửi kèm báo cáo');
  await snap(page, testInfo, 'appraiser-request');
  await drawer.getByRole('button', { name: 'Gửi' }).click();
  await expect(page.getByText('Đã gửi yêu cầu tới đơn vị')).toBeVisible();
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Chọn mọi ô chờ thẩm định' }).click();
  await page.getByRole('button', { name: /Chấp nhận các ô đã chọn/ }).click();
  await expect(page.getByText(/Đã chấp nhận \d+ ô/).first()).toBeVisible();
  await snap(page, testInfo, 'appraiser-bulk-accepted');
  await logout(page);

  // ---------- the officer answers (answering the last open request moves the unit to "explained" by itself) ----------
  await login(page, OFFICER, DEMO_PASSWORD);
  await page.locator('.ant-card').filter({ hasText: name }).getByRole('button').first().click();
  await page.getByRole('tab', { name: /Yêu cầu giải trình/ }).click();
  await page.getByLabel('Nội dung giải trình').first().fill('Đơn vị đã hoàn thành; báo cáo số 20/BC-SYT gửi kèm.');
  await page.getByRole('button', { name: 'Gửi giải trình' }).first().click();
  await expect(page.getByText('Đã gửi giải trình').first()).toBeVisible();
  await snap(page, testInfo, 'officer-answered');
  await logout(page);
  const head = await As.login(playwright.request, base, HEAD);
  expect((await head.call<Assessment>('GET', `/cycles/${cycle.id}/units/${syt}/assessment`)).state).toBe('explained');
  await head.dispose();

  // ---------- the appraiser decides on the answer: with every criterion decided, each unit is appraised ----------
  await login(page, mainAppraiser, DEMO_PASSWORD);
  await page.goto(`/appraisal?cycle=${cycle.id}`);
  await page.getByRole('button', { name: `Mở ${explained.code} — Sở Y tế` }).click();
  await expect(drawer.getByText('Đơn vị đã hoàn thành; báo cáo số 20/BC-SYT gửi kèm.')).toBeVisible();
  await snap(page, testInfo, 'appraiser-reads-answer');
  await drawer.getByRole('button', { name: 'Chấp nhận điểm tự đánh giá' }).last().click();
  await expect(page.getByText('Đã chấp nhận', { exact: true })).toBeVisible();
  await page.keyboard.press('Escape');
  // The last decision completes the appraisal (the server moves a unit on once nothing is left to
  // decide and no request is open): no "Hoàn thành thẩm định" is left to press.
  for (const unitName of ['Sở Y tế', 'Sở Công Thương']) {
    const header = page.getByRole('columnheader', { name: new RegExp(unitName) });
    await expect(header.getByText('Đã thẩm định')).toBeVisible();
    await expect(header.getByRole('button', { name: 'Hoàn thành thẩm định' })).toHaveCount(0);
  }
  await snap(page, testInfo, 'appraisal-completed');
  await logout(page);

  // ---------- the administrator moves the calendar to the council and publication ----------
  await setCalendar({
    selfAssessmentDeadline: vnDay(-3, true), appraisalFrom: vnDay(-2), appraisalTo: vnDay(-1, true),
    explanationFrom: vnDay(-2), explanationTo: vnDay(-1, true), councilDate: vnDay(0), publicationDate: vnDay(0),
  });

  // ---------- the council reviews; the chair approves ----------
  await login(page, COUNCIL_MEMBER, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/council/);
  await page.goto(`/council?cycle=${cycle.id}&group=${groupId}`);
  await expect(page.getByRole('cell', { name: 'Sở Y tế' })).toBeVisible();
  for (let i = 0; i < 2; i++) {
    await page.getByRole('button', { name: 'Ghi nhận đã xem xét' }).first().click();
    await expect(page.getByText('Ghi nhận đã xem xét').last()).toBeVisible();
  }
  await expect(page.getByRole('button', { name: 'Ghi nhận đã xem xét' })).toHaveCount(0);
  await snap(page, testInfo, 'council-reviewed');
  await logout(page);

  await login(page, COUNCIL_CHAIR, DEMO_PASSWORD);
  await page.goto(`/council?cycle=${cycle.id}&group=${groupId}`);
  for (let i = 0; i < 2; i++) {
    await page.getByRole('button', { name: 'Phê duyệt kết quả đơn vị' }).first().click();
    await expect(page.getByRole('button', { name: 'Phê duyệt kết quả đơn vị' })).toHaveCount(1 - i);
  }
  await expect(page.getByText('Đã phê duyệt').first()).toBeVisible();
  await snap(page, testInfo, 'chair-approved');
  await logout(page);

  // ---------- the administrator publishes ----------
  await login(page, ADMIN_USER, ADMIN_PASSWORD);
  await page.goto(`/council?cycle=${cycle.id}&group=${groupId}`);
  await page.getByRole('button', { name: 'Công bố kết quả nhóm' }).click();
  const confirm = page.getByRole('dialog');
  await confirm.getByLabel('Số quyết định').fill('123/QĐ-UBND');
  await snap(page, testInfo, 'admin-publish-confirm');
  await confirm.getByRole('button', { name: 'Công bố kết quả nhóm' }).click();
  await expect(page.getByText('Đã công bố (bản 1)')).toBeVisible();
  await snap(page, testInfo, 'admin-published');

  // The published figure traces back to the appraiser's adjustment and its reason.
  await page.getByRole('row').filter({ hasText: 'Sở Y tế' }).getByRole('button', { name: 'Chi tiết điểm' }).click();
  const trace = page.getByRole('dialog', { name: 'Chi tiết điểm công bố — Sở Y tế' });
  const adjustedRow = trace.getByRole('row').filter({ has: page.getByRole('cell', { name: adjusted.code, exact: true }) });
  await expect(adjustedRow.getByText('Thẩm định', { exact: true })).toBeVisible();
  await expect(adjustedRow.getByText('Tài liệu kiểm chứng không chứng minh được kết quả thực hiện')).toBeVisible();
  await snap(page, testInfo, 'admin-trace');
  await trace.getByRole('button', { name: /Close|Đóng/ }).click();
  await logout(page);

  // ---------- the public page, from the login page, shows the ranking ----------
  await page.getByRole('link', { name: 'Xem kết quả đã công bố' }).click();
  await expect(page).toHaveURL(/\/cong-khai/);
  await page.goto(`/cong-khai?cycle=${cycle.id}&group=${groupId}`);
  const table = page.getByRole('table');
  await expect(table.getByRole('cell', { name: 'Sở Y tế' })).toBeVisible();
  await expect(table.getByRole('cell', { name: 'Sở Công Thương' })).toBeVisible();
  await expect(page.getByText('Quyết định số 123/QĐ-UBND')).toBeVisible();
  // Sở Công Thương kept every point; Sở Y tế lost one criterion: it ranks second. Indexes use a decimal comma.
  // The ranking's rows: those with cells (the table's hidden measure row has none).
  const rows = table.getByRole('row').filter({ has: page.getByRole('cell') });
  await expect(rows.first()).toContainText('Sở Công Thương');
  await expect(rows.nth(1)).toContainText(/Sở Y tế.*\d+,\d{2}/);
  // The field columns carry codes; a legend below names them.
  await expect(page.getByText(/^Chỉ số thành phần theo lĩnh vực \(%\): 1\. /)).toBeVisible();
  await snap(page, testInfo, 'public-ranking');
  await admin.dispose();
});

