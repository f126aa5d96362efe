import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD, ADMIN_USER, As, DEMO_PASSWORD, login, logout } from './helpers';
import {
  COUNCIL, accountsOf, acceptAll, acceptInstead, createCycle, fillUnit, freeYear, inBatches, setCalendar, unitStates, type Assessment, type Leaf,
} from './support/cycle';
import { serverAnswer } from './support/page';
import { snapBoth } from './support/shots';

// The "Done when" (issue 7): a whole demo year for ONE group with ALL its units — the 15
// departments of the demo province — in a PAR-index cycle of its own (a free year), then the
// task-performance cycle of the same year and group for the data feeds. Bulk work goes through the
// API as each role's own session (510 entries, 510 decisions); every step the issue names is done
// in the browser: a unit's criterion and submission with the fresh total, the administrator's
// "not submitted" for the one unit that never submits, a not-applicable claim confirmed and one
// refused in the appraisal drawer, the chair reading a proposal before approving it, publication,
// the unit's results and published rank, the data-feed import, an API token and a unit's read-only
// figures with their source.
const PAR = 'par-index';
const TASKS = 'task-performance';
const SILENT = 'SDTTG'; // fills in, never submits
const BY_HAND = 'SXD'; // one criterion and the submission in the browser
const CLAIMANT = 'SYT'; // claims 3.1 and 3.2 "not applicable" (appraised by VPUBND)
const ADJUSTED = 'SCT'; // one criterion lowered by the appraiser, raised again by the council
const NA_REASON = 'Đơn vị không có thủ tục hành chính thuộc thẩm quyền giải quyết';
const REFUSAL = 'Sở Y tế giải quyết 12 thủ tục hành chính lĩnh vực dược (Quyết định 45/QĐ-UBND)';
const NOT_SUBMITTED = 'Quá hạn tự đánh giá, đơn vị không gửi kết quả dù đã được nhắc hai lần';
const APPRAISAL_REASON = 'Kế hoạch ban hành chậm so với thời hạn quy định';
const COUNCIL_REASON = 'Đơn vị đã gửi văn bản chứng minh kế hoạch ban hành đúng hạn';
const DECISION = '88/QĐ-UBND';
const FEED_LEAF = '1.1';
const PAR_FEED_LEAF = '4.1';

interface Disputed { nodeKey: string; code: string; version: number }
interface CouncilTable { rows: { unit: { id: string }; disputed: Disputed[] }[] }

/** Vietnamese display of points ("2.5" → "2,5"). */
const vn = (p: string) => String(Number(p)).replace('.', ',');

test('cả năm cho một nhóm: 15 sở, ban, ngành từ tự đánh giá đến công bố; dữ liệu từ hệ thống', async ({ page, playwright, baseURL }, testInfo) => {
  test.setTimeout(600_000);
  const base = baseURL!;
  const api = playwright.request;
  const admin = await As.login(api, base, ADMIN_USER, ADMIN_PASSWORD);
  const year = await freeYear(admin, [PAR, TASKS]);
  const name = `Chỉ số CCHC năm ${year} (cả nhóm sở, ban, ngành)`;

  // ---------- set-up (administrator, API): the departments' group, all its units, its own year ----------
  const par = await createCycle(admin, {
    program: PAR, year, name, groupOf: 'SNV', frameworkLabel: /sở, ban, ngành/i, agencies: 'own', chair: COUNCIL.chair,
    policy: { nonSubmittedScoring: 'entries' },
  });
  const cycleId = par.cycle.id;
  expect(par.units).toHaveLength(15);
  const [silent, byHand, claimant, adjusted] = [SILENT, BY_HAND, CLAIMANT, ADJUSTED].map(par.unit) as [typeof par.units[0], typeof par.units[0], typeof par.units[0], typeof par.units[0]];
  const leaf = (code: string) => par.leaves.find((l) => l.code === code)!;
  expect(leaf('3.1').agency).toBe('VPUBND');
  const choices = par.leaves.filter((l) => l.rule?.type === 'choice');
  const handLeaf = choices[choices.length - 1]!;

  // ---------- self-assessment: every unit fills in (API); the claimant declares two criteria not applicable ----------
  const claims = new Set(['3.1', '3.2']);
  await inBatches(par.units.filter((u) => u !== claimant), 5, (u) => fillUnit(api, base, cycleId, u, {
    skip: u === byHand ? new Set([handLeaf.key]) : undefined,
    submit: u !== silent && u !== byHand,
  }));
  await fillUnit(api, base, cycleId, claimant, {
    input: (l: Leaf) => (claims.has(l.code) ? { kind: 'not_applicable', reason: NA_REASON } : undefined), submit: true,
  });

  // One head enters the last criterion in the browser: the submission tab is current without a reload.
  await login(page, accountsOf(BY_HAND).head, DEMO_PASSWORD);
  await page.locator('.ant-card').filter({ hasText: name }).getByRole('button').first().click();
  await expect(page).toHaveURL(/\/assessments\//);
  await page.getByRole('tab', { name: 'Tổng hợp và gửi' }).click();
  const submit = page.getByRole('button', { name: /Gửi kết quả tự đánh giá/ });
  await expect(submit).toBeDisabled();
  await page.getByRole('tab', { name: 'Tiêu chí' }).click();
  await page.getByTestId(`node-${handLeaf.code}`).click();
  await page.locator('.as-leaf').getByRole('radio').first().check();
  await expect(page.getByTestId('save-status')).toContainText('Đã lưu lúc');
  const live = (await page.getByTestId('total-points').innerText()).split('/')[0]!.trim();
  await page.getByRole('tab', { name: 'Tổng hợp và gửi' }).click();
  await expect(submit).toBeEnabled();
  const summary = page.locator('.ant-card').filter({ hasText: 'Tổng hợp kết quả tự đánh giá' });
  await expect(summary.locator('.ant-statistic').first()).toContainText(live);
  await expect(page.locator('.ant-card').filter({ hasText: 'Kiểm tra trước khi gửi' }).getByText('Không có vấn đề nào')).toBeVisible();
  await snapBoth(page, testInfo, 'unit-submit-tab-fresh');
  await submit.click();
  await page.getByRole('dialog').getByRole('button', { name: /Gửi kết quả tự đánh giá/ }).click();
  await expect(page.getByText('Đã gửi', { exact: true }).first()).toBeVisible();
  await logout(page);

  // ---------- the deadline passes; the administrator records the silent unit as not submitted (UI) ----------
  await setCalendar(admin, cycleId, 'appraisal');
  await login(page, ADMIN_USER, ADMIN_PASSWORD);
  await page.goto(`/cycles/${cycleId}`);
  await expect(page.getByRole('heading', { name: 'Theo đơn vị' })).toBeVisible();
  const silentRow = page.getByRole('row').filter({ hasText: silent.name });
  await silentRow.getByRole('button', { name: `Thao tác với ${silent.name}` }).click();
  await page.getByRole('menuitem', { name: 'Ghi nhận không nộp' }).click();
  const notSubmitted = page.getByRole('dialog', { name: `Ghi nhận không nộp — ${silent.name}` });
  await notSubmitted.getByLabel('Lý do').fill(NOT_SUBMITTED);
  await notSubmitted.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(notSubmitted).toBeHidden();
  await expect(silentRow.getByTestId('submission-mode')).toHaveText('Không nộp (Sở Nội vụ ghi nhận)');
  await snapBoth(page, testInfo, 'admin-progress-not-submitted');
  await logout(page);

  // ---------- appraisal: the Office of the PPC confirms one claim and refuses the other, in the drawer ----------
  await login(page, par.appraiserFor('VPUBND'), DEMO_PASSWORD);
  await page.goto(`/appraisal?cycle=${cycleId}`);
  const drawer = page.getByRole('dialog', { name: new RegExp(`— ${claimant.name}`) });
  await page.getByRole('button', { name: `Mở 3.2 — ${claimant.name}` }).click();
  await expect(drawer.getByTestId('na-claim')).toContainText(NA_REASON);
  // The server's answer, then the cell: the drawer's message waits for the whole grid to be read
  // again (15 units), which can take long on a busy machine.
  let answer = serverAnswer(page, '/decide');
  await drawer.getByRole('button', { name: 'Xác nhận không áp dụng' }).click();
  expect((await answer).ok()).toBe(true);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId(`cell-3.2-${CLAIMANT}`).getByText('Không áp dụng', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: `Mở 3.1 — ${claimant.name}` }).click();
  await expect(drawer.getByTestId('na-claim')).toContainText(NA_REASON);
  await drawer.getByText('Không chấp nhận', { exact: true }).click();
  await drawer.getByRole('radiogroup', { name: 'Câu trả lời' }).getByText('Có', { exact: true }).click();
  await drawer.getByLabel(/Lý do không chấp nhận/).fill(REFUSAL);
  await snapBoth(page, testInfo, 'appraiser-drawer-refuse', { screen: true });
  answer = serverAnswer(page, '/decide');
  await drawer.getByRole('button', { name: 'Không chấp nhận «không áp dụng»' }).click();
  expect((await answer).ok()).toBe(true);
  await expect(page.getByText('Đã không chấp nhận «không áp dụng»; đơn vị đã được thông báo')).toBeVisible({ timeout: 60_000 });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId(`cell-3.1-${CLAIMANT}`).getByText('Không chấp nhận không áp dụng')).toBeVisible();
  await snapBoth(page, testInfo, 'appraiser-grid-claims-decided');
  await logout(page);

  // The appraiser of one criterion lowers it for one unit with a reason (API); every appraiser accepts the rest.
  const lowered = choices.find((l) => l.agency && l.key !== handLeaf.key)!;
  const lowerer = await As.login(api, base, par.appraiserFor(lowered.agency!), DEMO_PASSWORD);
  await lowerer.call('POST', `/cycles/${cycleId}/units/${adjusted.id}/actions/start_appraisal`, {});
  const cell = (await lowerer.call<Assessment>('GET', `/cycles/${cycleId}/units/${adjusted.id}/assessment`)).records[lowered.key]!;
  await lowerer.call('POST', `/cycles/${cycleId}/units/${adjusted.id}/criteria/${lowered.key}/decide`, {
    version: cell.version, decision: { kind: 'adjust', value: { points: '0' }, reason: APPRAISAL_REASON },
  });
  await lowerer.dispose();
  const ids = par.units.map((u) => u.id);
  for (const user of par.appraisers) await acceptAll(api, base, cycleId, user, ids);
  // No agency appraises its own unit: the administrator (or a council member) accepts those cells instead.
  expect(await acceptInstead(api, base, cycleId, ids)).toBeGreaterThan(0);
  expect(Object.values(await unitStates(admin, cycleId, ids))).toEqual(ids.map(() => 'appraised'));
  // Sở Tư pháp's appraiser: the cells of its own unit say who appraises them instead.
  await login(page, par.appraiserFor('STP'), DEMO_PASSWORD);
  await page.goto(`/appraisal?cycle=${cycleId}`);
  const ownCell = page.getByTestId(new RegExp(`^cell-.*-STP$`)).first();
  await expect(ownCell.getByText('Sở Nội vụ hoặc Hội đồng thẩm định thay')).toBeVisible();
  await ownCell.scrollIntoViewIfNeeded();
  await expect(page.getByTestId(new RegExp(`^cell-.*-${adjusted.code}$`)).first().getByText('Sở Nội vụ hoặc Hội đồng thẩm định thay')).toHaveCount(0);
  await snapBoth(page, testInfo, 'appraiser-own-unit-instead');
  await logout(page);

  // ---------- the council: a member proposes (API); the chair sees the proposal, approves it (UI) ----------
  await setCalendar(admin, cycleId, 'council');
  const member = await As.login(api, base, COUNCIL.member, DEMO_PASSWORD);
  const table = await member.call<CouncilTable>('GET', `/cycles/${cycleId}/council?groupId=${par.groupId}`);
  const disputed = table.rows.find((r) => r.unit.id === adjusted.id)!.disputed.find((d) => d.nodeKey === lowered.key)!;
  await member.call('POST', `/cycles/${cycleId}/units/${adjusted.id}/criteria/${lowered.key}/propose`, {
    version: disputed.version, value: { points: lowered.maxPoints }, reason: COUNCIL_REASON,
  });
  for (const id of ids) await member.call('POST', `/cycles/${cycleId}/units/${id}/actions/record_council_review`, {});
  const memberName = (await member.call<{ user: { fullName: string } }>('GET', '/auth/me')).user.fullName;
  await member.dispose();

  await login(page, COUNCIL.chair, DEMO_PASSWORD);
  await page.goto(`/council?cycle=${cycleId}&group=${par.groupId}`);
  const pending = page.getByRole('region', { name: 'Đề xuất chờ Chủ tịch Hội đồng duyệt' });
  const proposal = pending.getByRole('row').filter({ hasText: COUNCIL_REASON });
  await expect(proposal).toContainText(adjusted.name);
  await expect(proposal).toContainText(lowered.code);
  await expect(proposal).toContainText(memberName);
  await expect(proposal).toContainText(vn(lowered.maxPoints));
  await expect(proposal).toContainText(APPRAISAL_REASON);
  await snapBoth(page, testInfo, 'chair-sees-proposal');
  answer = serverAnswer(page, '/approve');
  await proposal.getByRole('button', { name: new RegExp(`^Duyệt ${lowered.code} — ${adjusted.name}`) }).click();
  expect((await answer).ok()).toBe(true);
  await expect(pending.getByRole('row').filter({ hasText: COUNCIL_REASON })).toHaveCount(0, { timeout: 60_000 });
  await logout(page);
  const chair = await As.login(api, base, COUNCIL.chair, DEMO_PASSWORD);
  for (const id of ids) await chair.call('POST', `/cycles/${cycleId}/units/${id}/actions/approve`, {});
  await chair.dispose();
  expect(Object.values(await unitStates(admin, cycleId, ids))).toEqual(ids.map(() => 'approved'));

  // ---------- the administrator publishes the group (UI) ----------
  await login(page, ADMIN_USER, ADMIN_PASSWORD);
  await page.goto(`/council?cycle=${cycleId}&group=${par.groupId}`);
  await page.getByRole('button', { name: 'Công bố kết quả nhóm' }).click();
  const confirm = page.getByRole('dialog');
  await confirm.getByLabel('Số quyết định').fill(DECISION);
  await confirm.getByRole('button', { name: 'Công bố kết quả nhóm' }).click();
  await expect(page.getByText('Đã công bố (bản 1)')).toBeVisible();
  await snapBoth(page, testInfo, 'admin-published');
  await logout(page);

  // ---------- the unit sees its published index, rank and class, and its appraised results ----------
  await login(page, accountsOf(ADJUSTED).head, DEMO_PASSWORD);
  const card = page.locator('.ant-card').filter({ hasText: name });
  await expect(card.getByTestId('my-published')).toContainText('Chỉ số công bố');
  await expect(card.getByTestId('my-published')).toContainText(/\d+\/15/);
  await expect(card.getByText(/quá hạn/i)).toHaveCount(0);
  await snapBoth(page, testInfo, 'unit-work-list-published');
  await card.getByRole('button').first().click();
  await expect(page.getByTestId('published-result')).toContainText(/\d+\/15/);
  await expect(page.getByText(`Quyết định số ${DECISION}`)).toBeVisible();
  const result = page.getByTestId('unit-results').getByTestId(`result-${lowered.key}`);
  await expect(result).toContainText(APPRAISAL_REASON);
  await expect(result).toContainText(COUNCIL_REASON);
  await expect(result).toContainText('theo Hội đồng');
  await expect(page.getByTestId('result-totals')).toContainText('Điểm sau thẩm định');
  await snapBoth(page, testInfo, 'unit-results-published');
  await logout(page);

  // ---------- data feeds: the task-performance cycle of the same year and group ----------
  const tasks = await createCycle(admin, { program: TASKS, year, name: `Đánh giá thực hiện nhiệm vụ năm ${year} (cả nhóm)`, groupOf: 'SNV', agencies: 'own' });
  const feedKey = tasks.leaves.find((l) => l.code === FEED_LEAF)!.key;
  const parFeedKey = tasks.leaves.find((l) => l.code === PAR_FEED_LEAF)!.key;
  await login(page, ADMIN_USER, ADMIN_PASSWORD);
  await page.goto(`/cycles/${tasks.cycle.id}?tab=feeds`);
  await expect(page.getByText('0/30 mục đã có số liệu')).toBeVisible();

  // The template, filled for 1.1 of every unit but the one another system sends, imported (UI).
  await page.getByRole('button', { name: 'Nhập số liệu từ tệp' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nhập số liệu từ hệ thống' });
  const download = page.waitForEvent('download');
  await dialog.getByRole('link', { name: /Tải tệp mẫu/ }).click();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(fs.readFileSync(await (await download).path()) as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0]!;
  expect(sheet.rowCount - 1).toBe(30); // 15 units × 2 data-feed criteria
  let filled = 0;
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (row.getCell(3).value !== FEED_LEAF || row.getCell(1).value === ADJUSTED) continue;
    row.getCell(7).value = 16 + (r % 5);
    row.getCell(9).value = 20;
    row.getCell(11).value = 'Hệ thống theo dõi nhiệm vụ UBND tỉnh';
    filled += 1;
  }
  expect(filled).toBe(14);
  const file = testInfo.outputPath('so-lieu-nhiem-vu.xlsx');
  await workbook.xlsx.writeFile(file);
  await dialog.locator('input[type=file]').setInputFiles(file);
  await dialog.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  await expect(dialog.getByRole('status')).toContainText(/\b14 số liệu/);
  await snapBoth(page, testInfo, 'admin-feed-import-checked');
  await dialog.getByRole('button', { name: 'Xác nhận nhập' }).click();
  await expect(page.getByText('Đã nhập 14 số liệu.')).toBeVisible();
  await expect(page.getByText('14/30 mục đã có số liệu')).toBeVisible();

  // An API token made in the browser; another system pushes the last 1.1 figure with it (Bearer).
  await page.getByRole('button', { name: 'Tạo mã truy cập' }).click();
  const create = page.getByRole('dialog', { name: 'Tạo mã truy cập' });
  await create.getByLabel('Tên (hệ thống sử dụng mã)').fill('Hệ thống theo dõi nhiệm vụ');
  await create.getByRole('button', { name: 'Tạo mã truy cập' }).click();
  const shown = page.getByRole('dialog', { name: 'Mã truy cập mới' });
  const token = (await shown.getByTestId('new-api-token').textContent())!.trim();
  expect(token).toMatch(/^chiso_df_/);
  await shown.getByRole('button', { name: 'Đã sao chép, đóng' }).click();
  const system = await api.newContext({ baseURL: base });
  const pushed = await system.post(`/api/cycles/${tasks.cycle.id}/data-feeds/push`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { source: 'Hệ thống theo dõi nhiệm vụ', values: [{ unit: ADJUSTED, criterion: feedKey, numerator: 18, denominator: 20, period: String(year) }] },
  });
  expect(pushed.status(), await pushed.text()).toBe(200);
  expect(await pushed.json()).toEqual({ received: 1, unchanged: 0 });
  await system.dispose();
  await page.reload();
  await expect(page.getByText('15/30 mục đã có số liệu')).toBeVisible();

  // 4.1 takes each unit's PAR index just published.
  await page.getByRole('button', { name: 'Lấy từ kết quả đã công bố' }).click();
  await expect(page.getByText(/Đã lấy 15 số liệu/)).toBeVisible();
  await expect(page.getByText('30/30 mục đã có số liệu')).toBeVisible();
  await snapBoth(page, testInfo, 'admin-data-feeds');
  await logout(page);

  // ---------- the unit sees its figures read-only, with their source ----------
  await login(page, accountsOf(ADJUSTED).officer, DEMO_PASSWORD);
  await page.goto(`/assessments/${tasks.cycle.id}/${adjusted.id}?node=${feedKey}`);
  const value = page.getByTestId('data-feed-value');
  await expect(value).toContainText('Số liệu từ hệ thống (chỉ xem)');
  await expect(value).toContainText('Gửi qua API');
  await expect(value).toContainText('90,00%');
  await expect(value.getByRole('textbox')).toHaveCount(0);
  await snapBoth(page, testInfo, 'unit-feed-pushed');
  await page.goto(`/assessments/${tasks.cycle.id}/${adjusted.id}?node=${parFeedKey}`);
  await expect(value).toContainText('Kết quả chiso đã công bố');
  await expect(value).toContainText(name);
  await expect(value).toContainText(DECISION);
  await snapBoth(page, testInfo, 'unit-feed-from-par');
  await admin.dispose();
});
