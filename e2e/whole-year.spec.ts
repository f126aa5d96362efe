import { createHash } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD, ADMIN_USER, As, DEMO_PASSWORD, login, logout, snap, tinyPdf } from './helpers';
import { serverAnswer } from './support/page';
import { acceptAll, createCycle, fillUnit, freeYear, fullInput, setCalendar, type Assessment } from './support/cycle';

// The whole year on the demo province (the acceptance test): the officer fills and uploads,
// the head submits, the appraiser adjusts one criterion and requests an explanation, the officer
// answers, the appraiser decides, the council approves, the administrator publishes, and the public
// page shows the ranking. The calendar is moved between phases through the administrator's API, as
// the administrator would in the set-up page.
//
// The cycle: a dedicated one for the departments group with two demo units that have users
// (Sở Y tế, Sở Công Thương), so that publication — which needs every unit of the group approved —
// is reachable in one test, in a year no other cycle of the program uses (support/cycle.ts#freeYear),
// under the same published framework as the demo cycle.
const OFFICER = 'syt.canbo';
const HEAD = 'syt.lanhdao';
const OTHER = { officer: 'sct.canbo', head: 'sct.lanhdao' };
const COUNCIL_MEMBER = 'hoidong.vp';
const COUNCIL_CHAIR = 'hoidong.snv';
const PROGRAM = 'par-index';

test('cả năm: tự đánh giá, thẩm định, giải trình, Hội đồng, công bố, trang công khai', async ({ page, playwright, baseURL }, testInfo) => {
  test.setTimeout(600_000);
  const base = baseURL!;
  const admin = await As.login(playwright.request, base, ADMIN_USER, ADMIN_PASSWORD);

  // ---------- set-up (administrator, API): cycle, group → framework, agencies, two units, chair ----------
  const year = await freeYear(admin, PROGRAM);
  const name = `Chỉ số CCHC năm ${year}`;
  const built = await createCycle(admin, {
    program: PROGRAM, year, name, groupOf: 'SYT', unitCodes: ['SYT', 'SCT'], frameworkLabel: /sở, ban, ngành/i, agencies: 'own',
    chair: COUNCIL_CHAIR, policy: { evidenceRequiredForPoints: true, explanationRequiredWithoutEvidence: true }, open: false,
  });
  const cycle = built.cycle;
  const [syt, sct] = [built.unit('SYT'), built.unit('SCT')];
  const { groupId, leaves, agencyCodes } = built;

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
  await login(page, OFFICER, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/my-work/);
  await page.locator('.ant-card').filter({ hasText: name }).getByRole('button').first().click();
  await expect(page).toHaveURL(/\/assessments\//);
  const first = leaves.find((l) => l.rule?.type === 'choice')!;
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
  const evidence = await officerApi.call<{ items: { id: string }[] }>('GET', `/units/${syt.id}/evidence`);
  await officerApi.dispose();
  await fillUnit(playwright.request, base, cycle.id, syt, { evidenceIds: [evidence.items[0]!.id], skip: new Set([first.key]) });
  const otherOfficer = await As.login(playwright.request, base, OTHER.officer);
  const otherEvidence = await otherOfficer.upload(sct.id);
  await otherOfficer.dispose();
  await fillUnit(playwright.request, base, cycle.id, sct, { evidenceIds: [otherEvidence.id] });

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
  await otherHead.call('POST', `/cycles/${cycle.id}/units/${sct.id}/actions/submit`, {});
  await otherHead.dispose();

  // ---------- the administrator moves the calendar to the appraisal phase ----------
  await setCalendar(admin, cycle.id, 'appraisal');

  // Other agencies accept their criteria through the API (their appraisers).
  const mainAgency = first.agency ?? agencyCodes[0]!;
  const mainAppraiser = built.appraiserFor(mainAgency);
  const others = built.appraisers.filter((u) => u !== mainAppraiser);
  for (const u of others) await acceptAll(playwright.request, base, cycle.id, u, [syt.id, sct.id]);

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
  const mine = leaves.filter((l) => (l.agency ?? mainAgency) === mainAgency && fullInput(l));
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
  expect((await head.call<Assessment>('GET', `/cycles/${cycle.id}/units/${syt.id}/assessment`)).state).toBe('explained');
  await head.dispose();

  // ---------- the appraiser decides on the answer: with every criterion decided, each unit is appraised ----------
  await login(page, mainAppraiser, DEMO_PASSWORD);
  await page.goto(`/appraisal?cycle=${cycle.id}`);
  await page.getByRole('button', { name: `Mở ${explained.code} — Sở Y tế` }).click();
  await expect(drawer.getByText('Đơn vị đã hoàn thành; báo cáo số 20/BC-SYT gửi kèm.')).toBeVisible();
  await snap(page, testInfo, 'appraiser-reads-answer');
  const accepted = serverAnswer(page, '/decide');
  await drawer.getByRole('button', { name: 'Chấp nhận điểm tự đánh giá' }).last().click();
  expect((await accepted).ok()).toBe(true);
  await expect(page.getByText('Đã chấp nhận', { exact: true })).toBeVisible({ timeout: 60_000 });
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
  await setCalendar(admin, cycle.id, 'council');

  // ---------- the council reviews; the chair approves ----------
  await login(page, COUNCIL_MEMBER, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/council/);
  await page.goto(`/council?cycle=${cycle.id}&group=${groupId}`);
  await expect(page.getByRole('cell', { name: 'Sở Y tế' })).toBeVisible();
  for (let i = 0; i < 2; i++) {
    await page.getByRole('button', { name: 'Ghi nhận đã xem xét' }).first().click();
    // Wait for the row to leave the list before the next click (else it may hit the same row again).
    await expect(page.getByRole('button', { name: 'Ghi nhận đã xem xét' })).toHaveCount(1 - i);
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

  // ---------- the administrator closes the year: read only, the published results stay public ----------
  await page.goto(`/cycles/${cycle.id}`);
  await page.getByRole('button', { name: 'Đóng kỳ đánh giá' }).click();
  const closing = page.getByRole('dialog', { name: /^Đóng kỳ đánh giá/ });
  await closing.getByLabel('Ghi chú (không bắt buộc)').fill('Hoàn thành đánh giá năm');
  await snap(page, testInfo, 'admin-close-confirm');
  await closing.getByRole('button', { name: 'Đóng kỳ đánh giá' }).click();
  await expect(page.getByTestId('cycle-closed')).toContainText('Kỳ đánh giá đã kết thúc');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Đã kết thúc');
  await expect(page.getByRole('button', { name: 'Mở lại kỳ đánh giá' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Đóng kỳ đánh giá' })).toHaveCount(0);
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await expect(page.getByTestId('cycle-closed')).toBeVisible();
    await snap(page, testInfo, `admin-cycle-closed-${width}`);
  }
  await page.setViewportSize({ width: 1366, height: 900 });
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
  // The check code: the SHA-256 of the downloadable check file (docs/security.md).
  const hash = (await page.getByTestId('snapshot-hash').locator('.chiso-hash').innerText()).trim();
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  const checkFile = await page.request.get(`/api/public/results/${cycle.id}/${groupId}/snapshot.json`);
  expect(createHash('sha256').update(await checkFile.body()).digest('hex')).toBe(hash);
  await snap(page, testInfo, 'public-ranking');
  await admin.dispose();
});

